import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows, toNumber, type Db, type DbOrTx } from "@/db/client";
import { segmentImports, type ImportReport } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { loadSegmentNodes } from "@/lib/segments/evaluate-customers";
import { queueDependentsOfChange, writeManualSegmentMembers, type PendingDependents } from "@/lib/segments/membership/change-manual-members";
import { getManualSegmentOrThrow } from "@/lib/segments/membership/get-manual-segment";
import { segmentSensitivity } from "@/lib/segments/segment-dependencies";
import { importNotFound, lockImportForApply } from "./get-import";

/** Why a row was not applied: the words of the error file. */
export const skipReasons = {
  empty: "empty identifier",
  invalidEmail: "invalid email",
  tooLong: "identifier too long",
  duplicate: "duplicate in file",
  unknown: "no such customer",
} as const;

/** Up to this many changed customers are named in a real-time job; above, affected segments are recomputed. */
const NAMED_CUSTOMERS_LIMIT = 10_000;
/** Files up to this many rows match customers by index lookups (see applyClaimed). */
const INDEX_LOOKUP_ROWS = 100_000;

// Deliberately loose (one @, a dot in the domain, no spaces): the same test the browser preview uses.
const EMAIL_RE = "^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$";

type ClaimedImport = { id: string; segmentId: number; direction: "add" | "remove"; identifierKind: "email" | "external_id"; createUnknown: boolean; fileName: string };

/**
 * Applies an uploaded import, all or nothing, in one transaction of a few set-based
 * statements over the staging rows: classify every row (empty, invalid, duplicate in file),
 * match customers, create the unknown ones if asked, write the mapped attributes (blank
 * cells were never sent, so they never overwrite), change the segment's members through
 * the membership module, and keep the rows not applied for the error file. The counts of
 * the report add up to the rows read. Applying the same import twice returns the first report.
 */
export async function applyImport(
  db: Db,
  workspaceId: string,
  importId: string,
  {
    actorUserId,
    timings,
    indexLookupRows = INDEX_LOOKUP_ROWS,
  }: {
    actorUserId: string | null;
    /** filled with each phase's milliseconds (bench:import) */
    timings?: Record<string, number>;
    /** INDEX_LOOKUP_ROWS unless given (tests: both ways of matching on a small file) */
    indexLookupRows?: number;
  },
): Promise<ImportReport> {
  let pending: PendingDependents = null;
  let profile: { ids: number[] | null; created: boolean } | null = null;
  try {
    const started = performance.now();
    const large = await analyzeLargeImport(db, importId, indexLookupRows);
    if (timings) timings.analyzeStaged = Math.round(performance.now() - started);
    const outcome = await db.transaction(async (tx) => {
      const claimed = await claimImport(tx, workspaceId, importId);
      if ("report" in claimed) return claimed.report;
      const result = await applyClaimed(tx, workspaceId, claimed, large, actorUserId, timings ?? {});
      pending = result.pending;
      profile = result.profile;
      return result.report;
    });
    // Only after commit: jobs must read the new state.
    const committed = performance.now();
    await queueDependentsOfChange(pending);
    if (profile) await notifyProfileChanges(db, workspaceId, profile);
    await db.execute(sql`DELETE FROM segment_import_rows WHERE import_id = ${importId}::uuid`);
    if (timings) timings.afterCommit = Math.round(performance.now() - committed);
    return outcome;
  } catch (error) {
    const message = error instanceof UserError ? error.message : "The import failed and changed nothing. Try again; if it fails again, contact support.";
    await db
      .update(segmentImports)
      .set({ status: "failed", error: message, updatedAt: new Date() })
      .where(and(eq(segmentImports.id, importId), eq(segmentImports.workspaceId, workspaceId), inArray(segmentImports.status, ["uploading", "applying"])));
    throw error;
  }
}

/**
 * Whether the import has more than `indexLookupRows` staged rows (counted only up to there: counting
 * a million staged rows is a second scan of them); if so, fresh statistics of the staging table.
 * The staging table is shared by every import and its rows come and go, so its statistics
 * (autovacuum's, taken whenever) rarely know the new import's id: the planner then expects one
 * staged row and matches a million rows by a million index probes into customers (bench:import,
 * auto_explain: classify 30.4 s with that plan; 8.9 s with the hash join it picks once the rows
 * are analyzed, under the same load). ANALYZE samples a fixed number of rows (0.6 s at a million). It runs before the apply's transaction,
 * as a statement of its own, so its lock (which a second ANALYZE of the table waits for) is held
 * for that half second, not for the whole apply. A role that does not own the table gets a
 * warning and the old statistics, never an error.
 */
async function analyzeLargeImport(db: Db, importId: string, indexLookupRows: number): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(importId)) throw importNotFound();
  const [{ n: staged }] = await queryRows<{ n: unknown }>(
    db,
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM segment_import_rows WHERE import_id = ${importId}::uuid LIMIT ${indexLookupRows + 1}) s`,
  );
  const large = toNumber(staged) > indexLookupRows;
  if (large) await db.execute(sql`ANALYZE segment_import_rows`);
  return large;
}

/** Locks the import row: a second apply of the same import waits, then sees the first one's report. */
async function claimImport(tx: DbOrTx, workspaceId: string, importId: string): Promise<ClaimedImport | { report: ImportReport }> {
  const row = await lockImportForApply(tx, workspaceId, importId);
  // A data store's import is applied by applyDataStoreImport (see applyStagedImport).
  if (row.target !== "segment_members" || row.segmentId === null) throw importNotFound();
  if (row.status === "applied" && row.report && !("target" in row.report)) return { report: row.report };
  if (row.status === "failed") throw new UserError(row.error ?? "This import failed; upload the file again.", 409);
  return { id: row.id, segmentId: row.segmentId, direction: row.direction, identifierKind: row.identifierKind, createUnknown: row.createUnknown, fileName: row.fileName };
}

async function applyClaimed(tx: DbOrTx, workspaceId: string, imp: ClaimedImport, large: boolean, actorUserId: string | null, timings: Record<string, number>) {
  let last = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - last);
    last = now;
  };
  const segment = await getManualSegmentOrThrow(tx, workspaceId, { id: imp.segmentId });
  const byEmail = imp.identifierKind === "email";
  const key = byEmail ? sql`lower(btrim(r.identifier))` : sql`btrim(r.identifier)`;
  const match = byEmail
    ? sql`c.workspace_id = ${workspaceId}::uuid AND lower(c.email) = r.key`
    : sql`c.workspace_id = ${workspaceId}::uuid AND c.external_id = r.key`;

  // Up to INDEX_LOOKUP_ROWS rows, customers are matched through the (workspace, lower(email)) /
  // (workspace, external_id) index; the planner otherwise hashes every customer of the
  // workspace (a million lower() calls: ~15 s on the benchmark machine for a 20k-row file).
  // Above, the staging rows were analyzed (analyzeLargeImport) and the planner chooses.
  const indexLookups = !large;
  if (indexLookups) await tx.execute(sql`SET LOCAL enable_hashjoin = off`);
  // 1. Every staged row, classified, with its customer if one exists. A temporary table: the
  //    next statements read it several times and it never outlives the transaction.
  await tx.execute(sql`
    CREATE TEMP TABLE import_resolved ON COMMIT DROP AS
    WITH keyed AS (
      SELECT r.row_number, r.identifier AS value, r.attributes, ${key} AS key
      FROM segment_import_rows r WHERE r.import_id = ${imp.id}::uuid
    ),
    classified AS (
      SELECT k.*, CASE
          WHEN k.key = '' THEN ${skipReasons.empty}::text
          WHEN length(k.key) > 320 THEN ${skipReasons.tooLong}
          WHEN ${byEmail}::boolean AND k.key !~ ${EMAIL_RE} THEN ${skipReasons.invalidEmail}
          WHEN k.row_number <> min(k.row_number) OVER (PARTITION BY k.key) THEN ${skipReasons.duplicate}
        END AS error
      FROM keyed k
    )
    SELECT r.row_number, r.value, r.attributes, r.key, r.error, c.id AS customer_id, false AS created
    FROM classified r
    LEFT JOIN customers c ON r.error IS NULL AND ${match}
  `);
  if (indexLookups) await tx.execute(sql`SET LOCAL enable_hashjoin = on`);
  lap("classify");
  await tx.execute(sql`ANALYZE import_resolved`);
  lap("analyze");

  let created = 0;
  if (imp.direction === "add" && imp.createUnknown) {
    // 2. Unknown customers are created with the row's mapped attributes. ON CONFLICT: one
    //    created meanwhile (an identify call) is matched just below instead.
    const insert = byEmail
      ? sql`INSERT INTO customers (workspace_id, email, attributes)
            SELECT ${workspaceId}::uuid, btrim(value), coalesce(attributes, '{}'::jsonb) FROM import_resolved
            WHERE error IS NULL AND customer_id IS NULL
            ON CONFLICT (workspace_id, lower(email)) DO NOTHING
            RETURNING id, lower(email) AS key`
      : sql`INSERT INTO customers (workspace_id, external_id, attributes)
            SELECT ${workspaceId}::uuid, key, coalesce(attributes, '{}'::jsonb) FROM import_resolved
            WHERE error IS NULL AND customer_id IS NULL
            ON CONFLICT (workspace_id, external_id) DO NOTHING
            RETURNING id, external_id AS key`;
    const [row] = await queryRows<{ n: unknown }>(
      tx,
      sql`WITH ins AS (${insert}),
          upd AS (UPDATE import_resolved r SET customer_id = ins.id, created = true FROM ins WHERE r.error IS NULL AND r.key = ins.key RETURNING 1)
          SELECT count(*) AS n FROM upd`,
    );
    created = toNumber(row.n);
    await tx.execute(sql`UPDATE import_resolved r SET customer_id = c.id FROM customers c WHERE r.error IS NULL AND r.customer_id IS NULL AND ${match}`);
  }
  await tx.execute(sql`UPDATE import_resolved SET error = ${skipReasons.unknown} WHERE error IS NULL AND customer_id IS NULL`);
  lap("create");

  // 3. Mapped attributes of existing customers; a customer whose values are already these is not touched.
  let attributesUpdated = 0;
  if (imp.direction === "add") {
    const [row] = await queryRows<{ n: unknown }>(
      tx,
      sql`WITH upd AS (
            UPDATE customers c SET attributes = c.attributes || r.attributes, updated_at = now()
            FROM import_resolved r
            WHERE c.id = r.customer_id AND c.workspace_id = ${workspaceId}::uuid AND r.error IS NULL AND NOT r.created
              AND r.attributes IS NOT NULL AND NOT (c.attributes @> r.attributes)
            RETURNING 1
          ) SELECT count(*) AS n FROM upd`,
    );
    attributesUpdated = toNumber(row.n);
  }
  lap("attributes");

  // 4. Membership, through the one module (history, member_count, audit log).
  const { result, pending } = await writeManualSegmentMembers(tx, workspaceId, segment, {
    op: imp.direction,
    source: "csv",
    customers: { workspaceScopedQuery: sql`SELECT customer_id FROM import_resolved WHERE error IS NULL` },
    actorUserId,
    audit: { importId: imp.id, fileName: imp.fileName },
  });
  lap("membership");

  // 5. The rows not applied, for the error file; then the report.
  await tx.execute(sql`
    INSERT INTO segment_import_errors (import_id, row_number, value, reason)
    SELECT ${imp.id}::uuid, row_number, left(value, 1000), error FROM import_resolved WHERE error IS NOT NULL
  `);
  const counts = await queryRows<{ error: string | null; n: unknown }>(tx, sql`SELECT error, count(*) AS n FROM import_resolved GROUP BY error`);
  const skippedByReason: Record<string, number> = {};
  let rowsRead = 0;
  for (const c of counts) {
    rowsRead += toNumber(c.n);
    if (c.error) skippedByReason[c.error] = toNumber(c.n);
  }
  if (rowsRead === 0) throw new UserError("The file has no data rows: nothing was imported.");
  const skipped = Object.values(skippedByReason).reduce((a, b) => a + b, 0);
  const add = imp.direction === "add";
  const report: ImportReport = {
    rowsRead,
    added: add ? result.changed - created : 0,
    alreadyMembers: add ? result.unchanged : 0,
    created,
    removed: add ? 0 : result.changed,
    notMembers: add ? 0 : result.unchanged,
    keptByDataStore: add ? 0 : result.keptByOtherSource,
    skipped,
    skippedByReason,
    attributesUpdated,
  };
  await tx
    .update(segmentImports)
    .set({ status: "applied", report, error: null, appliedAt: new Date(), updatedAt: new Date() })
    .where(eq(segmentImports.id, imp.id));

  lap("report");
  // Customers created or changed: automatic segments on profile data must look at them.
  let profile: { ids: number[] | null; created: boolean } | null = null;
  if (created > 0 || attributesUpdated > 0) {
    const ids = await queryRows<{ id: unknown }>(
      tx,
      sql`SELECT customer_id AS id FROM import_resolved WHERE error IS NULL AND (created OR attributes IS NOT NULL) LIMIT ${NAMED_CUSTOMERS_LIMIT + 1}`,
    );
    profile = { ids: ids.length > NAMED_CUSTOMERS_LIMIT ? null : ids.map((r) => toNumber(r.id)), created: created > 0 };
  }
  return { report, pending, profile };
}

/**
 * New or changed customers reach the automatic segments: named in one real-time job when
 * they are few; otherwise every automatic segment that reads profile data (all of them when
 * customers were created) is recomputed, which costs one set-based run each.
 */
async function notifyProfileChanges(db: Db, workspaceId: string, profile: { ids: number[] | null; created: boolean }) {
  if (profile.ids) {
    if (profile.ids.length === 0) return;
    await sendJobEvent({ name: "customers/changed", data: { workspaceId, customerIds: profile.ids, reason: "import", profileChanged: true, created: profile.created } });
    return;
  }
  const nodes = await loadSegmentNodes(db, workspaceId);
  const affected = nodes.filter((n) => profile.created || segmentSensitivity(n.tree).profile);
  if (affected.length === 0) return;
  const versions = await queryRows<{ id: unknown; version: number }>(
    db,
    sql`SELECT id, definition_version AS version FROM segments WHERE workspace_id = ${workspaceId}::uuid AND id IN (SELECT value::bigint FROM jsonb_array_elements_text(${JSON.stringify(affected.map((n) => n.id))}::jsonb))`,
  );
  await sendJobEvent(versions.map((v) => ({ name: "segments/recompute.requested" as const, data: { workspaceId, segmentId: toNumber(v.id), version: v.version } })));
}
