import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows, toNumber } from "@/db/client";
import { customers, segmentImportErrors } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertManualSegment, memberCountOf } from "@/tests/helpers/manual-fixtures";
import { memberIds, membersFromHistory } from "@/tests/helpers/segment-fixtures";
import { analyzeColumns, attributeKeyFromHeader, toStagedRow } from "./analyze-columns";
import { applyImport } from "./apply-import";
import { parseCsv } from "./parse-csv";
import { stageImportRows } from "./stage-import-rows";
import { startImport } from "./start-import";
import { importErrorsCsv } from "./import-errors-csv";
import { listRecentImports } from "./list-recent-imports";

vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn(async () => undefined) }));

let t: TestDb;
let workspaceId: string;
let otherWorkspaceId: string;

beforeAll(async () => {
  t = await createTestDb();
  workspaceId = await createWorkspace(t.db, "A");
  otherWorkspaceId = await createWorkspace(t.db, "B");
  await t.db.insert(customers).values([
    { workspaceId, email: "Ada@Example.com", attributes: { plan: "free", city: "Paris" } },
    { workspaceId, email: "bob@example.com", externalId: "u-2" },
    { workspaceId: otherWorkspaceId, email: "eve@example.com" },
  ]);
});
afterAll(async () => t.close());

/** What the upload page does: parse, stage in batches, apply. */
async function importCsv(segmentPublicId: string, text: string, options: { direction?: "add" | "remove"; createUnknown?: boolean; kind?: "email" | "external_id"; attributes?: string[]; batch?: number; indexLookupRows?: number } = {}) {
  const records: string[][] = [];
  await parseCsv(new Blob([text]), "utf-8", (rows) => {
    records.push(...rows);
  });
  const analysis = analyzeColumns(records);
  const mapping = (options.attributes ?? []).map((h) => ({ index: analysis.headers.indexOf(h), key: attributeKeyFromHeader(h) }));
  const { importId } = await startImport(
    t.db,
    workspaceId,
    { segmentId: segmentPublicId, direction: options.direction ?? "add", identifierKind: options.kind ?? analysis.identifierKind, createUnknown: options.createUnknown ?? false, fileName: "people.csv", fileSize: text.length, attributeKeys: [] },
    { actorUserId: null },
  );
  const staged = records.slice(analysis.hasHeader ? 1 : 0).map((r, i) => toStagedRow(i + (analysis.hasHeader ? 2 : 1), r, analysis.identifierIndex!, mapping));
  const size = options.batch ?? 1000;
  for (let i = 0; i < staged.length; i += size) await stageImportRows(t.db, workspaceId, importId, staged.slice(i, i + size));
  return { importId, report: await applyImport(t.db, workspaceId, importId, { actorUserId: null, indexLookupRows: options.indexLookupRows }) };
}

const sum = (r: { added: number; alreadyMembers: number; created: number; skipped: number }) => r.added + r.alreadyMembers + r.created + r.skipped;

describe("applying a CSV import", () => {
  it("adds, creates, skips with reasons; counts add up; blank cells never overwrite; re-upload changes nothing", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    const csv = [
      "Email,Plan,City,Note",
      "ADA@example.com,pro,,=SUM(A1:A9)",
      "bob@example.com,,Berlin,",
      "new@example.com,trial,Rome,",
      "not-an-email,pro,,",
      ",pro,,",
      "ada@example.com,other,,",
      "eve@example.com,,,",
    ].join("\r\n");
    const { importId, report } = await importCsv(seg.publicId, csv, { createUnknown: true, attributes: ["Plan", "City", "Note"] });
    expect(report).toMatchObject({
      rowsRead: 7,
      added: 2,
      created: 2, // new@ and eve@ (eve exists only in another workspace)
      alreadyMembers: 0,
      skipped: 3,
      skippedByReason: { "invalid email": 1, "empty identifier": 1, "duplicate in file": 1 },
      attributesUpdated: 2,
    });
    expect(sum(report)).toBe(report.rowsRead);
    const ada = await t.db.query.customers.findFirst({ where: (c, { and, eq }) => and(eq(c.workspaceId, workspaceId), eq(c.email, "Ada@Example.com")) });
    expect(ada!.attributes).toEqual({ plan: "pro", city: "Paris", note: "=SUM(A1:A9)" });
    expect(await memberCountOf(t.db, seg.id)).toBe(4);
    const errors = await t.db.select().from(segmentImportErrors).where(eq(segmentImportErrors.importId, importId)).orderBy(segmentImportErrors.rowNumber);
    expect(errors.map((e) => [e.rowNumber, e.value, e.reason])).toEqual([
      [5, "not-an-email", "invalid email"],
      [6, "", "empty identifier"],
      [7, "ada@example.com", "duplicate in file"],
    ]);
    const file = await importErrorsCsv(t.db, workspaceId, importId);
    expect(file).toBe('row,value,reason\r\n5,not-an-email,invalid email\r\n6,,empty identifier\r\n7,ada@example.com,duplicate in file\r\n');

    const customersBefore = await queryRows<{ n: unknown }>(t.db, sql`SELECT count(*) AS n, max(updated_at) AS u FROM customers WHERE workspace_id = ${workspaceId}::uuid`);
    const again = await importCsv(seg.publicId, csv, { createUnknown: true, attributes: ["Plan", "City", "Note"] });
    expect(again.report).toMatchObject({ rowsRead: 7, added: 0, created: 0, alreadyMembers: 4, skipped: 3, attributesUpdated: 0 });
    expect(await queryRows(t.db, sql`SELECT count(*) AS n, max(updated_at) AS u FROM customers WHERE workspace_id = ${workspaceId}::uuid`)).toEqual(customersBefore);
    expect(await memberCountOf(t.db, seg.id)).toBe(4);
    // Applying the same import again returns its report and writes nothing.
    expect(await applyImport(t.db, workspaceId, again.importId, { actorUserId: null })).toEqual(again.report);
  });

  it("matches the same way above the index-lookup size (staging rows analyzed, the planner's join) as below it", async () => {
    const csv = ["email,plan", "ada@example.com,a", " BOB@example.com ,b", "nobody@example.com,c", "bad,d", ",e", "Ada@Example.com,f"].join("\n");
    const byIndex = await importCsv((await insertManualSegment(t.db, workspaceId)).publicId, csv);
    const byPlanner = await importCsv((await insertManualSegment(t.db, workspaceId)).publicId, csv, { indexLookupRows: 0 });
    expect(byIndex.report).toMatchObject({
      rowsRead: 6,
      added: 2,
      skipped: 4,
      skippedByReason: { "no such customer": 1, "invalid email": 1, "empty identifier": 1, "duplicate in file": 1 },
    });
    expect(byPlanner.report).toEqual(byIndex.report);
    const errors = async (importId: string) =>
      (await t.db.select().from(segmentImportErrors).where(eq(segmentImportErrors.importId, importId)).orderBy(segmentImportErrors.rowNumber)).map((e) => [e.rowNumber, e.value, e.reason]);
    expect(await errors(byPlanner.importId)).toEqual(await errors(byIndex.importId));
  });

  it("skip mode reports unknown customers; external ids; a header-less file", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    const { report } = await importCsv(seg.publicId, "ada@example.com\nnobody@example.com\n\n");
    expect(report).toMatchObject({ rowsRead: 2, added: 1, skipped: 1, skippedByReason: { "no such customer": 1 } });
    const byId = await importCsv(seg.publicId, "user_id\nu-2\nu-404\n");
    expect(byId.report).toMatchObject({ rowsRead: 2, added: 1, skipped: 1 });
    expect(await memberCountOf(t.db, seg.id)).toBe(2);
  });

  it("removes by CSV in reverse", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    await importCsv(seg.publicId, "email\nada@example.com\nbob@example.com\n");
    const { report } = await importCsv(seg.publicId, "email\nbob@example.com\nnew@example.com\nghost@example.com\n", { direction: "remove" });
    expect(report).toMatchObject({ rowsRead: 3, removed: 1, notMembers: 1, skipped: 1, skippedByReason: { "no such customer": 1 } });
    expect(report.removed + report.notMembers + report.keptByDataStore + report.skipped).toBe(report.rowsRead);
    expect(await memberCountOf(t.db, seg.id)).toBe(1);
    expect(await membersFromHistory(t.db, seg.id)).toEqual(await memberIds(t.db, seg.id));
  });

  it("a failure part-way leaves no change: no customer created, no attribute, no member", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    // The membership statement fails after customers were created and attributes written.
    await t.db.execute(sql`CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await t.db.execute(sql.raw(`CREATE TRIGGER fail_import BEFORE INSERT ON segment_members FOR EACH ROW WHEN (NEW.segment_id = ${seg.id}) EXECUTE FUNCTION fail_import()`));
    const before = await queryRows(t.db, sql`SELECT count(*) AS n, max(updated_at) AS u FROM customers WHERE workspace_id = ${workspaceId}::uuid`);
    await expect(importCsv(seg.publicId, "email,plan\nada@example.com,gold\nbrand-new@example.com,gold\n", { createUnknown: true, attributes: ["plan"] })).rejects.toThrow();
    expect(await queryRows(t.db, sql`SELECT count(*) AS n, max(updated_at) AS u FROM customers WHERE workspace_id = ${workspaceId}::uuid`)).toEqual(before);
    expect(await memberCountOf(t.db, seg.id)).toBe(0);
    const [imp] = await queryRows<{ status: string; error: string }>(t.db, sql`SELECT status, error FROM segment_imports WHERE segment_id = ${seg.id}`);
    expect(imp.status).toBe("failed");
    expect(imp.error).toMatch(/changed nothing/);
    await t.db.execute(sql`DROP TRIGGER fail_import ON segment_members`);
  });

  it("refuses files that are not CSV, imports into automatic or foreign segments, and staging into another workspace's import", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    const base = { segmentId: seg.publicId, direction: "add" as const, identifierKind: "email" as const, createUnknown: false, fileSize: 10, attributeKeys: [] };
    await expect(startImport(t.db, workspaceId, { ...base, fileName: "book.xlsx" }, { actorUserId: null })).rejects.toThrow(/Choose a CSV file/);
    await expect(startImport(t.db, otherWorkspaceId, { ...base, fileName: "a.csv" }, { actorUserId: null })).rejects.toThrow(/does not exist/);
    const { importId } = await startImport(t.db, workspaceId, { ...base, fileName: "a.csv" }, { actorUserId: null });
    await expect(stageImportRows(t.db, otherWorkspaceId, importId, [[2, "a@b.co", null]])).rejects.toThrow("That import does not exist");
    await expect(stageImportRows(t.db, workspaceId, importId, [[2, "a@b.co", { "bad key!": "x" }]])).rejects.toThrow(/Attribute "bad key!"/);
    await expect(applyImport(t.db, workspaceId, importId, { actorUserId: null })).rejects.toThrow(/no data rows/);
    const n = await queryRows<{ n: unknown }>(t.db, sql`SELECT count(*) AS n FROM segment_members WHERE segment_id = ${seg.id}`);
    expect(toNumber(n[0].n)).toBe(0);
  });
});

describe("listRecentImports", () => {
  it("lists one segment's uploads newest first with their reports, and nothing to another workspace", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    const other = await insertManualSegment(t.db, workspaceId);
    const first = await importCsv(seg.publicId, "email\nada@example.com\nnot-an-email\n");
    const second = await importCsv(seg.publicId, "email\nada@example.com\n", { direction: "remove" });
    await importCsv(other.publicId, "email\nbob@example.com\n");

    const listed = await listRecentImports(t.db, workspaceId, { segmentId: seg.id });
    expect(listed.map((i) => [i.id, i.direction, i.status])).toEqual([
      [second.importId, "remove", "applied"],
      [first.importId, "add", "applied"],
    ]);
    expect(listed[1].report).toMatchObject({ rowsRead: 2, added: 1, skipped: 1 });
    expect(await listRecentImports(t.db, workspaceId, { segmentId: seg.id }, { limit: 1 })).toHaveLength(1);
    expect(await listRecentImports(t.db, otherWorkspaceId, { segmentId: seg.id })).toEqual([]);
  });
});
