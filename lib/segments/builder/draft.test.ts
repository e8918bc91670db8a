import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionTreeSchema, emptyTextValueIssues, LIMITS, treeDepth, type ConditionTree, type ValueType } from "@/lib/segments/condition-schema";
import { tree as treeArb, valueFilter } from "@/tests/helpers/condition-arbitraries";
import { fromTree, parseNumber, sequentialIds, toTree, type DraftGroup } from "./draft";
import { validateDraft } from "./validate";

const valid = treeArb.map((t) => conditionTreeSchema.safeParse(t)).filter((r) => r.success).map((r) => r.data!);
const anyType = fc.constantFrom<ValueType | undefined>("string", "number", "boolean", "date", undefined);

const g = (conditions: ConditionTree["conditions"], operator: "and" | "or" = "and"): ConditionTree => ({ type: "group", operator, conditions });

/** One tree per leaf type and operator, so each is pinned even if generation drifts. */
const everyLeaf: ConditionTree = g([
  { type: "attribute", key: "plan", filter: { operator: "equals", valueType: "string", value: "pro" } },
  { type: "attribute", key: "plan", filter: { operator: "not_equals", valueType: "string", value: "" } },
  { type: "attribute", key: "ltv", filter: { operator: "equals", valueType: "number", value: 12.5 } },
  { type: "attribute", key: "subscribed", filter: { operator: "equals", valueType: "boolean", value: false } },
  { type: "attribute", key: "signup", filter: { operator: "not_equals", valueType: "date", value: "2026-05-01" } },
  { type: "attribute", key: "company", filter: { operator: "contains", value: "Labs" } },
  { type: "attribute", key: "company", filter: { operator: "not_contains", value: "Inc" } },
  { type: "attribute", key: "email", filter: { operator: "starts_with", value: "ada" } },
  { type: "attribute", key: "email", filter: { operator: "ends_with", value: ".de" } },
  { type: "attribute", key: "ltv", filter: { operator: "gt", value: 100 } },
  { type: "attribute", key: "ltv", filter: { operator: "gte", value: -1 } },
  { type: "attribute", key: "ltv", filter: { operator: "lt", value: 0.5 } },
  { type: "attribute", key: "ltv", filter: { operator: "lte", value: 1e21 } },
  { type: "attribute", key: "ltv", filter: { operator: "between", valueType: "number", from: 10, to: 20 } },
  { type: "attribute", key: "signup", filter: { operator: "between", valueType: "date", from: "2026-01-01", to: "2026-02-01T10:00:00Z" } },
  { type: "attribute", key: "plan", filter: { operator: "is_one_of", values: ["pro", "enterprise"] } },
  { type: "attribute", key: "age", filter: { operator: "is_not_one_of", values: [18, 19, "unknown"] } },
  { type: "attribute", key: "signup", filter: { operator: "before", value: "2026-01-01" } },
  { type: "attribute", key: "signup", filter: { operator: "after", value: "2026-01-01T12:00:00+02:00" } },
  { type: "attribute", key: "signup", filter: { operator: "within_last_days", days: 14 } },
  { type: "attribute", key: "signup", filter: { operator: "more_than_days_ago", days: 365 } },
  { type: "attribute", key: "phone", filter: { operator: "exists" } },
  { type: "attribute", key: "phone", filter: { operator: "not_exists" } },
  { type: "location", field: "country", operator: "is_one_of", values: ["DE", "FR"] },
  { type: "location", field: "region", operator: "is_not_one_of", values: ["Bavaria"] },
  { type: "location", field: "city", operator: "is_one_of", values: ["Berlin"] },
  g(
    [
      { type: "event", event: "order_completed", operator: "performed", window: { type: "ever" }, filters: [] },
      {
        type: "event",
        event: "order_completed",
        operator: "performed",
        count: { operator: "at_least", value: 2 },
        window: { type: "last", amount: 30, unit: "days" },
        filters: [{ key: "amount", filter: { operator: "gt", value: 100 } }],
      },
      { type: "event", event: "email_opened", operator: "performed", count: { operator: "at_most", value: 0 }, window: { type: "last", amount: 12, unit: "hours" }, filters: [] },
      {
        type: "event",
        event: "email_clicked",
        operator: "performed",
        count: { operator: "exactly", value: 3 },
        window: { type: "between", from: "2026-01-01", to: "2026-01-31" },
        filters: [
          { key: "campaign", filter: { operator: "is_one_of", values: ["summer_sale"] } },
          { key: "url", filter: { operator: "exists" } },
        ],
      },
      { type: "event", event: "signed_up", operator: "did_not_perform", window: { type: "last", amount: 7, unit: "days" }, filters: [] },
    ],
    "or",
  ),
  { type: "segment", operator: "in", segmentId: "seg_vip" },
  { type: "segment", operator: "not_in", segmentId: "seg_churned" },
]);

describe("toTree ∘ fromTree", () => {
  it("gives back every leaf type and operator of the schema unchanged", () => {
    const parsed = conditionTreeSchema.parse(everyLeaf);
    expect(toTree(fromTree(parsed))).toEqual(parsed);
    // A saved "Plan is not \"\"" reads back into the builder, which asks for a value at that field.
    const saved = validateDraft(fromTree(parsed));
    expect(saved.valid).toBe(false);
    expect(Object.values(saved.errors)).toEqual([{ "filter.value": ["Enter a value. For customers with any value, choose “is set”"] }]);
    const typed = conditionTreeSchema.parse(JSON.parse(JSON.stringify(parsed).replace('"value":""', '"value":"free"')));
    expect(validateDraft(fromTree(typed))).toEqual({ valid: true, tree: typed, errors: {} });
  });

  it("round-trips every generated valid tree, whatever type the catalog claims for its keys", () => {
    fc.assert(
      fc.property(valid, anyType, anyType, (tree, attributeType, propertyType) => {
        const draft = fromTree(tree, sequentialIds(), { attribute: () => attributeType, property: () => propertyType });
        expect(toTree(draft)).toEqual(tree);
        const checked = validateDraft(draft);
        const empty = emptyTextValueIssues(tree);
        if (empty.length === 0) {
          expect(checked.valid).toBe(true);
          expect(checked.tree).toEqual(tree);
        } else {
          // An empty "is" text (valid once saved, refused for new input): only that is flagged.
          expect(checked.valid).toBe(false);
          const messages = Object.values(checked.errors).flatMap((byField) => Object.values(byField).flat());
          expect(new Set(messages)).toEqual(new Set(empty.map((i) => i.message)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips the draft too: fromTree(toTree(d)) is d for a valid draft", () => {
    fc.assert(
      fc.property(valid, (tree) => {
        const draft = fromTree(tree);
        expect(fromTree(conditionTreeSchema.parse(toTree(draft)))).toEqual(draft);
      }),
      { numRuns: 200 },
    );
  });

  it("generates every operator (the property above covers them all)", () => {
    const seen = new Set(fc.sample(valueFilter, 2000).map((f) => `${f.operator}:${"valueType" in f ? f.valueType : ""}`));
    expect([...seen].sort()).toEqual(
      [
        "after:", "before:", "between:date", "between:number", "contains:", "ends_with:", "equals:boolean", "equals:date",
        "equals:number", "equals:string", "exists:", "gt:", "gte:", "is_not_one_of:", "is_one_of:", "lt:", "lte:",
        "more_than_days_ago:", "not_contains:", "not_equals:boolean", "not_equals:date", "not_equals:number",
        "not_equals:string", "not_exists:", "starts_with:", "within_last_days:",
      ].sort(),
    );
  });

  it("gives each node a stable id in reading order, the same on every call", () => {
    const draft = fromTree(conditionTreeSchema.parse(everyLeaf));
    expect(draft.id).toBe("c1");
    expect(draft.children[0].id).toBe("c2");
    expect(fromTree(conditionTreeSchema.parse(everyLeaf))).toEqual(draft);
  });

  it("never builds a tree deeper than it was given", () => {
    fc.assert(
      fc.property(valid, (tree) => {
        expect(treeDepth(toTree(fromTree(tree)) as ConditionTree)).toBe(treeDepth(tree));
        expect(treeDepth(tree)).toBeLessThanOrEqual(LIMITS.maxDepth);
      }),
      { numRuns: 100 },
    );
  });
});

describe("parseNumber", () => {
  it.each([
    ["12", 12],
    [" 1,000.5 ", 1000.5],
    ["-3", -3],
    [".5", 0.5],
    ["1e+21", 1e21],
    ["", undefined],
    ["   ", undefined],
    ["abc", "abc"],
    ["1.2.3", "1.2.3"],
  ])("reads %j as %j", (text, expected) => {
    expect(parseNumber(text)).toEqual(expected);
  });
});

describe("reading hints", () => {
  it("keeps date operators for a date attribute that is only asked to be set", () => {
    const draft = fromTree(g([{ type: "attribute", key: "signup", filter: { operator: "exists" } }]), sequentialIds(), { attribute: () => "date" }) as DraftGroup;
    expect(draft.children[0]).toMatchObject({ kind: "attribute", valueType: "date" });
  });

  it("ignores a hint the operator does not fit", () => {
    const draft = fromTree(g([{ type: "attribute", key: "ltv", filter: { operator: "gt", value: 3 } }]), sequentialIds(), { attribute: () => "string" }) as DraftGroup;
    expect(draft.children[0]).toMatchObject({ valueType: "number" });
  });
});
