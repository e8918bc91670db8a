import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows, toNumber } from "@/db/client";
import { customers, dataStoreRecords, segmentImports } from "@/db/schema";
import { analyzeColumns, attributeKeyFromHeader } from "@/lib/csv-import/analyze-columns";
import { applyStagedImport } from "@/lib/csv-import/apply-staged-import";
import { importErrorsCsv } from "@/lib/csv-import/import-errors-csv";
import { parseCsv, sniffFile } from "@/lib/csv-import/parse-csv";
import { requestImportApply } from "@/lib/csv-import/request-import-apply";
import { stageFileInBatches } from "@/lib/csv-import/stage-file-in-batches";
import { stageImportRows } from "@/lib/csv-import/stage-import-rows";
import { getEmbeddedRunner } from "@/lib/jobs/send-job-event";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertManualSegment, memberCountOf } from "@/tests/helpers/manual-fixtures";
import { memberIds, membersFromHistory } from "@/tests/helpers/segment-fixtures";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { applyDataStoreImport } from "./apply-data-store-import";
import { createDataStore } from "./create-data-store";
import { startDataStoreImportSchema } from "./data-store-schemas";
import { getDataStoreOrThrow } from "./get-data-store";
import { linkDataStore } from "./link-data-store";
import { listDataStoreRecords } from "./list-data-store-records";
import { CUSTOMER_CELL, recordRejectReasons } from "./record-csv";
import { startDataStoreImport } from "./start-data-store-import";
import { syncDataStore } from "./sync-data-store";
import { writeDataStoreRecords } from "./write-data-store-records";

let t: TestDb;
let workspaceId: string;
let otherWorkspaceId: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestDb();
  workspaceId = await createWorkspace(t.db, "Records");
  otherWorkspaceId = await createWorkspace(t.db, "Elsewhere");
  const rows = await t.db
    .insert(customers)
    .values([
      { workspaceId, email: "Ana@Example.com", externalId: "u1" },
      { workspaceId, email: "bo@example.com", externalId: "u2" },
      { workspaceId, email: "cy@example.com", externalId: "u3" },
      { workspaceId: otherWorkspaceId, email: "eve@example.com" },
    ])
    .returning({ id: customers.id, email: customers.email });
  for (const r of rows) ids[r.email!.toLowerCase()] = toNumber(r.id);
});
afterAll(async () => {
  await (await getEmbeddedRunner()).idle();
  await t.close();
});

const idle = async () => (await getEmbeddedRunner()).idle();
const newStore = (kind: "email" | "external_id" = "email") => createDataStore(t.db, workspaceId, { name: `Store ${Math.random()}`, identifierKind: kind }, { actorUserId: null });

type Columns = { key: string; customer: string; fields?: string[] };

/**
 * What the upload page does: sniff and preview the file, open the import, stage the rows in
 * batches with the worker's own code (stageFileInBatches), then apply.
 */
async function uploadCsv(storePublicId: string, content: string | Uint8Array, columns: Columns, options: { batchSend?: (rows: unknown[]) => void; chunkRows?: number } = {}) {
  const blob = new Blob([content as BlobPart]);
  const sniff = sniffFile(new Uint8Array(await blob.slice(0, 4096).arrayBuffer()), blob.size);
  if (!sniff.ok) throw new Error(sniff.error);
  const records: string[][] = [];
  await parseCsv(blob, sniff.encoding, (rows) => {
    records.push(...rows.slice(0, 30 - records.length));
    return records.length < 30;
  });
  const analysis = analyzeColumns(records);
  const index = (h: string) => {
    const i = analysis.headers.indexOf(h);
    if (i < 0) throw new Error(`no column ${h} in ${analysis.headers.join("|")}`);
    return i;
  };
  const fields = (columns.fields ?? []).map((h) => ({ index: index(h), key: attributeKeyFromHeader(h) }));
  const { importId } = await startDataStoreImport(t.db, workspaceId, { dataStoreId: storePublicId, fileName: "records.csv", fileSize: blob.size, fieldNames: fields.map((f) => f.key) }, { actorUserId: null });
  await stageFileInBatches(
    blob,
    { encoding: sniff.encoding, hasHeader: analysis.hasHeader, identifierIndex: index(columns.key), attributes: [{ index: index(columns.customer), key: CUSTOMER_CELL }, ...fields] },
    async (rows) => {
      options.batchSend?.(rows);
      await stageImportRows(t.db, workspaceId, importId, rows);
    },
  );
  const report = options.chunkRows
    ? await applyDataStoreImport(t.db, workspaceId, importId, { actorUserId: null, chunkRows: options.chunkRows })
    : await applyStagedImport(t.db, workspaceId, importId, { actorUserId: null });
  if (!("target" in report)) throw new Error("not a data store report");
  return { importId, report };
}

const total = (r: { added: number; changed: number; unchanged: number; rejected: number }) => r.added + r.changed + r.unchanged + r.rejected;

async function recordsOf(storePublicId: string) {
  const { rows } = await listDataStoreRecords(t.db, workspaceId, storePublicId, { limit: 200 });
  // Sorted here: the page's order follows the database's collation.
  return rows.map((r) => [r.key, r.customer, r.data]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe("a data store's CSV upload on the staged import", () => {
  it("reads an awkward file (BOM, ;, CRLF, quoted newlines), rejects what cannot be a record with reasons, keeps formulas as text; counts add up", async () => {
    const store = await newStore();
    const csv = [
      "Record ID;Customer email;Plan;Note",
      "sub-1;ADA@example.com;pro;=SUM(A1:A9)",
      'sub-2;bo@example.com;team;"two\r\nlines; and a ""quote"""',
      ";cy@example.com;pro;",
      "sub-3;;pro;",
      "sub-4;not-an-email;pro;",
      "sub-1;cy@example.com;free;later row",
      "  sub-5  ;Cy@Example.com ;;",
      `${"k".repeat(256)};cy@example.com;;`,
      "",
      "sub-6;cy@example.com;@import;+1",
    ].join("\r\n");
    const { importId, report } = await uploadCsv(store.publicId, `\uFEFF${csv}`, { key: "Record ID", customer: "Customer email", fields: ["Plan", "Note"] });
    expect(report).toEqual({
      target: "data_store_records",
      rowsRead: 9,
      added: 4,
      changed: 0,
      unchanged: 0,
      rejected: 5,
      rejectedByReason: {
        [recordRejectReasons.emptyKey]: 1,
        [recordRejectReasons.emptyCustomer]: 1,
        [recordRejectReasons.invalidEmail]: 1,
        [recordRejectReasons.duplicateKey]: 1,
        [recordRejectReasons.keyTooLong]: 1,
      },
    });
    expect(total(report)).toBe(report.rowsRead);
    expect(await recordsOf(store.publicId)).toEqual([
      ["sub-1", "ada@example.com", { plan: "pro", note: "=SUM(A1:A9)" }],
      ["sub-2", "bo@example.com", { plan: "team", note: 'two\r\nlines; and a "quote"' }],
      ["sub-5", "cy@example.com", {}],
      ["sub-6", "cy@example.com", { plan: "@import", note: "+1" }],
    ]);
    expect(await importErrorsCsv(t.db, workspaceId, importId)).toBe(
      [
        "row,value,reason",
        `4,,${recordRejectReasons.emptyKey}`,
        `5,,${recordRejectReasons.emptyCustomer}`,
        `6,not-an-email,${recordRejectReasons.invalidEmail}`,
        `7,sub-1,${recordRejectReasons.duplicateKey}`,
        `9,${"k".repeat(256)},${recordRejectReasons.keyTooLong}`,
        "",
      ].join("\r\n"),
    );
  });

  it("too many fields and too much data are rejected per row; a Record ID twice counts its first valid row; external ids are kept as written", async () => {
    const store = await newStore("external_id");
    const big = "y".repeat(1_900);
    const header = ["id", "user", ...Array.from({ length: 10 }, (_, i) => `f${i}`)].join(",");
    const csv = [header, `r1,u1,${Array(10).fill(big).join(",")}`, "r2,,a", "r2,U2,b", "r2,u3,c", "=r3,u3,=HYPERLINK(1)"].join("\n");
    const { importId, report } = await uploadCsv(store.publicId, csv, { key: "id", customer: "user", fields: ["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9"] });
    expect(report).toMatchObject({ rowsRead: 5, added: 2, rejected: 3, rejectedByReason: { [recordRejectReasons.dataTooLarge]: 1, [recordRejectReasons.emptyCustomer]: 1, [recordRejectReasons.duplicateKey]: 1 } });
    expect(await recordsOf(store.publicId)).toEqual([
      ["=r3", "u3", { f0: "=HYPERLINK(1)" }],
      ["r2", "U2", { f0: "b" }],
    ]);
    const file = await importErrorsCsv(t.db, workspaceId, importId);
    expect(file.split("\r\n").slice(1, 4)).toEqual([`2,r1,${recordRejectReasons.dataTooLarge}`, `3,,${recordRejectReasons.emptyCustomer}`, `5,r2,${recordRejectReasons.duplicateKey}`]);

    // More cells than a record may have fields (a client that skipped the page's limit): that row is rejected.
    const { importId: wide } = await startDataStoreImport(t.db, workspaceId, { dataStoreId: store.publicId, fileName: "wide.csv", fileSize: 10, fieldNames: [] }, { actorUserId: null });
    const cells = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, "v"]));
    await stageImportRows(t.db, workspaceId, wide, [[2, "w1", { [CUSTOMER_CELL]: "u1", ...cells }], [3, "w2", { [CUSTOMER_CELL]: "u1", c0: "v" }]]);
    expect(await applyStagedImport(t.db, workspaceId, wide, { actorUserId: null })).toMatchObject({ rowsRead: 2, added: 1, rejected: 1, rejectedByReason: { [recordRejectReasons.tooManyFields]: 1 } });
  });

  it("re-uploading the same file changes nothing; a changed file reports what changed; the linked segment follows as after API upserts", async () => {
    const store = await newStore();
    const seg = await insertManualSegment(t.db, workspaceId, "Follows the upload");
    await linkDataStore(t.db, workspaceId, { segmentPublicId: seg.publicId, dataStorePublicId: store.publicId, filter: { field: "plan", operator: "equals", values: ["pro"] } }, { actorUserId: null });
    // The same records written through the API, into a twin store with a twin segment.
    const twin = await newStore();
    const twinSeg = await insertManualSegment(t.db, workspaceId, "Follows the API");
    await linkDataStore(t.db, workspaceId, { segmentPublicId: twinSeg.publicId, dataStorePublicId: twin.publicId, filter: { field: "plan", operator: "equals", values: ["pro"] } }, { actorUserId: null });
    await idle();

    const csv = "key,email,plan\nk1,ana@example.com,pro\nk2,BO@example.com,free\nk3,nobody@example.com,pro\nk4,,pro\n";
    const first = await uploadCsv(store.publicId, csv, { key: "key", customer: "email", fields: ["plan"] });
    expect(first.report).toMatchObject({ rowsRead: 4, added: 3, changed: 0, unchanged: 0, rejected: 1 });
    await writeDataStoreRecords(
      t.db,
      workspaceId,
      twin.publicId,
      { upsert: [{ key: "k1", customer: "ana@example.com", data: { plan: "pro" } }, { key: "k2", customer: "BO@example.com", data: { plan: "free" } }, { key: "k3", customer: "nobody@example.com", data: { plan: "pro" } }], delete: [] },
      { actorUserId: null, via: "api" },
    );
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids["ana@example.com"]]);
    expect(await memberIds(t.db, seg.id)).toEqual(await memberIds(t.db, twinSeg.id));
    expect(await recordsOf(store.publicId)).toEqual(await recordsOf(twin.publicId));

    const state = () =>
      queryRows(
        t.db,
        sql`SELECT (SELECT json_agg(json_build_object('k', key, 'u', updated_at) ORDER BY key) FROM data_store_records WHERE data_store_id = ${store.id}::bigint) AS records,
                   (SELECT count(*) FROM segment_member_changes WHERE segment_id = ${seg.id}::bigint) AS history,
                   (SELECT count(*) FROM audit_log WHERE workspace_id = ${workspaceId}::uuid) AS audit,
                   (SELECT record_count FROM data_stores WHERE id = ${store.id}::bigint) AS n`,
      );
    const before = await state();
    const again = await uploadCsv(store.publicId, csv, { key: "key", customer: "email", fields: ["plan"] });
    await idle();
    expect(again.report).toMatchObject({ rowsRead: 4, added: 0, changed: 0, unchanged: 3, rejected: 1 });
    expect(await state()).toEqual(before);
    // Applying the same import again returns its report and writes nothing.
    expect(await applyStagedImport(t.db, workspaceId, again.importId, { actorUserId: null })).toEqual(again.report);

    // Bo becomes pro, Ana leaves the plan: membership follows.
    const changed = await uploadCsv(store.publicId, "key,email,plan\nk1,ana@example.com,free\nk2,bo@example.com,pro\nk5,cy@example.com,free\n", { key: "key", customer: "email", fields: ["plan"] });
    expect(changed.report).toMatchObject({ rowsRead: 3, added: 1, changed: 2, unchanged: 0, rejected: 0 });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids["bo@example.com"]]);
    expect(await memberCountOf(t.db, seg.id)).toBe(1);
    expect(await membersFromHistory(t.db, seg.id)).toEqual(await memberIds(t.db, seg.id));
    // Nothing for a full sync to repair.
    expect(await syncDataStore(t.db, workspaceId, await getDataStoreOrThrow(t.db, workspaceId, store.publicId), { kind: "full" })).toEqual({ [seg.publicId]: { added: 0, removed: 0 } });
  });

  it("a large upload is written in chunks and, touching more customers than an event carries, syncs the whole store", async () => {
    const n = 2_600;
    const inserted = await t.db
      .insert(customers)
      .values(Array.from({ length: n }, (_, i) => ({ workspaceId, email: `bulk${i}@example.com` })))
      .returning({ id: customers.id });
    const store = await newStore();
    const seg = await insertManualSegment(t.db, workspaceId, "Bulk");
    await linkDataStore(t.db, workspaceId, { segmentPublicId: seg.publicId, dataStorePublicId: store.publicId, filter: null }, { actorUserId: null });
    await idle();
    const lines = ["id,email"];
    for (let i = 0; i < n; i++) lines.push(`b${i},bulk${i}@example.com`);
    let batches = 0;
    const { report } = await uploadCsv(store.publicId, lines.join("\n"), { key: "id", customer: "email" }, { chunkRows: 700, batchSend: () => batches++ });
    expect(report).toMatchObject({ rowsRead: n, added: n, rejected: 0 });
    await idle();
    expect(await memberCountOf(t.db, seg.id)).toBe(n);
    expect(await memberIds(t.db, seg.id)).toEqual(inserted.map((r) => toNumber(r.id)).sort((a, b) => a - b));
    const [count] = await queryRows<{ n: unknown }>(t.db, sql`SELECT record_count AS n FROM data_stores WHERE id = ${store.id}::bigint`);
    expect(toNumber(count.n)).toBe(n);
  });

  it("a failure part-way changes nothing: no record, no count, the import marked failed", async () => {
    const store = await newStore();
    await uploadCsv(store.publicId, "id,email,plan\na,ana@example.com,pro\n", { key: "id", customer: "email", fields: ["plan"] });
    // The third chunk's write fails, after two chunks were written.
    await t.db.execute(sql`CREATE FUNCTION fail_record_import() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await t.db.execute(sql.raw(`CREATE TRIGGER fail_record_import BEFORE INSERT ON data_store_records FOR EACH ROW WHEN (NEW.data_store_id = ${store.id} AND NEW.key = 'e') EXECUTE FUNCTION fail_record_import()`));
    const before = await recordsOf(store.publicId);
    const csv = "id,email,plan\na,ana@example.com,free\nb,bo@example.com,pro\nc,cy@example.com,pro\nd,cy@example.com,pro\ne,cy@example.com,pro\n";
    await expect(uploadCsv(store.publicId, csv, { key: "id", customer: "email", fields: ["plan"] }, { chunkRows: 2 })).rejects.toThrow();
    expect(await recordsOf(store.publicId)).toEqual(before);
    const [s] = await queryRows<{ n: unknown }>(t.db, sql`SELECT record_count AS n FROM data_stores WHERE id = ${store.id}::bigint`);
    expect(toNumber(s.n)).toBe(1);
    const [imp] = await t.db.select().from(segmentImports).where(eq(segmentImports.dataStoreId, store.id)).orderBy(sql`created_at DESC`).limit(1);
    expect(imp.status).toBe("failed");
    expect(imp.error).toMatch(/changed nothing/);
    const errors = await queryRows<{ n: unknown }>(t.db, sql`SELECT count(*) AS n FROM segment_import_errors WHERE import_id = ${imp.id}::uuid`);
    expect(toNumber(errors[0].n)).toBe(0);
    await t.db.execute(sql`DROP TRIGGER fail_record_import ON data_store_records`);
  });

  it("refuses what is not a CSV, another workspace's store or import, a bad field name, and an upload with no rows, before anything is written", async () => {
    const store = await newStore();
    const base = { dataStoreId: store.publicId, fileSize: 10, fieldNames: [] };
    await expect(startDataStoreImport(t.db, workspaceId, { ...base, fileName: "book.xlsx" }, { actorUserId: null })).rejects.toThrow(/Choose a CSV file/);
    await expect(startDataStoreImport(t.db, otherWorkspaceId, { ...base, fileName: "a.csv" }, { actorUserId: null })).rejects.toThrow(/does not exist/);
    expect(startDataStoreImportSchema.safeParse({ workspaceId, ...base, fileName: "a.csv", fieldNames: ["plan", "plan"] }).error?.issues[0].message).toMatch(/same data field/);
    expect(startDataStoreImportSchema.safeParse({ workspaceId, ...base, fileName: "a.csv", fileSize: 0 }).error?.issues[0].message).toBe("The file is empty");
    // An .xlsx renamed to .csv: the browser's sniffing refuses it before an import is opened.
    expect(sniffFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), 6)).toMatchObject({ ok: false, error: expect.stringMatching(/Excel workbook/) });
    const { importId } = await startDataStoreImport(t.db, workspaceId, { ...base, fileName: "a.csv" }, { actorUserId: null });
    await expect(stageImportRows(t.db, otherWorkspaceId, importId, [[2, "k", { [CUSTOMER_CELL]: "a@b.co" }]])).rejects.toThrow("That import does not exist");
    await expect(stageImportRows(t.db, workspaceId, importId, [[2, "k", { [CUSTOMER_CELL]: "a@b.co", "bad key!": "x" }]])).rejects.toThrow(/bad key!/);
    await expect(applyStagedImport(t.db, otherWorkspaceId, importId, { actorUserId: null })).rejects.toThrow("That import does not exist");
    await expect(requestImportApply(t.db, workspaceId, importId, { actorUserId: null })).rejects.toThrow(/no data rows/);
    expect(await recordsOf(store.publicId)).toEqual([]);
    const [n] = await queryRows<{ n: unknown }>(t.db, sql`SELECT count(*) AS n FROM ${dataStoreRecords} WHERE data_store_id = ${store.id}::bigint`);
    expect(toNumber(n.n)).toBe(0);
  });
});
