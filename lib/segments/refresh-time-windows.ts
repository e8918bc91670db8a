import "server-only";
import { and, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { segments } from "@/db/schema";
import { applySegmentMembership } from "./apply-membership";
import { conditionTreeSchema, isRelativeDateFilter, leaves, type ConditionTree } from "./condition-schema";
import { affectedInOrder, segmentSensitivity, type SegmentNode } from "./segment-dependencies";
import { loadSegmentNodes } from "./evaluate-customers";

const DAY_MS = 86_400_000;

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
  const parts: SQL[] = [];
  for (const leaf of leaves(tree)) {
    if (leaf.type === "attribute" && isRelativeDateFilter(leaf.filter)) {
      const t = sql`lumen_to_timestamptz(c.attributes -> ${leaf.key}::text)`;
      parts.push(sql`SELECT c.id FROM customers c WHERE c.workspace_id = ${workspaceId}::uuid AND ${crossed(t, leaf.filter.days * DAY_MS, p, n)}`);
    }
    if (leaf.type !== "event") continue;
    if (leaf.window.type === "last") {
      const span = leaf.window.amount * (leaf.window.unit === "days" ? DAY_MS : 3_600_000);
      parts.push(
        sql`SELECT e.customer_id FROM events e WHERE e.workspace_id = ${workspaceId}::uuid AND e.name = ${leaf.event} AND ${crossed(sql`e.occurred_at`, span, p, n)}`,
      );
    }
    for (const f of leaf.filters) {
      if (!isRelativeDateFilter(f.filter)) continue;
      const t = sql`lumen_to_timestamptz(e.properties -> ${f.key}::text)`;
      parts.push(
        sql`SELECT e.customer_id FROM events e WHERE e.workspace_id = ${workspaceId}::uuid AND e.name = ${leaf.event} AND ${crossed(t, f.filter.days * DAY_MS, p, n)}`,
      );
    }
  }
  return parts.length > 0 ? sql.join(parts, sql` UNION `) : null;
}

/**
 * Time passing: for every ready automatic segment with a relative window, re-evaluates
 * only the customers whose window edge passed since the last refresh (and, for them,
 * the segments that depend on it). Run every minute, so "in the last 30 days" is right
 * within a couple of minutes of the edge.
 */
export async function refreshTimeWindows(db: Db, now = new Date()) {
  const rows = await db
    .select({
      id: segments.id,
      workspaceId: segments.workspaceId,
      conditions: segments.conditions,
      refreshedAt: segments.windowsRefreshedAt,
      computedAt: segments.computedAt,
    })
    .from(segments)
    .where(and(eq(segments.type, "automatic"), eq(segments.computeStatus, "ready"), isNotNull(segments.conditions), isNull(segments.deletedAt)));
  let refreshed = 0;
  let entered = 0;
  let exited = 0;
  const nodesByWorkspace = new Map<string, Promise<SegmentNode[]>>();
  for (const row of rows) {
    const parsed = conditionTreeSchema.safeParse(row.conditions);
    const prev = row.refreshedAt ?? row.computedAt;
    if (!parsed.success || !prev || !segmentSensitivity(parsed.data).timeRelative) continue;
    const candidates = timeEdgeCandidates(parsed.data, row.workspaceId, prev, now);
    if (candidates) {
      if (!nodesByWorkspace.has(row.workspaceId)) nodesByWorkspace.set(row.workspaceId, loadSegmentNodes(db, row.workspaceId));
      const nodes = await nodesByWorkspace.get(row.workspaceId)!;
      for (const node of affectedInOrder(nodes, (s) => s.id === row.id)) {
        const diff = await applySegmentMembership(db, {
          workspaceId: row.workspaceId,
          segmentId: node.id,
          tree: node.tree,
          scope: { type: "query", query: candidates },
          now,
        });
        entered += diff.entered;
        exited += diff.exited;
      }
    }
    await db.update(segments).set({ windowsRefreshedAt: now }).where(eq(segments.id, row.id));
    refreshed += 1;
  }
  return { refreshed, entered, exited };
}
