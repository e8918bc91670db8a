import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, customers, segments } from "@/db/schema";
import { countMatchingCustomersAction } from "@/lib/actions/customers/count-matching-customers";
import { getEmbeddedRunner } from "@/lib/jobs/send-job-event";
import { MAX_PICKED_IDS } from "@/lib/segments/membership/picked-customers";
import type { ConditionTree } from "@/lib/segments/condition-schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createTeam, signInAs } from "@/tests/helpers/fixtures";
import { insertManualSegment, memberCountOf } from "@/tests/helpers/manual-fixtures";
import { insertAutomaticSegment, insertCustomers, memberIds, membersFromHistory } from "@/tests/helpers/segment-fixtures";
import { addCustomersToSegmentAction } from "./add-customers-to-segment";
import { removeCustomersFromSegmentAction } from "./remove-customers-from-segment";
import { createSegmentAction } from "./create-segment";
import { saveSegmentSnapshotAction } from "./save-segment-snapshot";
import { evaluateCustomers } from "@/lib/segments/evaluate-customers";

vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await (await getEmbeddedRunner()).idle();
  await t.close();
});

const pro: ConditionTree = { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "equals", valueType: "string", value: "pro" } }] };

/** A team with ten customers (DE for the even ones, plan pro for every third) and a manual segment. */
async function setup(name = "Acme") {
  const team = await createTeam(t.db, name);
  const ids = await insertCustomers(
    t.db,
    team.workspaceId,
    Array.from({ length: 10 }, (_, i) => ({ country: i % 2 === 0 ? "DE" : "US", attributes: i % 3 === 0 ? { plan: "pro" } : {} })),
  );
  const vip = await insertManualSegment(t.db, team.workspaceId, "VIP");
  return { ...team, ids, vip };
}

async function auditCount(workspaceId: string, target: string) {
  return (await t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.target, target)))).length;
}

describe("add / remove picked customers", () => {
  it("adds picked ids, reports already-members, and removes them again, with history and counts", async () => {
    const { workspaceId, member, ids, vip } = await setup();
    await signInAs(member);

    const first = await addCustomersToSegmentAction(null, { workspaceId, segmentId: vip.publicId, selection: { kind: "ids", ids: [ids[0], ids[1]] } });
    expect(first).toEqual({ ok: true, message: "Added 2 customers to “VIP”.", data: { status: "done", changed: 2, unchanged: 0, keptByOtherSource: 0 } });
    const second = await addCustomersToSegmentAction(null, { workspaceId, segmentId: vip.publicId, selection: { kind: "ids", ids: [ids[1], ids[2]] } });
    expect(second).toMatchObject({ ok: true, message: "Added 1 customer to “VIP”; 1 was already a member." });
    expect(await memberIds(t.db, vip.id)).toEqual([ids[0], ids[1], ids[2]]);
    expect(await memberCountOf(t.db, vip.id)).toBe(3);

    const removed = await removeCustomersFromSegmentAction(null, { workspaceId, segmentId: vip.publicId, selection: { kind: "ids", ids: [ids[0], ids[5]] } });
    expect(removed).toMatchObject({ ok: true, message: "Removed 1 customer from “VIP”; 1 was not a member." });
    expect(await memberIds(t.db, vip.id)).toEqual([ids[1], ids[2]]);
    expect(await membersFromHistory(t.db, vip.id)).toEqual([ids[1], ids[2]]);
    expect(await memberCountOf(t.db, vip.id)).toBe(2);
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, "segment.members_removed")));
    expect(entry).toMatchObject({ actorUserId: member.id, target: vip.publicId, data: expect.objectContaining({ source: "selection", selection: "ids" }) });
  });

  it("adds all customers matching the filters: exactly the set the count and the list show", async () => {
    const { workspaceId, member, ids, vip } = await setup();
    await signInAs(member);
    const filters = { country: "DE", attr: "plan", value: "pro" };
    const wanted = ids.filter((_, i) => i % 2 === 0 && i % 3 === 0);

    expect(await countMatchingCustomersAction(null, { workspaceId, filters })).toEqual({ ok: true, data: { count: wanted.length } });
    await addCustomersToSegmentAction(null, { workspaceId, segmentId: vip.publicId, selection: { kind: "ids", ids: [wanted[0]] } });
    const result = await addCustomersToSegmentAction(null, { workspaceId, segmentId: vip.publicId, selection: { kind: "matching", filters } });
    expect(result).toMatchObject({ ok: true, message: `Added ${wanted.length - 1} ${wanted.length - 1 === 1 ? "customer" : "customers"} to “VIP”; 1 was already a member.` });
    expect(await memberIds(t.db, vip.id)).toEqual(wanted);

    // "Not in VIP" and country DE: the DE customers left out; adding them makes every DE customer a member.
    const rest = await addCustomersToSegmentAction(null, {
      workspaceId,
      segmentId: vip.publicId,
      selection: { kind: "matching", filters: { country: "DE", segment: vip.publicId, segmentOp: "not_in" } },
    });
    expect(rest).toMatchObject({ ok: true, data: { status: "done", changed: 5 - wanted.length, unchanged: 0 } });
    expect(await memberIds(t.db, vip.id)).toEqual(ids.filter((_, i) => i % 2 === 0));

    const out = await removeCustomersFromSegmentAction(null, { workspaceId, segmentId: vip.publicId, selection: { kind: "matching", filters: { segment: vip.publicId } } });
    expect(out).toMatchObject({ ok: true, message: "Removed 5 customers from “VIP”." });
    expect(await memberCountOf(t.db, vip.id)).toBe(0);
  });

  it("refuses a viewer, an automatic segment, another workspace's segment or customers, and bad input, changing nothing", async () => {
    const { workspaceId, viewer, member, ids, vip } = await setup();
    const other = await setup("Other");
    const automatic = await insertAutomaticSegment(t.db, workspaceId, pro, "Pro");
    const before = await auditCount(workspaceId, vip.publicId);

    await signInAs(viewer);
    expect(await addCustomersToSegmentAction(null, { workspaceId, segmentId: vip.publicId, selection: { kind: "ids", ids: [ids[0]] } })).toMatchObject({ ok: false });

    await signInAs(member);
    const refusals = [
      [{ segmentId: automatic.publicId, selection: { kind: "ids", ids: [ids[0]] } }, /automatic segment/],
      [{ segmentId: other.vip.publicId, selection: { kind: "ids", ids: [ids[0]] } }, /does not exist/],
      [{ segmentId: vip.publicId, selection: { kind: "ids", ids: other.ids } }, /None of the selected customers exist in this workspace/],
      [{ segmentId: vip.publicId, selection: { kind: "ids", ids: [] } }, /Select at least one customer/],
      [{ segmentId: vip.publicId, selection: { kind: "ids", ids: ["x"] } }, /numbers/],
      [{ segmentId: vip.publicId, selection: { kind: "ids", ids: Array.from({ length: MAX_PICKED_IDS + 1 }, (_, i) => i + 1) } }, /at most 1,000/],
      [{ segmentId: vip.publicId, selection: { kind: "everyone" } }, /Select customers first/],
      [{ segmentId: vip.publicId, selection: { kind: "matching", filters: { seen: "within" } } }, /how many days/],
      [{ segmentId: vip.publicId, selection: { kind: "matching", filters: { segment: other.vip.publicId } } }, /segment in the filter does not exist/],
      [{ segmentId: vip.publicId, selection: { kind: "matching", filters: { country: "ZZ" } } }, /No customers whose country is ZZ: nothing changed/],
    ] as const;
    for (const [input, message] of refusals) {
      const result = await addCustomersToSegmentAction(null, { workspaceId, ...input });
      expect(result.ok, JSON.stringify(input).slice(0, 120)).toBe(false);
      expect(!result.ok && result.error).toMatch(message);
    }
    // Another workspace's id among ours is simply not one of ours: only ours count.
    const mixed = await addCustomersToSegmentAction(null, { workspaceId, segmentId: vip.publicId, selection: { kind: "ids", ids: [ids[0], other.ids[0]] } });
    expect(mixed).toMatchObject({ ok: true, data: { changed: 1 } });
    expect(await memberIds(t.db, vip.id)).toEqual([ids[0]]);
    expect(await memberIds(t.db, other.vip.id)).toEqual([]);
    expect(await memberIds(t.db, automatic.id)).toEqual([]);
    expect(await auditCount(workspaceId, vip.publicId)).toBe(before + 1);
    // The count action is the workspace's too: another workspace's filter segment is not found.
    expect(await countMatchingCustomersAction(null, { workspaceId, filters: { segment: other.vip.publicId } })).toMatchObject({ ok: false });
  });
});

describe("save as manual segment", () => {
  it("snapshots an automatic segment's current members into a new manual segment that no longer follows it", async () => {
    const { workspaceId, member, viewer, ids } = await setup();
    await signInAs(member);
    const created = await createSegmentAction(null, { workspaceId, name: "Pro", type: "automatic", conditions: JSON.stringify(pro) });
    await (await getEmbeddedRunner()).idle();
    const [automatic] = await t.db.select().from(segments).where(eq(segments.publicId, created.ok ? created.data!.publicId : ""));
    const proIds = ids.filter((_, i) => i % 3 === 0);
    expect(await memberIds(t.db, automatic.id)).toEqual(proIds);

    const result = await saveSegmentSnapshotAction(null, { workspaceId, segmentId: automatic.publicId, name: "Pro (snapshot 2026-11-29)" });
    expect(result).toMatchObject({ ok: true, message: `Saved ${proIds.length} customers as “Pro (snapshot 2026-11-29)”.` });
    const publicId = result.ok ? result.data!.publicId : "";
    const [snapshot] = await t.db.select().from(segments).where(eq(segments.publicId, publicId));
    expect(snapshot).toMatchObject({ type: "manual", workspaceId, memberCount: proIds.length, createdBy: member.id });
    expect(await memberIds(t.db, snapshot.id)).toEqual(proIds);
    expect(await membersFromHistory(t.db, snapshot.id)).toEqual(proIds);

    // The source moves on (a customer leaves it); the snapshot stays.
    await t.db.update(customers).set({ attributes: {} }).where(eq(customers.id, proIds[0]));
    await evaluateCustomers(t.db, workspaceId, { customerIds: [proIds[0]], profileChanged: true, eventNames: [] });
    expect(await memberIds(t.db, automatic.id)).toEqual(proIds.slice(1));
    expect(await memberIds(t.db, snapshot.id)).toEqual(proIds);

    await signInAs(viewer);
    expect(await saveSegmentSnapshotAction(null, { workspaceId, segmentId: automatic.publicId, name: "Nope" })).toMatchObject({ ok: false });
    await signInAs(member);
    expect(await saveSegmentSnapshotAction(null, { workspaceId, segmentId: automatic.publicId, name: " " })).toEqual(expect.objectContaining({ ok: false, error: "Give your segment a name" }));
    const other = await setup("Other");
    expect(await saveSegmentSnapshotAction(null, { workspaceId, segmentId: other.vip.publicId, name: "Theirs" })).toMatchObject({ ok: false, error: expect.stringMatching(/does not exist/) });
    const all = await t.db.select({ id: segments.id }).from(segments).where(eq(segments.workspaceId, workspaceId));
    expect(all).toHaveLength(3); // VIP, Pro and the one snapshot
  });
});
