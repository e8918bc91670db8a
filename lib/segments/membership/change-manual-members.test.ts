import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, toNumber } from "@/db/client";
import { auditLog, segmentMembers } from "@/db/schema";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertManualSegment, memberCountOf } from "@/tests/helpers/manual-fixtures";
import { insertAutomaticSegment, insertCustomers, memberIds, membersFromHistory } from "@/tests/helpers/segment-fixtures";
import type { ConditionTree } from "../condition-schema";
import { applySegmentMembership } from "../apply-membership";
import { changeManualSegmentMembers } from "./change-manual-members";
import { evaluateDependentsOfSegment } from "./evaluate-dependents";

vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn(async () => undefined) }));

let t: TestDb;
let workspaceId: string;
let otherWorkspaceId: string;
let ids: number[];
let foreignIds: number[];

beforeAll(async () => {
  t = await createTestDb();
  workspaceId = await createWorkspace(t.db, "A");
  otherWorkspaceId = await createWorkspace(t.db, "B");
  ids = await insertCustomers(t.db, workspaceId, Array.from({ length: 6 }, () => ({})));
  foreignIds = await insertCustomers(t.db, otherWorkspaceId, [{}, {}]);
});
afterAll(async () => t.close());
beforeEach(() => vi.mocked(sendJobEvent).mockClear());

async function sourcesOf(segmentId: number) {
  const rows = await t.db.select({ id: segmentMembers.customerId, sources: segmentMembers.sources, source: segmentMembers.source }).from(segmentMembers).where(eq(segmentMembers.segmentId, segmentId));
  return new Map(rows.map((r) => [toNumber(r.id), { bits: r.sources, first: r.source }]));
}

describe("changeManualSegmentMembers", () => {
  it("adds with the source recorded, writes history and the audit log, moves member_count; adding again changes nothing", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    const added = await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "add", source: "api", customers: { ids: [ids[0], ids[1], ids[1]] }, actorUserId: null });
    expect(added).toEqual({ op: "add", requested: 2, changed: 2, unchanged: 0, keptByOtherSource: 0 });
    expect(await memberIds(t.db, seg.id)).toEqual([ids[0], ids[1]]);
    expect(await membersFromHistory(t.db, seg.id)).toEqual([ids[0], ids[1]]);
    expect(await memberCountOf(t.db, seg.id)).toBe(2);
    expect((await sourcesOf(seg.id)).get(ids[0])).toEqual({ bits: 4, first: "api" });

    const again = await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "add", source: "api", customers: { ids: [ids[0], ids[1]] }, actorUserId: null });
    expect(again).toMatchObject({ requested: 2, changed: 0, unchanged: 2 });
    expect(await memberCountOf(t.db, seg.id)).toBe(2);
    const history = await queryRows<{ n: unknown }>(t.db, sql`SELECT count(*) AS n FROM segment_member_changes WHERE segment_id = ${seg.id}`);
    expect(toNumber(history[0].n)).toBe(2);

    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.target, seg.publicId)));
    expect(audit.map((a) => a.action)).toEqual(["segment.members_added", "segment.members_added"]);
    expect(audit[0].data).toMatchObject({ source: "api", requested: 2, changed: 2 });
  });

  it("ignores other workspaces' customer ids and refuses automatic or foreign segments", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    const result = await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "add", source: "selection", customers: { ids: [foreignIds[0], ids[2]] }, actorUserId: null });
    expect(result).toMatchObject({ requested: 1, changed: 1 });
    expect(await memberIds(t.db, seg.id)).toEqual([ids[2]]);

    const automatic = await insertAutomaticSegment(t.db, workspaceId, { type: "group", operator: "and", conditions: [{ type: "attribute", key: "x", filter: { operator: "exists" } }] } as ConditionTree);
    await expect(changeManualSegmentMembers(t.db, workspaceId, automatic.publicId, { op: "add", source: "api", customers: { ids: [ids[0]] }, actorUserId: null })).rejects.toThrow(/automatic segment/);
    await expect(changeManualSegmentMembers(t.db, otherWorkspaceId, seg.publicId, { op: "add", source: "api", customers: { ids: [foreignIds[0]] }, actorUserId: null })).rejects.toThrow("That segment does not exist");
    expect(await memberIds(t.db, seg.id)).toEqual([ids[2]]);
  });

  it("removes: history, count, not-members counted; a query over a table works like ids", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "add", source: "csv", customers: { workspaceScopedQuery: sql`SELECT id FROM customers WHERE workspace_id = ${workspaceId}::uuid` }, actorUserId: null });
    expect(await memberCountOf(t.db, seg.id)).toBe(6);
    const removed = await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "remove", source: "csv", customers: { ids: [ids[0], ids[1]] }, actorUserId: null });
    expect(removed).toEqual({ op: "remove", requested: 2, changed: 2, unchanged: 0, keptByOtherSource: 0 });
    const again = await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "remove", source: "api", customers: { ids: [ids[0], ids[2]] }, actorUserId: null });
    expect(again).toEqual({ op: "remove", requested: 2, changed: 1, unchanged: 1, keptByOtherSource: 0 });
    expect(await memberIds(t.db, seg.id)).toEqual(ids.slice(3));
    expect(await membersFromHistory(t.db, seg.id)).toEqual(ids.slice(3));
    expect(await memberCountOf(t.db, seg.id)).toBe(3);
  });

  it("a member added by hand and by a data store stays until both removed it; a store removes only what it added", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    const [a, b, c] = ids;
    await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "add", source: "csv", customers: { ids: [a, b] }, actorUserId: null });
    const store = await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "add", source: "data_store", customers: { ids: [b, c] }, actorUserId: null });
    expect(store).toMatchObject({ changed: 1, unchanged: 1 });
    expect((await sourcesOf(seg.id)).get(b)).toEqual({ bits: 1 | 8, first: "csv" });

    // The store lets go of b and a (a it never added): b stays (added by hand), a stays.
    const storeRemoves = await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "remove", source: "data_store", customers: { ids: [a, b] }, actorUserId: null });
    expect(storeRemoves).toEqual({ op: "remove", requested: 2, changed: 0, unchanged: 0, keptByOtherSource: 2 });
    expect(await memberIds(t.db, seg.id)).toEqual([a, b, c]);

    // A person removes c (the store holds it): c stays. Then removes b: gone (the store already let go).
    const handRemoves = await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "remove", source: "selection", customers: { ids: [b, c] }, actorUserId: null });
    expect(handRemoves).toMatchObject({ changed: 1, keptByOtherSource: 1 });
    expect(await memberIds(t.db, seg.id)).toEqual([a, c]);
    expect((await sourcesOf(seg.id)).get(c)).toEqual({ bits: 8, first: "data_store" });
    // Adding c by hand again, then the store removing it: c stays until the hand removes it too.
    await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "add", source: "api", customers: { ids: [c] }, actorUserId: null });
    await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "remove", source: "data_store", customers: { ids: [c] }, actorUserId: null });
    expect(await memberIds(t.db, seg.id)).toEqual([a, c]);
    await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "remove", source: "csv", customers: { ids: [c] }, actorUserId: null });
    expect(await memberIds(t.db, seg.id)).toEqual([a]);
    expect(await membersFromHistory(t.db, seg.id)).toEqual([a]);
    expect(await memberCountOf(t.db, seg.id)).toBe(1);
  });

  it("queues the segments that use this one, which then follow the change", async () => {
    const seg = await insertManualSegment(t.db, workspaceId, "VIPs");
    const inVips: ConditionTree = { type: "group", operator: "and", conditions: [{ type: "segment", operator: "in", segmentId: seg.publicId }] };
    const notInVips: ConditionTree = { type: "group", operator: "and", conditions: [{ type: "segment", operator: "not_in", segmentId: seg.publicId }] };
    const dep = await insertAutomaticSegment(t.db, workspaceId, inVips, "In VIPs");
    const depOfDep: ConditionTree = { type: "group", operator: "and", conditions: [{ type: "segment", operator: "not_in", segmentId: dep.publicId }] };
    const dep2 = await insertAutomaticSegment(t.db, workspaceId, depOfDep, "Not in 'In VIPs'");
    const unrelated = await insertAutomaticSegment(t.db, workspaceId, notInVips, "Not VIPs");
    for (const s of [dep, dep2, unrelated]) {
      const tree = s.conditions as ConditionTree;
      await applySegmentMembership(t.db, { workspaceId, segmentId: s.id, tree, scope: { type: "all" }, now: new Date() });
    }
    expect(await memberIds(t.db, dep.id)).toEqual([]);

    await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "add", source: "api", customers: { ids: [ids[0], ids[1]] }, actorUserId: null });
    expect(sendJobEvent).toHaveBeenCalledWith({ name: "segments/members.changed", data: { workspaceId, segmentPublicId: seg.publicId, customerIds: [ids[0], ids[1]] } });
    const evaluated = await evaluateDependentsOfSegment(t.db, workspaceId, seg.publicId, [ids[0], ids[1]]);
    expect(evaluated).toMatchObject({ mode: "customers", segments: 3 });
    expect(await memberIds(t.db, dep.id)).toEqual([ids[0], ids[1]]);
    expect(await memberIds(t.db, dep2.id)).toEqual(ids.slice(2));
    expect(await memberIds(t.db, unrelated.id)).toEqual(ids.slice(2));

    // Too many customers to name: the direct dependents are recomputed in full.
    vi.mocked(sendJobEvent).mockClear();
    const recompute = await evaluateDependentsOfSegment(t.db, workspaceId, seg.publicId, null);
    expect(recompute).toMatchObject({ mode: "recompute", segments: 2 });
    const sent = vi.mocked(sendJobEvent).mock.calls[0][0] as { data: { segmentId: number } }[];
    expect(sent.map((e) => e.data.segmentId).sort()).toEqual([dep.id, unrelated.id].sort());

    // Nothing changed: nothing queued.
    vi.mocked(sendJobEvent).mockClear();
    await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "add", source: "api", customers: { ids: [ids[0]] }, actorUserId: null });
    expect(sendJobEvent).not.toHaveBeenCalled();
  });

  // segment_members has no foreign keys (a million-member add spent most of its time in their
  // checks): the statement-level triggers of migration 0011 must do what the cascades did.
  it("deleting a customer or a segment's row removes their memberships and history, and nothing else", async () => {
    const [gone, stays] = await insertCustomers(t.db, workspaceId, [{}, {}]);
    const seg = await insertManualSegment(t.db, workspaceId);
    const other = await insertManualSegment(t.db, workspaceId);
    for (const s of [seg, other]) await changeManualSegmentMembers(t.db, workspaceId, s.publicId, { op: "add", source: "api", customers: { ids: [gone, stays] }, actorUserId: null });
    await t.db.execute(sql`DELETE FROM customers WHERE id = ${gone}`);
    expect(await memberIds(t.db, seg.id)).toEqual([stays]);
    expect(await memberIds(t.db, other.id)).toEqual([stays]);
    expect(await membersFromHistory(t.db, seg.id)).toEqual([stays]);

    await t.db.execute(sql`DELETE FROM segments WHERE id = ${seg.id}`);
    const left = await queryRows<{ segment_id: unknown }>(t.db, sql`SELECT segment_id FROM segment_members WHERE customer_id = ${stays}`);
    expect(left.map((r) => toNumber(r.segment_id))).toEqual([other.id]);
  });
});
