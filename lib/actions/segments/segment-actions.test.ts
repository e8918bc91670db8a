import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { customers, segments } from "@/db/schema";
import { getEmbeddedRunner } from "@/lib/jobs/send-job-event";
import type { ConditionTree } from "@/lib/segments/condition-schema";
import { listSegments } from "@/lib/segments/list-segments";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createTeam, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { expectedIds, insertCustomers, memberIds, membersFromHistory } from "@/tests/helpers/segment-fixtures";
import { segmentState } from "@/tests/helpers/segment-state";
import { auditEntries } from "@/tests/helpers/workspace-state";
import { createSegmentAction } from "./create-segment";
import { deleteSegmentAction } from "./delete-segment";
import { duplicateSegmentAction } from "./duplicate-segment";
import { explainMembershipAction } from "./explain-membership";
import { updateSegmentAction } from "./update-segment";

// A factory, not automock: automocking would load the real module, and with it next-auth.
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
const free: ConditionTree = { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "equals", valueType: "string", value: "free" } }] };
const inSegment = (publicId: string): ConditionTree => ({ type: "group", operator: "and", conditions: [{ type: "segment", operator: "in", segmentId: publicId }] });

/** A team whose workspace has six customers: three pro, two free, one without a plan. */
async function teamWithCustomers(name = "Acme") {
  const team = await createTeam(t.db, name);
  const ids = await insertCustomers(t.db, team.workspaceId, [
    { attributes: { plan: "pro", name: "Ana Pro" } },
    { attributes: { plan: "free" } },
    { attributes: { plan: "pro" } },
    { attributes: {} },
    { attributes: { plan: "free" } },
    { attributes: { plan: "pro" } },
  ]);
  return { ...team, ids };
}

async function create(workspaceId: string, fields: Record<string, unknown>) {
  const result = await createSegmentAction(null, { workspaceId, ...fields });
  if (!result.ok) throw new Error(result.error);
  await (await getEmbeddedRunner()).idle();
  return result.data!.publicId;
}

async function row(publicId: string) {
  const [r] = await t.db.select().from(segments).where(eq(segments.publicId, publicId));
  return r;
}

describe("createSegmentAction", () => {
  it("creates an automatic segment from the builder's JSON, computes it in the background and records it", async () => {
    const { workspaceId, member } = await teamWithCustomers();
    await signInAs(member);

    const result = await createSegmentAction(null, { workspaceId, name: " Pro customers ", description: "Paying", type: "automatic", conditions: JSON.stringify(pro) });
    expect(result).toMatchObject({ ok: true, data: { publicId: expect.stringMatching(/^seg_/) } });
    await (await getEmbeddedRunner()).idle();

    const created = await row(result.ok ? result.data!.publicId : "");
    expect(created).toMatchObject({ name: "Pro customers", description: "Paying", type: "automatic", computeStatus: "ready", memberCount: 3, createdBy: member.id });
    expect(await memberIds(t.db, created.id)).toEqual(await expectedIds(t.db, workspaceId, pro));
    expect(created.membershipChangedAt).not.toBeNull();
    expect((await auditEntries(t.db, workspaceId)).at(-1)).toEqual({
      action: "segment.created",
      actorUserId: member.id,
      target: created.publicId,
      data: { name: "Pro customers", type: "automatic" },
    });
  });

  it("creates a manual segment empty and ready, with no conditions", async () => {
    const { workspaceId, member } = await teamWithCustomers();
    await signInAs(member);
    const publicId = await create(workspaceId, { name: "Hand picked", type: "manual", conditions: "" });
    expect(await row(publicId)).toMatchObject({ type: "manual", conditions: null, computeStatus: "ready", memberCount: 0 });
  });

  it.each([
    ["no name", { name: "  ", type: "manual" }, "name", /Give your segment a name/],
    ["no type", { name: "X" }, "type", /Choose Automatic or Manual/],
    ["an automatic segment without conditions", { name: "X", type: "automatic" }, "conditions", /at least one condition/],
    ["conditions on a manual segment", { name: "X", type: "manual", conditions: JSON.stringify(pro) }, "conditions", /Manual segments have no conditions/],
    ["conditions that are not JSON", { name: "X", type: "automatic", conditions: "{plan" }, "conditions", /could not be read/],
    ["an invalid condition", { name: "X", type: "automatic", conditions: JSON.stringify({ type: "group", operator: "and", conditions: [] }) }, "conditions", /.+/],
    [
      "an empty \"is\" text",
      { name: "X", type: "automatic", conditions: JSON.stringify({ type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "equals", valueType: "string", value: "" } }] }) },
      "conditions",
      /Enter a value\. For customers without one, choose “is not set”/,
    ],
  ])("rejects %s at its field and changes nothing", async (_label, fields, field, message) => {
    const { workspaceId, member } = await teamWithCustomers();
    await signInAs(member);
    const before = await segmentState(t.db, workspaceId);
    const result = await createSegmentAction(null, { workspaceId, ...fields });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(message) });
    expect(result.ok ? {} : result.fieldErrors).toHaveProperty(field);
    expect(await segmentState(t.db, workspaceId)).toEqual(before);
  });

  it("refuses a condition on another workspace's segment as on a missing one", async () => {
    const a = await teamWithCustomers("A");
    const b = await teamWithCustomers("B");
    await signInAs(b.member);
    const foreign = await create(b.workspaceId, { name: "B's", type: "automatic", conditions: JSON.stringify(pro) });
    await signInAs(a.member);
    const before = await segmentState(t.db, a.workspaceId);
    expect(await createSegmentAction(null, { workspaceId: a.workspaceId, name: "X", type: "automatic", conditions: JSON.stringify(inSegment(foreign)) })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/refers to a segment that does not exist/),
    });
    expect(await segmentState(t.db, a.workspaceId)).toEqual(before);
  });

  it("refuses a viewer, and a user of another workspace", async () => {
    const { workspaceId, viewer } = await teamWithCustomers();
    const other = await workspaceWithUser(t.db, "owner", "Other");
    const before = await segmentState(t.db, workspaceId);
    await signInAs(viewer);
    expect(await createSegmentAction(null, { workspaceId, name: "X", type: "manual" })).toMatchObject({ ok: false, error: expect.stringMatching(/member role or higher/) });
    await signInAs(other.user);
    expect(await createSegmentAction(null, { workspaceId, name: "X", type: "manual" })).toMatchObject({ ok: false, error: expect.stringMatching(/not a member/) });
    expect(await segmentState(t.db, workspaceId)).toEqual(before);
  });
});

describe("updateSegmentAction", () => {
  it("renames without recomputing, and a new definition recomputes with a consistent history", async () => {
    const { workspaceId, member } = await teamWithCustomers();
    await signInAs(member);
    const publicId = await create(workspaceId, { name: "Pro", type: "automatic", conditions: JSON.stringify(pro) });

    expect(await updateSegmentAction(null, { workspaceId, segmentId: publicId, name: "Pro plan", description: "Renamed" })).toMatchObject({ ok: true, message: "Segment saved." });
    expect(await row(publicId)).toMatchObject({ name: "Pro plan", description: "Renamed", definitionVersion: 1, memberCount: 3 });

    const result = await updateSegmentAction(null, { workspaceId, segmentId: publicId, name: "Free plan", description: "", conditions: JSON.stringify(free) });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/recomputed/), data: { publicId } });
    expect(await row(publicId)).toMatchObject({ definitionVersion: 2, computeStatus: "queued" });
    await (await getEmbeddedRunner()).idle();

    const saved = await row(publicId);
    expect(saved).toMatchObject({ name: "Free plan", definitionVersion: 2, computeStatus: "ready", memberCount: 2, conditions: free });
    expect(await memberIds(t.db, saved.id)).toEqual(await expectedIds(t.db, workspaceId, free));
    // Three exits and two entries: replaying the history gives exactly today's members.
    expect(await membersFromHistory(t.db, saved.id)).toEqual(await memberIds(t.db, saved.id));
    const audit = (await auditEntries(t.db, workspaceId)).filter((e) => e.action === "segment.updated");
    expect(audit).toEqual([
      { action: "segment.updated", actorUserId: member.id, target: publicId, data: { changed: ["name", "description"], name: "Pro plan", previousName: "Pro" } },
      { action: "segment.updated", actorUserId: member.id, target: publicId, data: { changed: ["name", "description", "conditions"], name: "Free plan", previousName: "Pro plan", definitionVersion: 2 } },
    ]);
  });

  it("refuses conditions on a manual segment, a loop, a bad name, and changes nothing", async () => {
    const { workspaceId, member } = await teamWithCustomers();
    await signInAs(member);
    const manual = await create(workspaceId, { name: "Manual", type: "manual" });
    const base = await create(workspaceId, { name: "Base", type: "automatic", conditions: JSON.stringify(pro) });
    const user = await create(workspaceId, { name: "Uses base", type: "automatic", conditions: JSON.stringify(inSegment(base)) });
    const before = await segmentState(t.db, workspaceId);

    expect(await updateSegmentAction(null, { workspaceId, segmentId: manual, name: "Manual", conditions: JSON.stringify(pro) })).toMatchObject({ ok: false, error: expect.stringMatching(/Manual segments have no conditions/) });
    expect(await updateSegmentAction(null, { workspaceId, segmentId: base, name: "Base", conditions: JSON.stringify(inSegment(user)) })).toMatchObject({ ok: false, error: expect.stringMatching(/loop/) });
    expect(await updateSegmentAction(null, { workspaceId, segmentId: base, name: "" })).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringMatching(/name/)] } });
    const empty = { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "equals", valueType: "string", value: "" } }] };
    expect(await updateSegmentAction(null, { workspaceId, segmentId: base, name: "Base", conditions: JSON.stringify(empty) })).toMatchObject({
      ok: false,
      fieldErrors: { conditions: [expect.stringMatching(/Enter a value/)] },
    });
    expect(await segmentState(t.db, workspaceId)).toEqual(before);
  });

  it("answers not found for another workspace's segment, and refuses a viewer", async () => {
    const a = await teamWithCustomers("A");
    const b = await teamWithCustomers("B");
    await signInAs(a.member);
    const mine = await create(a.workspaceId, { name: "Mine", type: "manual" });
    const beforeA = await segmentState(t.db, a.workspaceId);
    await signInAs(b.owner);
    expect(await updateSegmentAction(null, { workspaceId: b.workspaceId, segmentId: mine, name: "Taken" })).toMatchObject({ ok: false, error: expect.stringMatching(/does not exist/) });
    await signInAs(a.viewer);
    expect(await updateSegmentAction(null, { workspaceId: a.workspaceId, segmentId: mine, name: "Viewer's" })).toMatchObject({ ok: false, error: expect.stringMatching(/member role or higher/) });
    expect(await segmentState(t.db, a.workspaceId)).toEqual(beforeA);
  });
});

describe("duplicateSegmentAction", () => {
  it("copies an automatic segment's definition and computes the copy itself", async () => {
    const { workspaceId, member } = await teamWithCustomers();
    await signInAs(member);
    const original = await create(workspaceId, { name: "Pro", description: "Paying", type: "automatic", conditions: JSON.stringify(pro) });

    const result = await duplicateSegmentAction(null, { workspaceId, segmentId: original });
    expect(result).toMatchObject({ ok: true, data: { publicId: expect.stringMatching(/^seg_/) } });
    await (await getEmbeddedRunner()).idle();
    const copy = await row(result.ok ? result.data!.publicId : "");
    expect(copy).toMatchObject({ name: "Pro (copy)", description: "Paying", type: "automatic", conditions: pro, computeStatus: "ready", memberCount: 3, definitionVersion: 1 });
    expect(await memberIds(t.db, copy.id)).toEqual(await memberIds(t.db, (await row(original)).id));
    expect(await membersFromHistory(t.db, copy.id)).toEqual(await memberIds(t.db, copy.id));
    expect((await auditEntries(t.db, workspaceId)).at(-1)).toEqual({
      action: "segment.duplicated",
      actorUserId: member.id,
      target: copy.publicId,
      data: { name: "Pro (copy)", from: original, fromName: "Pro", type: "automatic" },
    });
  });

  it("answers not found for another workspace's segment and refuses a viewer", async () => {
    const a = await teamWithCustomers("A");
    const b = await teamWithCustomers("B");
    await signInAs(a.member);
    const mine = await create(a.workspaceId, { name: "Mine", type: "manual" });
    const before = await segmentState(t.db, b.workspaceId);
    await signInAs(b.owner);
    expect(await duplicateSegmentAction(null, { workspaceId: b.workspaceId, segmentId: mine })).toMatchObject({ ok: false, error: expect.stringMatching(/does not exist/) });
    expect(await segmentState(t.db, b.workspaceId)).toEqual(before);
    await signInAs(a.viewer);
    const beforeA = await segmentState(t.db, a.workspaceId);
    expect(await duplicateSegmentAction(null, { workspaceId: a.workspaceId, segmentId: mine })).toMatchObject({ ok: false, error: expect.stringMatching(/member role or higher/) });
    expect(await segmentState(t.db, a.workspaceId)).toEqual(beforeA);
  });
});

describe("segment names", () => {
  it("are unique in a workspace, ignoring case: create, rename and copy say so and change nothing", async () => {
    const { workspaceId, member } = await teamWithCustomers("Names");
    await signInAs(member);
    const vip = await create(workspaceId, { name: "VIP list", description: "", type: "manual" });
    const other = await create(workspaceId, { name: "Other", description: "", type: "manual" });
    const before = await listSegments(t.db, workspaceId, {});

    expect(await createSegmentAction(null, { workspaceId, name: "vip LIST", description: "", type: "manual" })).toMatchObject({
      ok: false,
      error: "A segment named “vip LIST” already exists. Choose another name.",
    });
    expect(await updateSegmentAction(null, { workspaceId, segmentId: other, name: "VIP List" })).toMatchObject({ ok: false, error: expect.stringMatching(/already exists/) });
    expect((await row(other)).name).toBe("Other");
    expect(await listSegments(t.db, workspaceId, {})).toEqual(before);
    // Saving a segment under its own name, or changing only its case, is not a clash.
    expect(await updateSegmentAction(null, { workspaceId, segmentId: vip, name: "VIP List", description: "" })).toMatchObject({ ok: true });

    const copies: string[] = [];
    for (let i = 0; i < 2; i++) {
      const result = await duplicateSegmentAction(null, { workspaceId, segmentId: vip });
      if (!result.ok) throw new Error(result.error);
      copies.push((await row(result.data!.publicId)).name);
    }
    expect(copies).toEqual(["VIP List (copy)", "VIP List (copy 2)"]);
  });

  it("may repeat across workspaces and after the segment with the name was deleted", async () => {
    const a = await teamWithCustomers("Names A");
    const b = await teamWithCustomers("Names B");
    await signInAs(a.member);
    const first = await create(a.workspaceId, { name: "Winback", description: "", type: "manual" });
    await signInAs(b.member);
    await create(b.workspaceId, { name: "Winback", description: "", type: "manual" });
    await signInAs(a.member);
    expect(await deleteSegmentAction(null, { workspaceId: a.workspaceId, segmentId: first })).toMatchObject({ ok: true });
    await create(a.workspaceId, { name: "Winback", description: "", type: "manual" });
  });
});

describe("deleteSegmentAction", () => {
  it("hides the segment at once, removes its memberships in the background, keeps every customer, and records it", async () => {
    const { workspaceId, member, ids } = await teamWithCustomers();
    await signInAs(member);
    const publicId = await create(workspaceId, { name: "Pro", type: "automatic", conditions: JSON.stringify(pro) });
    const { id } = await row(publicId);
    expect(await memberIds(t.db, id)).toHaveLength(3);

    const result = await deleteSegmentAction(null, { workspaceId, segmentId: publicId });
    expect(result).toEqual({ ok: true, message: 'Segment "Pro" deleted.', data: undefined });
    expect((await listSegments(t.db, workspaceId)).map((s) => s.publicId)).not.toContain(publicId);
    expect((await auditEntries(t.db, workspaceId)).at(-1)).toEqual({
      action: "segment.deleted",
      actorUserId: member.id,
      target: publicId,
      data: { name: "Pro", type: "automatic", memberCount: 3 },
    });

    await (await getEmbeddedRunner()).idle();
    expect(await row(publicId)).toBeUndefined();
    expect(await memberIds(t.db, id)).toEqual([]);
    const left = await t.db.select({ id: customers.id }).from(customers).where(eq(customers.workspaceId, workspaceId));
    expect(left.map((c) => Number(c.id)).sort((a, b) => a - b)).toEqual(ids);
  });

  it("is refused, naming them, while other segments' conditions use the segment", async () => {
    const { workspaceId, member } = await teamWithCustomers();
    await signInAs(member);
    const base = await create(workspaceId, { name: "Base", type: "automatic", conditions: JSON.stringify(pro) });
    await create(workspaceId, { name: "Loyal", type: "automatic", conditions: JSON.stringify(inSegment(base)) });
    await create(workspaceId, { name: "Also", type: "automatic", conditions: JSON.stringify({ type: "group", operator: "or", conditions: [inSegment(base), free] }) });
    const before = await segmentState(t.db, workspaceId);

    expect(await deleteSegmentAction(null, { workspaceId, segmentId: base })).toEqual({
      ok: false,
      error: '"Base" cannot be deleted while the conditions of "Also" and "Loyal" use it. Remove it from those segments first.',
    });
    expect(await segmentState(t.db, workspaceId)).toEqual(before);
  });

  it("answers not found for another workspace's segment, and for one already deleted; refuses a viewer", async () => {
    const a = await teamWithCustomers("A");
    const b = await teamWithCustomers("B");
    await signInAs(a.member);
    const mine = await create(a.workspaceId, { name: "Mine", type: "manual" });
    const gone = await create(a.workspaceId, { name: "Gone", type: "manual" });
    await deleteSegmentAction(null, { workspaceId: a.workspaceId, segmentId: gone });
    await (await getEmbeddedRunner()).idle();
    const before = await segmentState(t.db, a.workspaceId);

    expect(await deleteSegmentAction(null, { workspaceId: a.workspaceId, segmentId: gone })).toMatchObject({ ok: false, error: expect.stringMatching(/does not exist/) });
    await signInAs(b.owner);
    expect(await deleteSegmentAction(null, { workspaceId: b.workspaceId, segmentId: mine })).toMatchObject({ ok: false, error: expect.stringMatching(/does not exist/) });
    await signInAs(a.viewer);
    expect(await deleteSegmentAction(null, { workspaceId: a.workspaceId, segmentId: mine })).toMatchObject({ ok: false, error: expect.stringMatching(/member role or higher/) });
    expect(await segmentState(t.db, a.workspaceId)).toEqual(before);
  });
});

describe("explainMembershipAction", () => {
  it("explains by email for a viewer, and says clearly when the customer or segment is unknown", async () => {
    const { workspaceId, member, viewer, ids } = await teamWithCustomers();
    await signInAs(member);
    const publicId = await create(workspaceId, { name: "Pro", type: "automatic", conditions: JSON.stringify(pro) });
    const [first] = await t.db.select({ email: customers.email }).from(customers).where(eq(customers.id, ids[0]));
    await signInAs(viewer);

    const result = await explainMembershipAction(null, { workspaceId, segmentId: publicId, customer: first.email!.toUpperCase() });
    expect(result).toMatchObject({ ok: true, data: { customerId: ids[0], isMember: true, matches: true, leaves: [{ matched: true }] } });
    expect(await explainMembershipAction(null, { workspaceId, segmentId: publicId, customer: String(ids[1]) })).toMatchObject({ ok: true, data: { customerId: ids[1], isMember: false, matches: false } });
    expect(await explainMembershipAction(null, { workspaceId, segmentId: publicId, customer: "nobody@example.com" })).toMatchObject({ ok: false, error: expect.stringMatching(/No customer/) });
    expect(await explainMembershipAction(null, { workspaceId, segmentId: "seg_nope", customer: String(ids[0]) })).toMatchObject({ ok: false, error: expect.stringMatching(/does not exist/) });
  });
});
