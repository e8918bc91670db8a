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
import * as importErrorsRoute from "@/app/api/imports/[importId]/errors/route";
import * as importRowsRoute from "@/app/api/imports/[importId]/rows/route";
import * as importStatusRoute from "@/app/api/imports/[importId]/route";
import { applyImportAction } from "@/lib/actions/csv-import/apply-import";
import { recordRejectReasons } from "@/lib/data-stores/record-csv";
import { createDataStoreAction } from "./create-data-store";
import { deleteDataStoreAction } from "./delete-data-store";
import { deleteDataStoreRecordAction } from "./delete-data-store-record";
import { linkDataStoreAction } from "./link-data-store";
import { saveDataStoreRecordAction } from "./save-data-store-record";
import { startDataStoreImportAction } from "./start-data-store-import";
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

/** The upload page's three calls: open the import (action), send a batch (route), apply (action). */
const startUpload = (workspaceId: string) => startDataStoreImportAction(null, { workspaceId, dataStoreId: storeId, fileName: "records.csv", fileSize: 100, fieldNames: ["plan"] });
const sendRows = (workspaceId: string, importId: string, rows: unknown[]) =>
  importRowsRoute.POST(
    new Request(`http://localhost/api/imports/${importId}/rows?workspaceId=${workspaceId}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ rows }) }),
    { params: Promise.resolve({ importId }) },
  );
const getErrors = (workspaceId: string, importId: string) =>
  importErrorsRoute.GET(new Request(`http://localhost/api/imports/${importId}/errors?workspaceId=${workspaceId}`), { params: Promise.resolve({ importId }) });
const getStatus = (workspaceId: string, importId: string) => importStatusRoute.GET(new Request(`http://localhost/api/imports/${importId}?workspaceId=${workspaceId}`), { params: Promise.resolve({ importId }) });

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
    expect(await startUpload(ws)).toMatchObject({ ok: false });
    // An upload a member opened: a viewer can neither send its rows nor apply it.
    await signInAs(team.member);
    const opened = await startUpload(ws);
    if (!opened.ok) throw new Error(opened.error);
    const importId = opened.data!.importId;
    await signInAs(team.viewer);
    expect((await sendRows(ws, importId, [[2, "k", { $customer: "ana@example.com" }]])).status).toBe(403);
    expect(await applyImportAction(null, { workspaceId: ws, importId })).toMatchObject({ ok: false });

    const other = await workspaceWithUser(t.db, "owner", "Elsewhere");
    await signInAs(other.user);
    // Their own workspace, our store's id: not found. Our workspace: not a member.
    expect(await saveDataStoreRecordAction(null, { workspaceId: other.workspaceId, dataStoreId: storeId, key: "v", customer: "ana@example.com" })).toEqual({ ok: false, error: "That data store does not exist, or was deleted" });
    expect((await saveDataStoreRecordAction(null, { workspaceId: ws, dataStoreId: storeId, key: "v", customer: "ana@example.com" })).ok).toBe(false);
    expect(await startUpload(other.workspaceId)).toEqual({ ok: false, error: "That data store does not exist, or was deleted" });
    // Our import's id under their workspace is not found; under ours they are not a member.
    expect((await sendRows(other.workspaceId, importId, [[2, "k", { $customer: "ana@example.com" }]])).status).toBe(404);
    expect(await applyImportAction(null, { workspaceId: other.workspaceId, importId })).toEqual({ ok: false, error: "That import does not exist" });
    expect((await getErrors(other.workspaceId, importId)).status).toBe(404);
    expect((await getStatus(other.workspaceId, importId)).status).toBe(404);
    expect((await sendRows(ws, importId, [[2, "k", { $customer: "ana@example.com" }]])).status).toBe(403);
    expect((await getErrors(ws, importId)).status).toBe(403);
    expect((await listDataStores(t.db, ws)).map((s) => s.recordCount)).toEqual([0]);
  });

  it("a CSV upload (start, staged batches, apply) reports counts that add up, rejects what cannot be a record into the error file, and changes nothing the second time; deleting the store unlinks its segments", async () => {
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
    const upload = async () => {
      const started = await startUpload(ws);
      if (!started.ok) throw new Error(started.error);
      const importId = started.data!.importId;
      // Two batches, the second sent twice (a retry): staging is keyed by row number.
      expect((await sendRows(ws, importId, rows.slice(0, 3))).status).toBe(200);
      expect((await sendRows(ws, importId, rows.slice(3))).status).toBe(200);
      expect(await (await sendRows(ws, importId, rows.slice(3))).json()).toEqual({ staged: 0 });
      const applied = await applyImportAction(null, { workspaceId: ws, importId });
      if (!applied.ok || applied.data?.status !== "applied") throw new Error(JSON.stringify(applied));
      return { importId, report: applied.data.report };
    };
    const { importId, report } = await upload();
    expect(report).toEqual({
      target: "data_store_records",
      rowsRead: 6,
      added: 2,
      changed: 0,
      unchanged: 0,
      rejected: 4,
      rejectedByReason: { [recordRejectReasons.invalidEmail]: 1, [recordRejectReasons.emptyKey]: 1, [recordRejectReasons.emptyCustomer]: 1, [recordRejectReasons.duplicateKey]: 1 },
    });
    const errors = await getErrors(ws, importId);
    expect(errors.headers.get("content-type")).toMatch(/text\/csv/);
    expect(await errors.text()).toBe(
      `row,value,reason\r\n3,not-an-email,${recordRejectReasons.invalidEmail}\r\n4,,${recordRejectReasons.emptyKey}\r\n5,,${recordRejectReasons.emptyCustomer}\r\n6,a,${recordRejectReasons.duplicateKey}\r\n`,
    );
    expect((await upload()).report).toMatchObject({ rowsRead: 6, added: 0, changed: 0, unchanged: 2, rejected: 4 });
    // Applying an applied upload again (a double click) returns its report.
    expect(await applyImportAction(null, { workspaceId: ws, importId })).toEqual({ ok: true, data: { status: "applied", report } });
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
