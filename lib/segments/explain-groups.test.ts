import { describe, expect, it } from "vitest";
import type { ConditionTree } from "./condition-schema";
import { explainGroups, type LeafExplanation } from "./explain-groups";

// Plan is pro, and (country is FR, or (placed an order, and viewed a page)).
const tree: ConditionTree = {
  type: "group",
  operator: "and",
  conditions: [
    { type: "attribute", key: "plan", filter: { operator: "equals", valueType: "string", value: "pro" } },
    {
      type: "group",
      operator: "or",
      conditions: [
        { type: "location", field: "country", operator: "is_one_of", values: ["FR"] },
        {
          type: "group",
          operator: "and",
          conditions: [
            { type: "event", event: "order_completed", operator: "performed", window: { type: "ever" }, filters: [] },
            { type: "event", event: "page_viewed", operator: "performed", window: { type: "ever" }, filters: [] },
          ],
        },
      ],
    },
  ],
};

const leaf = (path: number[], matched: boolean): LeafExplanation => ({ path, description: `leaf ${path.join(".")}`, matched, actual: `actual ${path.join(".")}` });

describe("explainGroups", () => {
  it("gives each nested group its own result with its conditions under it", () => {
    const result = explainGroups(tree, [leaf([0], true), leaf([1, 0], false), leaf([1, 1, 0], true), leaf([1, 1, 1], true)]);
    expect(result).toEqual({
      type: "group",
      path: [],
      operator: "and",
      description: "All of these",
      matched: true,
      actual: "2 of 2 hold",
      children: [
        { type: "leaf", path: [0], description: "leaf 0", matched: true, actual: "actual 0" },
        {
          type: "group",
          path: [1],
          operator: "or",
          description: "Any of these",
          matched: true,
          actual: "1 of 2 holds — one is enough",
          children: [
            { type: "leaf", path: [1, 0], description: "leaf 1.0", matched: false, actual: "actual 1.0" },
            {
              type: "group",
              path: [1, 1],
              operator: "and",
              description: "All of these",
              matched: true,
              actual: "2 of 2 hold",
              children: [
                { type: "leaf", path: [1, 1, 0], description: "leaf 1.1.0", matched: true, actual: "actual 1.1.0" },
                { type: "leaf", path: [1, 1, 1], description: "leaf 1.1.1", matched: true, actual: "actual 1.1.1" },
              ],
            },
          ],
        },
      ],
    });
  });

  it("a false condition deep down fails its all-of group, which fails the any-of above it, which fails the segment", () => {
    const result = explainGroups(tree, [leaf([0], true), leaf([1, 0], false), leaf([1, 1, 0], true), leaf([1, 1, 1], false)]);
    const anyOf = result.children[1];
    if (anyOf.type !== "group") throw new Error("expected the any-of group");
    expect(anyOf.children[1]).toMatchObject({ matched: false, actual: "1 of 2 holds — needs all of them" });
    expect(anyOf).toMatchObject({ matched: false, actual: "none of 2 hold — needs at least one" });
    expect(result).toMatchObject({ matched: false, actual: "1 of 2 holds — needs all of them" });
  });

  it("refuses results that do not fit the tree rather than guessing", () => {
    expect(() => explainGroups(tree, [leaf([0], true)])).toThrow(/No result for the condition at 1.0/);
  });
});
