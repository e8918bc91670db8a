import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, toNumber, type Db, type DbOrTx } from "@/db/client";
import { UserError } from "@/lib/errors";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import { MAX_RECORDS_PER_BATCH, MAX_SYNC_IDENTIFIERS, normaliseIdentifier, type RecordInput } from "./data-store-schemas";
import { getDataStoreOrThrow } from "./get-data-store";
import { requestDataStoreSync } from "./request-data-store-sync";

export type RecordChanges = { upsert: RecordInput[]; delete: string[] };
export type RecordChangesResult = { created: number; updated: number; unchanged: number; deleted: number; notFound: number };

/**
 * Checks a batch before anything is written: identifiers fit the store's kind (emails
 * lower-cased), no key twice, no key both written and deleted. The first problem is a 400.
 */
export function validateRecordChanges(kind: "email" | "external_id", changes: RecordChanges): RecordChanges {
  if (changes.upsert.length + changes.delete.length > MAX_RECORDS_PER_BATCH) {
    throw new UserError(`At most ${MAX_RECORDS_PER_BATCH.toLocaleString("en-US")} records per call`);
  }
  const seen = new Set<string>();
  const upsert = changes.upsert.map((r, i) => {
    if (seen.has(r.key)) throw new UserError(`upsert.${i}.key: “${r.key}” appears twice in this batch`);
    seen.add(r.key);
    const id = normaliseIdentifier(kind, r.customer);
    if (!id.ok) throw new UserError(`upsert.${i}.customer: ${id.error}`);
    return { ...r, customer: id.value };
  });
  const deleted = new Set<string>();
  changes.delete.forEach((key, i) => {
    if (seen.has(key)) throw new UserError(`delete.${i}: “${key}” is also in upsert; send a key once per batch`);
    deleted.add(key);
  });
  return { upsert, delete: [...deleted] };
}

/** What one write statement did, and the identifiers (old and new) it touched, at most MAX_SYNC_IDENTIFIERS + 1 of them. */
export type RecordsStatementResult = { created: number; updated: number; deleted: number; identifiers: string[]; linked: number };

/**
 * The one statement that writes a store's records, shared by the API, the UI and the CSV
 * upload: `input` is a query of (key, customer, data) rows — customers already normalised,
 * keys distinct — upserted (a record equal to the stored one is not touched), then `deleteKeys`
 * deleted; record_count follows. Returns the identifiers the change touched, for the sync.
 */
export async function writeRecordsStatement(tx: DbOrTx, storeId: number, input: SQL, deleteKeys: string[]): Promise<RecordsStatementResult> {
  const [row] = await queryRows<{ created: unknown; updated: unknown; deleted: unknown; identifiers: unknown; linked: unknown }>(
    tx,
    sql`
      WITH input AS (${input}),
      old AS MATERIALIZED (
        SELECT r.key, r.customer_identifier FROM data_store_records r
        WHERE r.data_store_id = ${storeId}::bigint AND r.key IN (SELECT key FROM input)
      ),
      up AS (
        INSERT INTO data_store_records (data_store_id, key, customer_identifier, data, updated_at)
        SELECT ${storeId}::bigint, key, customer, data, now() FROM input
        ON CONFLICT (data_store_id, key) DO UPDATE
          SET customer_identifier = EXCLUDED.customer_identifier, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
          WHERE (data_store_records.customer_identifier, data_store_records.data) IS DISTINCT FROM (EXCLUDED.customer_identifier, EXCLUDED.data)
        RETURNING key, customer_identifier, (xmax = 0) AS inserted
      ),
      del AS (
        DELETE FROM data_store_records r
        WHERE r.data_store_id = ${storeId}::bigint AND r.key IN (SELECT jsonb_array_elements_text(${JSON.stringify(deleteKeys)}::jsonb))
        RETURNING r.key, r.customer_identifier
      ),
      counts AS (
        SELECT (SELECT count(*) FROM up WHERE inserted) AS created, (SELECT count(*) FROM up WHERE NOT inserted) AS updated, (SELECT count(*) FROM del) AS deleted
      ),
      bump AS (
        UPDATE data_stores SET record_count = record_count + counts.created - counts.deleted, updated_at = now()
        FROM counts WHERE data_stores.id = ${storeId}::bigint AND counts.created + counts.updated + counts.deleted > 0
      ),
      touched AS (
        SELECT customer_identifier FROM up
        UNION SELECT o.customer_identifier FROM old o JOIN up u ON u.key = o.key
        UNION SELECT customer_identifier FROM del
      )
      SELECT counts.created, counts.updated, counts.deleted,
        (SELECT json_agg(customer_identifier) FROM (SELECT customer_identifier FROM touched LIMIT ${MAX_SYNC_IDENTIFIERS + 1}) t) AS identifiers,
        (SELECT count(*) FROM segments s WHERE s.data_store_id = ${storeId}::bigint AND s.deleted_at IS NULL) AS linked
      FROM counts
    `,
  );
  const identifiers = row.identifiers === null || row.identifiers === undefined ? [] : ((typeof row.identifiers === "string" ? JSON.parse(row.identifiers) : row.identifiers) as string[]);
  return { created: toNumber(row.created), updated: toNumber(row.updated), deleted: toNumber(row.deleted), identifiers, linked: toNumber(row.linked) };
}

/**
 * After a write has committed: if any segment follows the store, one sync job for the customers
 * the touched identifiers name, or a full sync when there are too many to carry in an event.
 */
export async function requestSyncOfTouched(workspaceId: string, storeId: number, touched: { identifiers: string[]; linked: number }) {
  if (touched.linked === 0 || touched.identifiers.length === 0) return;
  await requestDataStoreSync({
    workspaceId,
    dataStoreId: storeId,
    reason: "records",
    ...(touched.identifiers.length <= MAX_SYNC_IDENTIFIERS && { identifiers: touched.identifiers }),
  });
}

/**
 * Writes and deletes a store's records: one transaction, one statement for the whole batch
 * (the batch travels as one JSON parameter). A record written again unchanged changes
 * nothing. Afterwards, if any segment follows the store, one sync job is queued for the
 * customers the old and new identifiers name (or a full sync when there are too many to list).
 */
export async function writeDataStoreRecords(
  db: Db,
  workspaceId: string,
  dataStorePublicId: string,
  changes: RecordChanges,
  { actorUserId, apiKeyId, via }: { actorUserId: string | null; apiKeyId?: string; via: "ui" | "api" | "csv" },
): Promise<RecordChangesResult> {
  const store = await getDataStoreOrThrow(db, workspaceId, dataStorePublicId);
  const valid = validateRecordChanges(store.identifierKind, changes);
  const { result, touched } = await db.transaction(async (tx) => {
    const input = sql`SELECT i.key, i.customer, coalesce(i.data, '{}'::jsonb) AS data
      FROM jsonb_to_recordset(${JSON.stringify(valid.upsert)}::jsonb) AS i(key text, customer text, data jsonb)`;
    const written = await writeRecordsStatement(tx, store.id, input, valid.delete);
    const { created, updated, deleted } = written;
    const result = { created, updated, unchanged: valid.upsert.length - created - updated, deleted, notFound: valid.delete.length - deleted };
    if (created + updated + deleted > 0) {
      await recordAuditLog(tx, workspaceId, { actorUserId, action: "data_store.records_changed", target: store.publicId, data: { via, ...result, ...(apiKeyId && { apiKeyId }) } });
    }
    return { result, touched: written };
  });
  await requestSyncOfTouched(workspaceId, store.id, touched);
  return result;
}
