import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { segmentMemberChanges, segmentMembers } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertAutomaticSegment, insertCustomers, insertEvents } from "@/tests/helpers/segment-fixtures";
import type { ConditionTree } from "./condition-schema";
import { applySegmentMembership } from "./apply-membership";
import { explainMembership } from "./explain-membership";
import { previewSegment } from "./preview-segment";

const DAY = 86_400_000;
let t: TestDb;
let workspaceId: string;
let otherWorkspaceId: string;
let ids: number[];

const r1: ConditionTree = {
  type: "group",
  operator: "and",
  conditions: [
    { type: "attribute", key: "plan", filter: { operator: "is_one_of", values: ["pro", "enterprise"] } },
    { type: "location", field: "country", operator: "is_one_of", values: ["DE", "FR"] },
    { type: "event", event: "order_completed", operator: "performed", count: { operator: "at_least", value: 2 }, window: { type: "last", amount: 30, unit: "days" }, filters: [] },
  ],
};

beforeAll(async () => {
  t = await createTestDb();
  workspaceId = await createWorkspace(t.db, "A");
  otherWorkspaceId = await createWorkspace(t.db, "B");
  ids = await insertCustomers(t.db, workspaceId, [
    { attributes: { plan: "pro", name: "Ada" }, country: "DE" },
    { attributes: { plan: "pro" }, country: "DE" },
    { attributes: { plan: "free" }, country: "FR" },
  ]);
  await insertCustomers(t.db, otherWorkspaceId, [{ attributes: { plan: "pro" }, country: "DE" }]);
  const now = Date.now();
  await insertEvents(t.db, workspaceId, [
    { customerId: ids[0], name: "order_completed", at: new Date(now - DAY) },
    { customerId: ids[0], name: "order_completed", at: new Date(now - 2 * DAY) },
    { customerId: ids[1], name: "order_completed", at: new Date(now - DAY) },
    { customerId: ids[1], name: "order_completed", at: new Date(now - 45 * DAY) },
  ]);
});
afterAll(async () => t.close());

describe("previewSegment", () => {
  it("counts and samples the draft's customers in this workspace only, and writes nothing", async () => {
    const before = (await t.db.select({ n: count() }).from(segmentMembers))[0].n;
    const preview = await previewSegment(t.db, workspaceId, { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "equals", valueType: "string", value: "pro" } }] });
    expect(preview.count).toBe(2);
    expect(preview.sample.map((c) => c.id)).toEqual([ids[1], ids[0]]);
    expect(preview.sample[1].name).toBe("Ada");
    expect((await previewSegment(t.db, workspaceId, r1)).count).toBe(1);
    expect((await t.db.select({ n: count() }).from(segmentMembers))[0].n).toBe(before);
    expect((await t.db.select({ n: count() }).from(segmentMemberChanges))[0].n).toBe(0);
  });

  it("refuses a malformed draft or one naming a missing segment with a clear message", async () => {
    await expect(previewSegment(t.db, workspaceId, { type: "group", operator: "and", conditions: [] })).rejects.toThrow("A group needs at least one condition");
    await expect(
      previewSegment(t.db, workspaceId, { type: "group", operator: "and", conditions: [{ type: "segment", operator: "in", segmentId: "seg_missing" }] }),
    ).rejects.toThrow(/refers to a segment that does not exist/);
  });
});

describe("explainMembership", () => {
  it("gives each condition's result and the customer's actual value", async () => {
    const segment = await insertAutomaticSegment(t.db, workspaceId, r1, "Active pros");
    await applySegmentMembership(t.db, { workspaceId, segmentId: segment.id, tree: r1, scope: { type: "all" }, now: new Date() });
    const inside = await explainMembership(t.db, workspaceId, segment.publicId, ids[0]);
    expect(inside).toMatchObject({ isMember: true, matches: true });
    expect(inside.leaves.map((l) => l.matched)).toEqual([true, true, true]);

    const outside = await explainMembership(t.db, workspaceId, segment.publicId, ids[1]);
    expect(outside).toMatchObject({ isMember: false, matches: false });
    expect(outside.leaves).toEqual([
      { path: [0], description: 'Plan is "pro" or "enterprise"', matched: true, actual: 'Plan: "pro"' },
      { path: [1], description: 'Country is "DE" or "FR"', matched: true, actual: 'Country: "DE"' },
      {
        path: [2],
        description: "placed an order at least 2 times in the last 30 days",
        matched: false,
        actual: "Placed an order: 1 time in the last 30 days — needs at least 2",
      },
    ]);
  });

  it("gives a nested group's own result, which equals what the segment's conditions say", async () => {
    // Plan is pro or enterprise, and (country is FR, or placed an order at least 2 times in the last 30 days).
    const nested: ConditionTree = { type: "group", operator: "and", conditions: [r1.conditions[0], { type: "group", operator: "or", conditions: [{ type: "location", field: "country", operator: "is_one_of", values: ["FR"] }, r1.conditions[2]] }] };
    const segment = await insertAutomaticSegment(t.db, workspaceId, nested, "Nested");
    await applySegmentMembership(t.db, { workspaceId, segmentId: segment.id, tree: nested, scope: { type: "all" }, now: new Date() });
    const inside = await explainMembership(t.db, workspaceId, segment.publicId, ids[0]);
    expect(inside).toMatchObject({ isMember: true, matches: true, tree: { matched: true, children: [{ type: "leaf", matched: true }, { type: "group", operator: "or", matched: true, actual: "1 of 2 holds — one is enough" }] } });
    expect(inside.tree.children[1]).toMatchObject({ children: [{ path: [1, 0], matched: false, actual: 'Country: "DE"' }, { path: [1, 1], matched: true }] });
    const outside = await explainMembership(t.db, workspaceId, segment.publicId, ids[1]);
    expect(outside).toMatchObject({ isMember: false, matches: false, tree: { matched: false, actual: "1 of 2 holds — needs all of them" } });
    expect(outside.tree.children[1]).toMatchObject({ matched: false, actual: "none of 2 hold — needs at least one" });
  });

  it("does not explain another workspace's segment or customer", async () => {
    const segment = await insertAutomaticSegment(t.db, workspaceId, r1);
    await expect(explainMembership(t.db, otherWorkspaceId, segment.publicId, ids[0])).rejects.toThrow("Segment not found");
    const other = await insertAutomaticSegment(t.db, otherWorkspaceId, r1);
    await expect(explainMembership(t.db, otherWorkspaceId, other.publicId, ids[0])).rejects.toThrow("Customer not found");
  });
});
