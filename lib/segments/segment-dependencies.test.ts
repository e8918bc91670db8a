import { describe, expect, it } from "vitest";
import type { ConditionTree } from "./condition-schema";
import { affectedInOrder, inLevels, segmentSensitivity, type SegmentNode } from "./segment-dependencies";

const leaf = (event: string): ConditionTree => ({ type: "group", operator: "and", conditions: [{ type: "event", event, operator: "performed", window: { type: "ever" }, filters: [] }] });
const refersTo = (...ids: string[]): ConditionTree => ({ type: "group", operator: "or", conditions: ids.map((segmentId) => ({ type: "segment" as const, operator: "in" as const, segmentId })) });
const node = (id: number, tree: ConditionTree): SegmentNode => ({ id, publicId: `s${id}`, tree });

describe("segment dependencies", () => {
  const a = node(1, leaf("order"));
  const b = node(2, refersTo("s1"));
  const c = node(3, refersTo("s2", "s1"));
  const d = node(4, leaf("open"));
  const all = [c, d, b, a];

  it("re-evaluates the directly affected segments and everything that depends on them, referenced ones first", () => {
    const order = affectedInOrder(all, (n) => n.id === 1).map((n) => n.id);
    expect(order).toEqual([1, 2, 3]);
    expect(affectedInOrder(all, (n) => n.id === 4).map((n) => n.id)).toEqual([4]);
  });

  it("groups them into levels that can run at the same time", () => {
    const levels = inLevels(affectedInOrder(all, (n) => n.id === 1 || n.id === 4));
    expect(levels.map((l) => l.map((n) => n.id).sort())).toEqual([[1, 4], [2], [3]]);
  });

  it("knows what can move a customer in or out", () => {
    const s = segmentSensitivity({
      type: "group",
      operator: "and",
      conditions: [
        { type: "attribute", key: "signup_date", filter: { operator: "within_last_days", days: 3 } },
        { type: "event", event: "order", operator: "performed", window: { type: "ever" }, filters: [] },
      ],
    });
    expect(s.profile).toBe(true);
    expect([...s.eventNames]).toEqual(["order"]);
    expect(s.timeRelative).toBe(true);
  });
});
