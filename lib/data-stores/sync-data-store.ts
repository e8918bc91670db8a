import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, toNumber, type Db } from "@/db/client";
import { segments, type DataStoreFilter, type DataStoreIdentifierKind, type DataStoreSyncInfo } from "@/db/schema";
import { queueDependentsOfChange, writeManualSegmentMembers, type PendingDependents } from "@/lib/segments/membership/change-manual-members";
import { memberSourceBits } from "@/lib/segments/membership/member-sources";
import { listLinkedSegments, type LinkedSegment } from "./list-linked-segments";

/**
 * Which customers a sync looks at. Only they can change: everything outside the scope is
 * left as it is. `range` is one chunk of a full sync (customer ids lo ≤ id < hi).
 */
export type SyncScope =
  | { kind: "identifiers"; identifiers: string[] }
  | { kind: "customers"; customerIds: number[] }
  | { kind: "range"; lo: number; hi: number };

export type SyncCounts = { added: number; removed: number };

/** Customer ids per full-sync chunk: one chunk is two set-based statements per linked segment. */
export const FULL_SYNC_CHUNK_IDS = 50_000;

const DATA_STORE_BIT = memberSourceBits.data_store;

/** How a record's identifier meets a customer: emails are stored lower-case and matched through customers' lower(email) index. */
function customerKey(kind: DataStoreIdentifierKind): SQL {
  return kind === "email" ? sql`lower(c.email)` : sql`c.external_id`;
}

function scopeSql(scope: SyncScope, kind: DataStoreIdentifierKind): SQL {
  if (scope.kind === "range") return sql`c.id >= ${scope.lo}::bigint AND c.id < ${scope.hi}::bigint`;
  if (scope.kind === "customers") return sql`c.id IN (SELECT value::bigint FROM jsonb_array_elements_text(${JSON.stringify(scope.customerIds)}::jsonb))`;
  // Identifiers as the records store them (emails lower-case), so the match uses the same expression the index has.
  return sql`${customerKey(kind)} IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(scope.identifiers)}::jsonb))`;
}

/** The link's filter on the record's fields; field names and values are bound parameters, never spliced into SQL. */
export function filterSql(filter: DataStoreFilter | null): SQL {
  if (!filter) return sql`true`;
  const value = sql`r.data ->> ${filter.field}::text`;
  switch (filter.operator) {
    case "exists":
      return sql`r.data ? ${filter.field}::text`;
    case "equals":
      return sql`${value} = ${filter.values[0]}::text`;
    case "in":
      return sql`${value} IN (SELECT jsonb_array_elements_text(${JSON.stringify(filter.values)}::jsonb))`;
    case "not_in":
      // A record without the field is "not one of" the values too.
      return sql`${value} IS NULL OR ${value} NOT IN (SELECT jsonb_array_elements_text(${JSON.stringify(filter.values)}::jsonb))`;
  }
}

/** Customers in scope whom a (filtered) record of the store names: who should be in the segment because of the store. */
function desiredSql(workspaceId: string, dataStoreId: number, kind: DataStoreIdentifierKind, filter: DataStoreFilter | null, scope: SyncScope): SQL {
  return sql`SELECT c.id FROM customers c
    WHERE c.workspace_id = ${workspaceId}::uuid AND (${scopeSql(scope, kind)})
      AND EXISTS (SELECT 1 FROM data_store_records r WHERE r.data_store_id = ${dataStoreId}::bigint AND r.customer_identifier = ${customerKey(kind)} AND (${filterSql(filter)}))`;
}

/** Customers in scope the store holds in the segment now (its bit in segment_members.sources). */
function currentSql(workspaceId: string, segmentId: number, kind: DataStoreIdentifierKind, scope: SyncScope): SQL {
  return sql`SELECT sm.customer_id FROM segment_members sm JOIN customers c ON c.id = sm.customer_id
    WHERE sm.segment_id = ${segmentId}::bigint AND sm.sources & ${DATA_STORE_BIT}::smallint <> 0
      AND c.workspace_id = ${workspaceId}::uuid AND (${scopeSql(scope, kind)})`;
}

/**
 * One scope of one linked segment, in the caller's transaction: desired minus current is
 * added, current minus desired removed, both through the membership module with source
 * `data_store` (so the store only ever removes what it added). Two statements, whatever
 * the number of records.
 */
async function syncSegmentScope(
  tx: Parameters<Parameters<Db["transaction"]>[0]>[0],
  workspaceId: string,
  store: { id: number; publicId: string; identifierKind: DataStoreIdentifierKind },
  segment: LinkedSegment,
  scope: SyncScope,
  pending: PendingDependents[],
): Promise<SyncCounts> {
  const desired = desiredSql(workspaceId, store.id, store.identifierKind, segment.filter, scope);
  const current = currentSql(workspaceId, segment.id, store.identifierKind, scope);
  const ref = { id: segment.id, publicId: segment.publicId, name: segment.name, dataStoreId: store.id };
  const common = { source: "data_store" as const, actorUserId: null, auditOnlyChanges: true, audit: { dataStore: store.publicId, scope: scope.kind } };
  const added = await writeManualSegmentMembers(tx, workspaceId, ref, { ...common, op: "add", customers: { workspaceScopedQuery: sql`${desired} EXCEPT ${current}` } });
  const removed = await writeManualSegmentMembers(tx, workspaceId, ref, { ...common, op: "remove", customers: { workspaceScopedQuery: sql`${current} EXCEPT ${desired}` } });
  pending.push(added.pending, removed.pending);
  return { added: added.result.changed, removed: removed.result.changed };
}

/**
 * Brings the store's linked segments in step for the customers in `scope`, one transaction
 * (the segments are locked, so two syncs of one segment queue rather than interleave).
 * Returns what each segment gained and lost; dependents are queued after commit.
 */
export async function syncDataStoreScope(
  db: Db,
  workspaceId: string,
  store: { id: number; publicId: string; identifierKind: DataStoreIdentifierKind },
  scope: SyncScope,
  options: { segmentIds?: number[] } = {},
): Promise<Record<string, SyncCounts>> {
  const pending: PendingDependents[] = [];
  const out = await db.transaction(async (tx) => {
    const linked = await listLinkedSegments(tx, workspaceId, store.id, options.segmentIds);
    const counts: Record<string, SyncCounts> = {};
    for (const segment of linked) {
      // Serialises syncs of the same segment (the job's concurrency key covers Inngest; this covers everything else).
      await tx.execute(sql`SELECT 1 FROM segments WHERE id = ${segment.id}::bigint FOR UPDATE`);
      counts[segment.publicId] = await syncSegmentScope(tx, workspaceId, store, segment, scope, pending);
    }
    return counts;
  });
  for (const p of pending) await queueDependentsOfChange(p);
  return out;
}

/** The customer id chunks of a full sync of this workspace (empty when it has no customers). */
export async function fullSyncRanges(db: Db, workspaceId: string, chunk = FULL_SYNC_CHUNK_IDS): Promise<{ lo: number; hi: number }[]> {
  const [row] = await queryRows<{ lo: unknown; hi: unknown }>(db, sql`SELECT min(id) AS lo, max(id) AS hi FROM customers WHERE workspace_id = ${workspaceId}::uuid`);
  if (row.lo === null || row.lo === undefined) return [];
  const lo = toNumber(row.lo);
  const hi = toNumber(row.hi);
  const ranges: { lo: number; hi: number }[] = [];
  for (let from = lo; from <= hi; from += chunk) ranges.push({ lo: from, hi: Math.min(from + chunk, hi + 1) });
  return ranges;
}

/** Writes what the last sync did onto each link, for the segment page. */
export async function recordSyncResult(db: Db, workspaceId: string, segmentPublicIds: string[], info: Omit<DataStoreSyncInfo, "added" | "removed">, counts: Record<string, SyncCounts>) {
  for (const publicId of segmentPublicIds) {
    const c = counts[publicId] ?? { added: 0, removed: 0 };
    await db
      .update(segments)
      .set({ dataStoreSync: { ...info, added: c.added, removed: c.removed } })
      .where(and(eq(segments.workspaceId, workspaceId), eq(segments.publicId, publicId)));
  }
}

export function addCounts(into: Record<string, SyncCounts>, part: Record<string, SyncCounts>) {
  for (const [k, v] of Object.entries(part)) {
    const t = (into[k] ??= { added: 0, removed: 0 });
    t.added += v.added;
    t.removed += v.removed;
  }
  return into;
}

/**
 * A whole sync of one store, chunk after chunk, in this process (tests and scripts). The job
 * runs the same chunks as separate steps and records failures too.
 */
export async function syncDataStore(
  db: Db,
  workspaceId: string,
  store: { id: number; publicId: string; identifierKind: DataStoreIdentifierKind },
  scope: Exclude<SyncScope, { kind: "range" }> | { kind: "full" },
  options: { segmentIds?: number[] } = {},
): Promise<Record<string, SyncCounts>> {
  const scopes: SyncScope[] = scope.kind === "full" ? (await fullSyncRanges(db, workspaceId)).map((r) => ({ kind: "range", ...r })) : [scope];
  const counts: Record<string, SyncCounts> = {};
  for (const s of scopes) addCounts(counts, await syncDataStoreScope(db, workspaceId, store, s, options));
  const linked = await listLinkedSegments(db, workspaceId, store.id, options.segmentIds);
  const kind = scope.kind === "full" ? "full" : scope.kind === "customers" ? "customers" : "incremental";
  await recordSyncResult(db, workspaceId, linked.map((l) => l.publicId), { at: new Date().toISOString(), kind, status: "ok" }, counts);
  return counts;
}
