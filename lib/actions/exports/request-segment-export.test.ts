import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, segmentExports, segments } from "@/db/schema";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createTeam, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { insertExportCustomers, insertManualSegment } from "@/tests/helpers/export-fixtures";
import { auditEntries } from "@/tests/helpers/workspace-state";
import { getExportOptionsAction } from "./get-export-options";
import { requestSegmentExportAction } from "./request-segment-export";

vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));
vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn() }));

let t: TestDb;
let team: Awaited<ReturnType<typeof createTeam>>;
let segmentPublicId: string;

beforeAll(async () => {
  t = await createTestDb();
  team = await createTeam(t.db);
  const ids = await insertExportCustomers(t.db, team.workspaceId, 4);
  segmentPublicId = (await insertManualSegment(t.db, team.workspaceId, ids, "Newsletter")).publicId;
});
afterAll(async () => t.close());
beforeEach(() => vi.mocked(sendJobEvent).mockReset());

const exportsOf = (workspaceId: string) => t.db.select().from(segmentExports).where(eq(segmentExports.workspaceId, workspaceId));
const auditCount = async (workspaceId: string) => (await t.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId))).length;

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

describe("requestSegmentExportAction", () => {
  it("queues an export for a member, to their own address, audit-logged, and starts the job", async () => {
    await signInAs(team.member);
    const before = (await exportsOf(team.workspaceId)).length;
    const result = await requestSegmentExportAction(
      null,
      form({ workspaceId: team.workspaceId, segmentId: segmentPublicId, columns: ["email", "name", "attribute:plan"] }),
    );
    expect(result).toMatchObject({ ok: true, message: "We'll email you the CSV when it's ready." });
    const exportId = result.ok ? result.data!.exportId : "";
    const rows = await exportsOf(team.workspaceId);
    expect(rows).toHaveLength(before + 1);
    expect(rows.find((r) => r.id === exportId)).toMatchObject({
      status: "queued",
      segmentName: "Newsletter",
      segmentPublicId,
      requestedBy: team.member.id,
      recipientEmail: team.member.email,
      columns: ["email", "name", "attribute:plan"],
    });
    expect(sendJobEvent).toHaveBeenCalledWith({ name: "exports/segment.requested", data: { workspaceId: team.workspaceId, exportId } });
    expect((await auditEntries(t.db, team.workspaceId)).at(-1)).toEqual({
      action: "segment.export_requested",
      actorUserId: team.member.id,
      target: segmentPublicId,
      data: { exportId, columns: ["email", "name", "attribute:plan"] },
    });
  });

  it("accepts a single column sent as one FormData value", async () => {
    await signInAs(team.admin);
    const result = await requestSegmentExportAction(null, form({ workspaceId: team.workspaceId, segmentId: segmentPublicId, columns: "email" }));
    expect(result.ok).toBe(true);
  });

  it.each([
    ["no columns", {}, /at least one column/],
    ["an unknown column", { columns: ["email", "password_hash"] }, /Unknown column/],
    ["an empty attribute key", { columns: ["attribute:"] }, /Unknown column/],
    ["a column twice", { columns: ["email", "email"] }, /only once/],
    ["too many columns", { columns: Array.from({ length: 51 }, (_, i) => `attribute:k${i}`) }, /at most 50/],
  ])("refuses %s with a clear message and queues nothing", async (_label, fields, message) => {
    await signInAs(team.member);
    const before = (await exportsOf(team.workspaceId)).length;
    const audit = await auditCount(team.workspaceId);
    const result = await requestSegmentExportAction(null, form({ workspaceId: team.workspaceId, segmentId: segmentPublicId, ...fields }));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(message) });
    expect((await exportsOf(team.workspaceId)).length).toBe(before);
    expect(await auditCount(team.workspaceId)).toBe(audit);
    expect(sendJobEvent).not.toHaveBeenCalled();
  });

  it("refuses an unknown segment id", async () => {
    await signInAs(team.member);
    const result = await requestSegmentExportAction(null, form({ workspaceId: team.workspaceId, segmentId: "seg_nope", columns: "email" }));
    expect(result).toEqual({ ok: false, error: "That segment does not exist, or was deleted" });
    expect(sendJobEvent).not.toHaveBeenCalled();
  });

  it("refuses a segment being deleted", async () => {
    const ids = await insertExportCustomers(t.db, team.workspaceId, 1);
    const doomed = await insertManualSegment(t.db, team.workspaceId, ids, "Doomed");
    await t.db.update(segments).set({ deletedAt: new Date() }).where(eq(segments.id, doomed.id));
    await signInAs(team.member);
    const result = await requestSegmentExportAction(null, form({ workspaceId: team.workspaceId, segmentId: doomed.publicId, columns: "email" }));
    expect(result).toEqual({ ok: false, error: "That segment does not exist, or was deleted" });
  });

  it("refuses a viewer: viewers may look but not take the data out", async () => {
    await signInAs(team.viewer);
    const before = (await exportsOf(team.workspaceId)).length;
    const result = await requestSegmentExportAction(null, form({ workspaceId: team.workspaceId, segmentId: segmentPublicId, columns: "email" }));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/member role or higher/) });
    expect((await exportsOf(team.workspaceId)).length).toBe(before);
    expect(sendJobEvent).not.toHaveBeenCalled();
  });

  it("refuses a user of another workspace, and another workspace's segment id in one's own workspace", async () => {
    const other = await workspaceWithUser(t.db, "owner", "Other");
    await signInAs(other.user);
    expect(await requestSegmentExportAction(null, form({ workspaceId: team.workspaceId, segmentId: segmentPublicId, columns: "email" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a member/),
    });
    expect(await requestSegmentExportAction(null, form({ workspaceId: other.workspaceId, segmentId: segmentPublicId, columns: "email" }))).toEqual({
      ok: false,
      error: "That segment does not exist, or was deleted",
    });
    expect(await exportsOf(other.workspaceId)).toHaveLength(0);
    expect(sendJobEvent).not.toHaveBeenCalled();
  });

  it("asks to sign in again without a session", async () => {
    await signInAs(null);
    expect(await requestSegmentExportAction(null, form({ workspaceId: team.workspaceId, segmentId: segmentPublicId, columns: "email" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/sign in/),
    });
  });

  it("limits a workspace to 10 exports an hour", async () => {
    const busy = await createTeam(t.db, "Busy");
    const ids = await insertExportCustomers(t.db, busy.workspaceId, 1);
    const segment = await insertManualSegment(t.db, busy.workspaceId, ids);
    await signInAs(busy.member);
    const submit = () => requestSegmentExportAction(null, form({ workspaceId: busy.workspaceId, segmentId: segment.publicId, columns: "email" }));
    for (let i = 0; i < 10; i++) expect((await submit()).ok).toBe(true);
    expect(await submit()).toMatchObject({ ok: false, error: expect.stringMatching(/10 exports in the last hour/) });
    expect(await exportsOf(busy.workspaceId)).toHaveLength(10);
    // Another workspace is not affected.
    await signInAs(team.member);
    expect((await requestSegmentExportAction(null, form({ workspaceId: team.workspaceId, segmentId: segmentPublicId, columns: "email" }))).ok).toBe(true);
  });

  it("marks the export failed when the job cannot be queued, rather than leaving it queued", async () => {
    vi.mocked(sendJobEvent).mockRejectedValueOnce(new Error("Inngest unreachable"));
    vi.spyOn(console, "error").mockImplementationOnce(() => {});
    await signInAs(team.owner);
    const result = await requestSegmentExportAction(null, form({ workspaceId: team.workspaceId, segmentId: segmentPublicId, columns: "email" }));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/went wrong/) });
    const [latest] = (await exportsOf(team.workspaceId)).sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime());
    expect(latest).toMatchObject({ status: "failed", error: "The export could not be queued. Please try again." });
  });
});

describe("getExportOptionsAction", () => {
  it("lists the workspace's attribute keys for members, and refuses viewers", async () => {
    await signInAs(team.member);
    expect(await getExportOptionsAction(null, { workspaceId: team.workspaceId })).toEqual({
      ok: true,
      data: { attributeKeys: ["first_name", "last_name", "ltv", "name", "plan"] },
    });
    await signInAs(team.viewer);
    expect((await getExportOptionsAction(null, { workspaceId: team.workspaceId })).ok).toBe(false);
  });
});
