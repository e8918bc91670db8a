import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import { applySegmentMembership, type MembershipDiff } from "./apply-membership";
import { conditionTreeSchema } from "./condition-schema";

/**
 * Customers per recompute chunk: one chunk is one statement, sized to finish well within a
 * 60 s serverless step. Measured (npm run bench:segments, 2 cores): a whole 1M-customer,
 * 10M-event workspace takes at most ~12 s in one statement, writes included; smaller chunks
 * re-read the same events' index pages once per chunk.
 */
export function recomputeChunkSize(): number {
  return Number(process.env.LUMEN_RECOMPUTE_CHUNK_SIZE ?? 1_000_000);
}
const MAX_ID = Number.MAX_SAFE_INTEGER;

export type RecomputeChunk = { from: number; to: number };
export type RecomputePlan = { chunks: RecomputeChunk[] };

async function currentDefinition(db: DbOrTx, workspaceId: string, segmentId: number, version: number) {
  const [row] = await db
    .select({ conditions: segments.conditions, version: segments.definitionVersion, type: segments.type, deletedAt: segments.deletedAt })
    .from(segments)
    .where(and(eq(segments.id, segmentId), eq(segments.workspaceId, workspaceId)));
  if (!row || row.type !== "automatic" || row.version !== version || row.deletedAt) return null;
  return conditionTreeSchema.parse(row.conditions);
}

/**
 * Marks the run as computing and splits the workspace's customers into id ranges of
 * about recomputeChunkSize() customers each. The first range starts at 0 and the last
 * is open-ended, so customers created during the run are covered too. Returns null
 * when this version is no longer the segment's definition (a newer run will do it).
 */
export async function startRecompute(db: DbOrTx, workspaceId: string, segmentId: number, version: number): Promise<RecomputePlan | null> {
  if (!(await currentDefinition(db, workspaceId, segmentId, version))) return null;
  await db
    .update(segments)
    .set({ computeStatus: "computing", computeProgress: 0, computeError: null })
    .where(and(eq(segments.id, segmentId), eq(segments.definitionVersion, version)));
  // Each chunk's last id by a keyset probe on (workspace_id, id): one index walk over the
  // workspace's ids in all, instead of numbering, sorting and grouping every customer with a
  // window function before each recompute. The last chunk is open-ended.
  const size = recomputeChunkSize();
  const chunks: RecomputeChunk[] = [];
  // Ids are unique, so a workspace whose ids span at most `size` values has at most `size`
  // customers: one chunk, known from two index probes, without walking a million index entries
  // (0.6 s at benchmark size) to find out.
  const [span] = await queryRows<{ lo: unknown; hi: unknown }>(
    db,
    sql`SELECT min(id) AS lo, max(id) AS hi FROM customers WHERE workspace_id = ${workspaceId}::uuid`,
  );
  if (span.lo === null || toNumber(span.hi) - toNumber(span.lo) < size) return { chunks: [{ from: 0, to: MAX_ID }] };
  let from = 0;
  for (let after = -1; ; ) {
    const rows = await queryRows<{ id: unknown }>(
      db,
      sql`SELECT id FROM customers WHERE workspace_id = ${workspaceId}::uuid AND id > ${after} ORDER BY id OFFSET ${size - 1} LIMIT 2`,
    );
    if (rows.length < 2) break;
    const upper = toNumber(rows[0].id);
    chunks.push({ from, to: upper });
    from = upper + 1;
    after = upper;
  }
  chunks.push({ from, to: MAX_ID });
  return { chunks };
}

/** One chunk: a single set-based statement. Null when the definition changed meanwhile. */
export async function recomputeChunk(
  db: DbOrTx,
  args: { workspaceId: string; segmentId: number; version: number; chunk: RecomputeChunk; index: number; total: number; now?: Date },
): Promise<MembershipDiff | null> {
  const tree = await currentDefinition(db, args.workspaceId, args.segmentId, args.version);
  if (!tree) return null;
  const now = args.now ?? new Date();
  const diff = await applySegmentMembership(db, {
    workspaceId: args.workspaceId,
    segmentId: args.segmentId,
    tree,
    scope: { type: "range", from: args.chunk.from, to: args.chunk.to },
    now,
  });
  await db
    .update(segments)
    .set({ computeProgress: (args.index + 1) / args.total })
    .where(and(eq(segments.id, args.segmentId), eq(segments.definitionVersion, args.version)));
  return diff;
}

/**
 * Ready: member_count is recounted exactly (the chunks kept it up to date, but a count
 * at the end costs one index-only scan and removes any doubt).
 */
export async function finishRecompute(db: DbOrTx, workspaceId: string, segmentId: number, version: number, startedAt: Date): Promise<boolean> {
  const rows = await db
    .update(segments)
    .set({
      computeStatus: "ready",
      computeProgress: null,
      computeError: null,
      computedAt: new Date(),
      windowsRefreshedAt: startedAt,
      memberCount: sql`(SELECT count(*)::int FROM segment_members WHERE segment_id = ${segmentId}::bigint)`,
    })
    .where(and(eq(segments.id, segmentId), eq(segments.workspaceId, workspaceId), eq(segments.definitionVersion, version)))
    .returning({ id: segments.id });
  return rows.length > 0;
}

export async function failRecompute(db: DbOrTx, workspaceId: string, segmentId: number, version: number, message: string) {
  await db
    .update(segments)
    .set({ computeStatus: "failed", computeProgress: null, computeError: message.slice(0, 2000) })
    .where(and(eq(segments.id, segmentId), eq(segments.workspaceId, workspaceId), eq(segments.definitionVersion, version)));
}

/** Segments whose conditions refer to this one: their membership may change with it. */
export async function listDependentSegments(db: DbOrTx, workspaceId: string, publicId: string) {
  return queryRows<{ id: unknown; version: number }>(
    db,
    sql`SELECT id, definition_version AS version FROM segments
        WHERE workspace_id = ${workspaceId}::uuid AND type = 'automatic' AND deleted_at IS NULL
          AND jsonb_path_exists(conditions, '$.** ? (@.type == "segment" && @.segmentId == $id)', jsonb_build_object('id', ${publicId}::text))`,
  );
}
