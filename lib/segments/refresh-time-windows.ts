import "server-only";
import { and, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { segments } from "@/db/schema";
import { applySegmentMembership } from "./apply-membership";
import { conditionTreeSchema, leaves, type ConditionTree } from "./condition-schema";
import { timeEdges } from "./time-rules";
import { affectedInOrder, segmentSensitivity, type SegmentNode } from "./segment-dependencies";
import { loadSegmentNodes } from "./evaluate-customers";

const iso = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

/**
 * An instant t is inside a window [T − span, T] at time T. Between `prev` and `now` it
 * can only have changed sides if t ∈ [prev − span, now − span) (it slid out) or
 * t ∈ (prev, now] (a future-dated value came due).
 */
function crossed(t: SQL, spanMs: number, prev: number, now: number): SQL {
  return sql`((${t} >= ${iso(prev - spanMs)} AND ${t} < ${iso(now - spanMs)}) OR (${t} > ${iso(prev)} AND ${t} <= ${iso(now)}))`;
}

/**
 * The customers whose result for some time-relative condition of `tree` may have changed
 * between `prev` and `now`: a sub-query of customer ids, never the whole workspace.
 */
export function timeEdgeCandidates(tree: ConditionTree, workspaceId: string, prev: Date, now: Date): SQL | null {
  const p = prev.getTime();
  const n = now.getTime();
  const parts = [...leaves(tree)].flatMap(timeEdges).map((edge) => {
    if (edge.on === "attribute") {
      const t = sql`lumen_to_timestamptz(c.attributes -> ${edge.key}::text)`;
      return sql`SELECT c.id FROM customers c WHERE c.workspace_id = ${workspaceId}::uuid AND ${crossed(t, edge.lengthMs, p, n)}`;
    }
    const t = edge.on === "event-time" ? sql`e.occurred_at` : sql`lumen_to_timestamptz(e.properties -> ${edge.key}::text)`;
    return sql`SELECT e.customer_id FROM events e WHERE e.workspace_id = ${workspaceId}::uuid AND e.name = ${edge.event} AND ${crossed(t, edge.lengthMs, p, n)}`;
  });
  return parts.length > 0 ? sql.join(parts, sql` UNION `) : null;
}

/** Workspaces with ready automatic segments: the time-window refresh fans out one job per workspace. */
export async function listWorkspacesToRefresh(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ workspaceId: segments.workspaceId })
    .from(segments)
    .where(and(eq(segments.type, "automatic"), eq(segments.computeStatus, "ready"), isNotNull(segments.conditions)));
  return rows.map((r) => r.workspaceId);
}

/**
 * Time passing, for one workspace: for every ready automatic segment with a relative window,
 * re-evaluates only the customers whose window edge passed since the last refresh (and, for
 * them, the segments that depend on it). Run every minute, so "in the last 30 days" is right
 * within a couple of minutes of the edge. One workspace's work is one job step, so it stays
 * within a serverless step however many workspaces there are.
 */
export async function refreshWorkspaceTimeWindows(db: Db, workspaceId: string, now = new Date()) {
  const rows = await db
    .select({
      id: segments.id,
      conditions: segments.conditions,
      refreshedAt: segments.windowsRefreshedAt,
      computedAt: segments.computedAt,
    })
    .from(segments)
    .where(
      and(
        eq(segments.workspaceId, workspaceId),
        eq(segments.type, "automatic"),
        eq(segments.computeStatus, "ready"),
        isNotNull(segments.conditions),
        isNull(segments.deletedAt),
      ),
    );
  let refreshed = 0;
  let entered = 0;
  let exited = 0;
  let nodes: Promise<SegmentNode[]> | undefined;
  for (const row of rows) {
    const parsed = conditionTreeSchema.safeParse(row.conditions);
    const prev = row.refreshedAt ?? row.computedAt;
    if (!parsed.success || !prev || !segmentSensitivity(parsed.data).timeRelative) continue;
    const candidates = timeEdgeCandidates(parsed.data, workspaceId, prev, now);
    if (candidates) {
      nodes ??= loadSegmentNodes(db, workspaceId);
      for (const node of affectedInOrder(await nodes, (s) => s.id === row.id)) {
        const diff = await applySegmentMembership(db, { workspaceId, segmentId: node.id, tree: node.tree, scope: { type: "query", query: candidates }, now });
        entered += diff.entered;
        exited += diff.exited;
      }
    }
    await db.update(segments).set({ windowsRefreshedAt: now }).where(eq(segments.id, row.id));
    refreshed += 1;
  }
  return { refreshed, entered, exited };
}

/** Every workspace in turn, in this process (tests, scripts); the job fans out instead. */
export async function refreshTimeWindows(db: Db, now = new Date()) {
  const total = { refreshed: 0, entered: 0, exited: 0 };
  for (const workspaceId of await listWorkspacesToRefresh(db)) {
    const r = await refreshWorkspaceTimeWindows(db, workspaceId, now);
    total.refreshed += r.refreshed;
    total.entered += r.entered;
    total.exited += r.exited;
  }
  return total;
}
