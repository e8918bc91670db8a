import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows, toNumber, type Db, type DbOrTx } from "@/db/client";
import { segmentImports, type DataStoreImportReport } from "@/db/schema";
import { importNotFound, lockImportForApply } from "@/lib/csv-import/get-import";
import { UserError } from "@/lib/errors";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import { MAX_FIELDS_PER_RECORD, MAX_IDENTIFIER_LENGTH, MAX_KEY_LENGTH, MAX_RECORD_DATA_BYTES, MAX_SYNC_IDENTIFIERS } from "./data-store-limits";
import { findDataStoreById, type DataStoreRef } from "./get-data-store";
import { CUSTOMER_CELL, recordRejectReasons as reasons } from "./record-csv";
import { requestSyncOfTouched, writeRecordsStatement } from "./write-data-store-records";

/**
 * Staged rows written per statement: each chunk is one run of the records' write statement
 * (the API's), so its memory and its lock set stay bounded at a million rows.
 */
export const RECORD_WRITE_CHUNK_ROWS = 50_000;

// The same loose test as the record dialog and the API (normaliseIdentifier).
const EMAIL_RE = "^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$";
// What JavaScript's trim() removes, as the API's zod schemas trim keys and customers.
const SPACE = "E' \\t\\r\\n\\f\\v'";

type ClaimedImport = { id: string; fileName: string; store: DataStoreRef };

/**
 * Applies a data store's CSV upload, all or nothing, in one transaction: every staged row is
 * classified in one statement (empty or too long Record ID, empty or invalid customer, too
 * many fields or too much data, a Record ID already in an earlier valid row), the valid rows
 * are written chunk by chunk through the statement the API's batch upserts use (an unchanged
 * record is not touched), the rejected rows are kept for the error file. After commit the
 * linked segments are synced exactly as after an API batch: one job for the identifiers the
 * write touched, or a full sync when they are many. rowsRead = added + changed + unchanged +
 * rejected. Applying the same import twice returns the first report.
 */
export async function applyDataStoreImport(
  db: Db,
  workspaceId: string,
  importId: string,
  { actorUserId, chunkRows = RECORD_WRITE_CHUNK_ROWS }: { actorUserId: string | null; chunkRows?: number },
): Promise<DataStoreImportReport> {
  try {
    const outcome = await db.transaction(async (tx) => {
      const claimed = await claimImport(tx, workspaceId, importId);
      if ("report" in claimed) return { report: claimed.report, touched: null, storeId: 0 };
      const { report, touched } = await applyClaimed(tx, workspaceId, claimed, actorUserId, chunkRows);
      return { report, touched, storeId: claimed.store.id };
    });
    // Only after commit: the sync job must read the new records.
    if (outcome.touched) await requestSyncOfTouched(workspaceId, outcome.storeId, outcome.touched);
    await db.execute(sql`DELETE FROM segment_import_rows WHERE import_id = ${importId}::uuid`);
    return outcome.report;
  } catch (error) {
    const message = error instanceof UserError ? error.message : "The upload failed and changed nothing. Try again; if it fails again, contact support.";
    await db
      .update(segmentImports)
      .set({ status: "failed", error: message, updatedAt: new Date() })
      .where(and(eq(segmentImports.id, importId), eq(segmentImports.workspaceId, workspaceId), inArray(segmentImports.status, ["uploading", "applying"])));
    throw error;
  }
}

/** Locks the import row: a second apply of the same import waits, then sees the first one's report. */
async function claimImport(tx: DbOrTx, workspaceId: string, importId: string): Promise<ClaimedImport | { report: DataStoreImportReport }> {
  const row = await lockImportForApply(tx, workspaceId, importId);
  if (row.target !== "data_store_records" || row.dataStoreId === null) throw importNotFound();
  if (row.status === "applied" && row.report && "target" in row.report) return { report: row.report };
  if (row.status === "failed") throw new UserError(row.error ?? "This upload failed; upload the file again.", 409);
  const store = await findDataStoreById(tx, workspaceId, row.dataStoreId);
  if (!store) throw new UserError("This data store was deleted: nothing was uploaded.", 404);
  return { id: row.id, fileName: row.fileName, store };
}

async function applyClaimed(tx: DbOrTx, workspaceId: string, imp: ClaimedImport, actorUserId: string | null, chunkRows: number) {
  const byEmail = imp.store.identifierKind === "email";
  const trim = (v: ReturnType<typeof sql>) => sql`btrim(${v}, ${sql.raw(SPACE)})`;
  // 1. Every staged row, classified, in a temporary table the next statements read by row number.
  await tx.execute(sql`
    CREATE TEMP TABLE record_import_resolved ON COMMIT DROP AS
    WITH keyed AS (
      SELECT r.row_number, r.identifier AS key_cell, ${trim(sql`r.identifier`)} AS key,
        ${trim(sql`coalesce(r.attributes ->> ${CUSTOMER_CELL}::text, '')`)} AS customer,
        coalesce(r.attributes - ${CUSTOMER_CELL}::text, '{}'::jsonb) AS data
      FROM segment_import_rows r WHERE r.import_id = ${imp.id}::uuid
    ),
    checked AS (
      SELECT k.*, CASE
          WHEN k.key = '' THEN ${reasons.emptyKey}::text
          WHEN length(k.key) > ${MAX_KEY_LENGTH} THEN ${reasons.keyTooLong}
          WHEN k.customer = '' THEN ${reasons.emptyCustomer}
          WHEN length(k.customer) > ${MAX_IDENTIFIER_LENGTH} THEN ${reasons.customerTooLong}
          WHEN ${byEmail}::boolean AND k.customer !~ ${EMAIL_RE} THEN ${reasons.invalidEmail}
          WHEN (SELECT count(*) FROM jsonb_object_keys(k.data)) > ${MAX_FIELDS_PER_RECORD} THEN ${reasons.tooManyFields}
          WHEN length(k.data::text) > ${MAX_RECORD_DATA_BYTES} THEN ${reasons.dataTooLarge}
        END AS error
      FROM keyed k
    )
    SELECT c.row_number, c.key,
      CASE WHEN ${byEmail}::boolean THEN lower(c.customer) ELSE c.customer END AS customer,
      c.data,
      -- The error file shows the cell the problem is in.
      CASE WHEN c.error IN (${reasons.emptyCustomer}, ${reasons.customerTooLong}, ${reasons.invalidEmail}) THEN c.customer ELSE c.key_cell END AS value,
      CASE
        WHEN c.error IS NULL AND c.row_number <> min(c.row_number) OVER (PARTITION BY c.key, c.error IS NULL) THEN ${reasons.duplicateKey}
        ELSE c.error
      END AS error
    FROM checked c
  `);
  const [range] = await queryRows<{ lo: unknown; hi: unknown; n: unknown }>(tx, sql`SELECT min(row_number) AS lo, max(row_number) AS hi, count(*) AS n FROM record_import_resolved`);
  const rowsRead = toNumber(range.n);
  if (rowsRead === 0) throw new UserError("The file has no data rows: nothing was uploaded.");
  await tx.execute(sql`CREATE INDEX ON record_import_resolved (row_number)`);
  await tx.execute(sql`ANALYZE record_import_resolved`);

  // 2. The valid rows, chunk by chunk, through the records' one write statement.
  const lo = toNumber(range.lo);
  const hi = toNumber(range.hi);
  let created = 0;
  let updated = 0;
  let linked = 0;
  const identifiers = new Set<string>();
  for (let from = lo; from <= hi; from += chunkRows) {
    const input = sql`SELECT key, customer, data FROM record_import_resolved
      WHERE error IS NULL AND row_number >= ${from}::int AND row_number < ${from + chunkRows}::int`;
    const written = await writeRecordsStatement(tx, imp.store.id, input, []);
    created += written.created;
    updated += written.updated;
    linked = written.linked;
    // Only as many as an incremental sync carries; one more means "sync the whole store".
    for (const id of written.identifiers) if (identifiers.size <= MAX_SYNC_IDENTIFIERS) identifiers.add(id);
  }

  // 3. The rows not written, for the error file; then the report.
  await tx.execute(sql`
    INSERT INTO segment_import_errors (import_id, row_number, value, reason)
    SELECT ${imp.id}::uuid, row_number, left(value, 1000), error FROM record_import_resolved WHERE error IS NOT NULL
  `);
  const counts = await queryRows<{ error: string; n: unknown }>(tx, sql`SELECT error, count(*) AS n FROM record_import_resolved WHERE error IS NOT NULL GROUP BY error`);
  const rejectedByReason: Record<string, number> = {};
  for (const c of counts) rejectedByReason[c.error] = toNumber(c.n);
  const rejected = Object.values(rejectedByReason).reduce((a, b) => a + b, 0);
  const report: DataStoreImportReport = {
    target: "data_store_records",
    rowsRead,
    added: created,
    changed: updated,
    unchanged: rowsRead - rejected - created - updated,
    rejected,
    rejectedByReason,
  };
  if (created + updated > 0) {
    await recordAuditLog(tx, workspaceId, {
      actorUserId,
      action: "data_store.records_changed",
      target: imp.store.publicId,
      data: { via: "csv", importId: imp.id, fileName: imp.fileName, created, updated, unchanged: report.unchanged, rejected },
    });
  }
  await tx
    .update(segmentImports)
    .set({ status: "applied", report, error: null, appliedAt: new Date(), updatedAt: new Date() })
    .where(eq(segmentImports.id, imp.id));
  return { report, touched: { identifiers: [...identifiers], linked } };
}
