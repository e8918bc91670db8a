import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { customers, segments } from "@/db/schema";
import { toNumber } from "@/db/client";
import { listDataStoreRecords } from "@/lib/data-stores/list-data-store-records";
import { listDataStores } from "@/lib/data-stores/list-data-stores";
import { getEmbeddedRunner } from "@/lib/jobs/send-job-event";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createTeam, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { insertManualSegment } from "@/tests/helpers/manual-fixtures";
import { memberIds } from "@/tests/helpers/segment-fixtures";
import * as uploadRoute from "@/app/api/data-stores/[dataStoreId]/upload/route";
import { createDataStoreAction } from "./create-data-store";
import { deleteDataStoreAction } from "./delete-data-store";
import { deleteDataStoreRecordAction } from "./delete-data-store-record";
import { linkDataStoreAction } from "./link-data-store";
import { saveDataStoreRecordAction } from "./save-data-store-record";
import { unlinkDataStoreAction } from "./unlink-data-store";

vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));

let t: TestDb;
let team: Awaited<ReturnType<typeof createTeam>>;
let storeId: string;
let customerId: number;

beforeAll(async () => {
  t = await createTestDb();
  team = await createTeam(t.db, "Stores team");
  const [c] = await t.db.insert(customers).values({ workspaceId: team.workspaceId, email: "ana@example.com" }).returning({ id: customers.id });
  customerId = toNumber(c.id);
  await signInAs(team.member);
  const created = await createDataStoreAction(null, { workspaceId: team.workspaceId, name: "Subscriptions", identifierKind: "email" });
  if (!created.ok) throw new Error(created.error);
  storeId = created.data!.publicId;
});
afterAll(async () => {
  await (await getEmbeddedRunner()).idle();
  await t.close();
});

const idle = async () => (await getEmbeddedRunner()).idle();

describe("data store actions", () => {
  it("the record dialog's problems are said in its own words, and change nothing", async () => {
    await signInAs(team.member);
    const ws = team.workspaceId;
    const before = (await listDataStoreRecords(t.db, ws, storeId)).rows.length;
    const noId = await saveDataStoreRecordAction(null, { workspaceId: ws, dataStoreId: storeId, key: "  ", customer: "ana@example.com", fields: "" });
    expect(noId).toMatchObject({ ok: false, fieldErrors: { key: ["Give the record an ID, for example a subscription or order number."] } });
    const noCustomer = await saveDataStoreRecordAction(null, { workspaceId: ws, dataStoreId: storeId, key: "sub-9", customer: "", fields: "" });
    expect(noCustomer).toMatchObject({ ok: false, fieldErrors: { customer: ["Say which customer this record belongs to."] } });
    const notEmail = await saveDataStoreRecordAction(null, { workspaceId: ws, dataStoreId: storeId, key: "sub-9", customer: "ana", fields: "" });
    expect(notEmail).toEqual({ ok: false, error: "“ana” is not an email address. This data store finds customers by email: enter one like ana@example.com." });
    expect((await listDataStoreRecords(t.db, ws, storeId)).rows.length).toBe(before);
  });

  it("a member adds, edits (renaming the key) and deletes records; a linked segment follows", async () => {
    await signInAs(team.member);
    const ws = team.workspaceId;
    const seg = await insertManualSegment(t.db, ws, "Subscribers");
    expect(await linkDataStoreAction(null, { workspaceId: ws, segmentId: seg.publicId, dataStoreId: storeId, filterField: "plan", filterOperator: "in", filterValues: "pro, team" })).toMatchObject({ ok: true });
    const saved = await saveDataStoreRecordAction(null, { workspaceId: ws, dataStoreId: storeId, key: "sub-1", customer: "Ana@Example.com", fields: "plan = pro\n\nseats = 3" });
    expect(saved).toEqual({ ok: true, message: "Record “sub-1” added." });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([customerId]);
    const [link] = await t.db.select({ filter: segments.dataStoreFilter }).from(segments).where(eq(segments.id, seg.id));
    expect(link.filter).toEqual({ field: "plan", operator: "in", values: ["pro", "team"] });

    expect(await saveDataStoreRecordAction(null, { workspaceId: ws, dataStoreId: storeId, key: "sub-2", originalKey: "sub-1", customer: "ana@example.com", fields: "plan = free" })).toMatchObject({ ok: true });
    await idle();
    expect((await listDataStoreRecords(t.db, ws, storeId)).rows.map((r) => [r.key, r.data])).toEqual([["sub-2", { plan: "free" }]]);
    expect(await memberIds(t.db, seg.id)).toEqual([]);

    const badFields = await saveDataStoreRecordAction(null, { workspaceId: ws, dataStoreId: storeId, key: "x", customer: "a@b.co", fields: "no equals sign" });
    expect(badFields).toMatchObject({ ok: false, fieldErrors: { fields: ["Line 1: write each field as name = value"] } });
    const badFilter = await linkDataStoreAction(null, { workspaceId: ws, segmentId: seg.publicId, dataStoreId: storeId, filterField: "plan", filterOperator: "in", filterValues: " , " });
    expect(badFilter).toMatchObject({ ok: false, error: "Give at least one value" });

    expect(await deleteDataStoreRecordAction(null, { workspaceId: ws, dataStoreId: storeId, key: "sub-2" })).toEqual({ ok: true, message: "Record “sub-2” deleted." });
    expect(await unlinkDataStoreAction(null, { workspaceId: ws, segmentId: seg.publicId })).toMatchObject({ ok: true });
    expect(await unlinkDataStoreAction(null, { workspaceId: ws, segmentId: seg.publicId })).toEqual({ ok: false, error: "This segment does not follow a data store." });
  });

  it("a viewer can change nothing; another workspace's user or store is refused", async () => {
    const ws = team.workspaceId;
    const seg = await insertManualSegment(t.db, ws, "Viewer test");
    await signInAs(team.viewer);
    const attempts = [
      createDataStoreAction(null, { workspaceId: ws, name: "Nope", identifierKind: "email" }),
      saveDataStoreRecordAction(null, { workspaceId: ws, dataStoreId: storeId, key: "v", customer: "ana@example.com" }),
      deleteDataStoreRecordAction(null, { workspaceId: ws, dataStoreId: storeId, key: "v" }),
      linkDataStoreAction(null, { workspaceId: ws, segmentId: seg.publicId, dataStoreId: storeId }),
      unlinkDataStoreAction(null, { workspaceId: ws, segmentId: seg.publicId }),
      deleteDataStoreAction(null, { workspaceId: ws, dataStoreId: storeId }),
    ];
    for (const result of await Promise.all(attempts)) expect(result.ok).toBe(false);
    const request = (workspaceId: string) =>
      new Request(`http://localhost/api/data-stores/${storeId}/upload?workspaceId=${workspaceId}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ rows: [[2, "k", { $customer: "ana@example.com" }]] }) });
    expect((await uploadRoute.POST(request(ws), { params: Promise.resolve({ dataStoreId: storeId }) })).status).toBe(403);

    const other = await workspaceWithUser(t.db, "owner", "Elsewhere");
    await signInAs(other.user);
    // Their own workspace, our store's id: not found. Our workspace: not a member.
    expect(await saveDataStoreRecordAction(null, { workspaceId: other.workspaceId, dataStoreId: storeId, key: "v", customer: "ana@example.com" })).toEqual({ ok: false, error: "That data store does not exist, or was deleted" });
    expect((await saveDataStoreRecordAction(null, { workspaceId: ws, dataStoreId: storeId, key: "v", customer: "ana@example.com" })).ok).toBe(false);
    expect((await uploadRoute.POST(request(other.workspaceId), { params: Promise.resolve({ dataStoreId: storeId }) })).status).toBe(404);
    expect((await listDataStores(t.db, ws)).map((s) => s.recordCount)).toEqual([0]);
  });

  it("a CSV upload reports counts that add up and skips what cannot be a record; deleting the store unlinks its segments", async () => {
    await signInAs(team.member);
    const ws = team.workspaceId;
    const rows = [
      [2, "a", { $customer: "ana@example.com", plan: "pro" }],
      [3, "b", { $customer: "not-an-email" }],
      [4, "", { $customer: "bo@example.com" }],
      [5, "c", null],
      [6, "a", { $customer: "ana@example.com" }],
      [7, "d", { $customer: "Di@Example.com", plan: "=SUM(A1)" }],
    ];
    const post = () =>
      uploadRoute.POST(new Request(`http://localhost/api/data-stores/${storeId}/upload?workspaceId=${ws}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ rows }) }), {
        params: Promise.resolve({ dataStoreId: storeId }),
      });
    const res = await post();
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ rowsRead: 6, created: 2, updated: 0, unchanged: 0, skipped: 4, skippedByReason: { "invalid email": 1, "empty key": 1, "empty customer": 1, "duplicate key in file": 1 } });
    expect(report.created + report.updated + report.unchanged + report.skipped).toBe(report.rowsRead);
    expect(await (await post()).json()).toMatchObject({ rowsRead: 6, created: 0, unchanged: 2, skipped: 4 });
    const records = await listDataStoreRecords(t.db, ws, storeId);
    expect(records.rows.map((r) => [r.key, r.customer, r.data])).toEqual([
      ["a", "ana@example.com", { plan: "pro" }],
      ["d", "di@example.com", { plan: "=SUM(A1)" }],
    ]);

    const seg = await insertManualSegment(t.db, ws, "Linked for delete");
    await linkDataStoreAction(null, { workspaceId: ws, segmentId: seg.publicId, dataStoreId: storeId });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([customerId]);
    const deleted = await deleteDataStoreAction(null, { workspaceId: ws, dataStoreId: storeId });
    expect(deleted).toEqual({ ok: true, message: "Data store deleted. 1 segment was unlinked and 1 customer it had added left." });
    expect(await memberIds(t.db, seg.id)).toEqual([]);
    expect(await listDataStores(t.db, ws)).toEqual([]);
  });
});
