import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { segments } from "@/db/schema";
import { applyMembership } from "./apply-membership";
import { conditionTreeSchema } from "./condition-schema";
import { affectedInOrder, inLevels, segmentSensitivity, type SegmentNode } from "./segment-dependencies";

/**
 * Segments per statement on the real-time path. Planning grows with the statement, so a
 * level of hundreds of segments is split, and its statements run side by side on the pool.
 */
const SEGMENTS_PER_STATEMENT = 100;

export type CustomerChange = {
  customerIds: number[];
  /** attributes or location may have changed (identify, import, edit) */
  profileChanged: boolean;
  /** names of events that were recorded */
  eventNames: string[];
  /** New customers: every segment looks, since even "did not order" can match someone with no data. */
  allSegments?: boolean;
};

export async function loadSegmentNodes(db: Db, workspaceId: string): Promise<SegmentNode[]> {
  const rows = await db
    .select({ id: segments.id, publicId: segments.publicId, conditions: segments.conditions })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.type, "automatic"), isNotNull(segments.conditions), isNull(segments.deletedAt)));
  return rows.flatMap((r) => {
    const parsed = conditionTreeSchema.safeParse(r.conditions);
    return parsed.success ? [{ id: r.id, publicId: r.publicId, tree: parsed.data }] : [];
  });
}

/**
 * Real-time path: re-evaluates, for the changed customers only, every automatic segment
 * the change can affect (and the segments that depend on those), in dependency order.
 * One statement per dependency level (up to SEGMENTS_PER_STATEMENT segments each) for the
 * whole batch of customers: the segments of a level do not refer to each other, so one
 * diff covers them all in a single round trip.
 */
export async function evaluateCustomers(db: Db, workspaceId: string, change: CustomerChange, now = new Date()) {
  const ids = [...new Set(change.customerIds)];
  if (ids.length === 0) return { segments: 0, entered: 0, exited: 0 };
  const nodes = await loadSegmentNodes(db, workspaceId);
  const names = new Set(change.eventNames);
  const ordered = affectedInOrder(nodes, (node) => {
    if (change.allSegments) return true;
    const s = segmentSensitivity(node.tree);
    return (change.profileChanged && s.profile) || [...s.eventNames].some((n) => names.has(n));
  });
  let entered = 0;
  let exited = 0;
  for (const level of inLevels(ordered)) {
    const batches: SegmentNode[][] = [];
    for (let i = 0; i < level.length; i += SEGMENTS_PER_STATEMENT) batches.push(level.slice(i, i + SEGMENTS_PER_STATEMENT));
    const results = await Promise.all(
      batches.map((batch) =>
        applyMembership(db, { workspaceId, targets: batch.map((node) => ({ segmentId: node.id, tree: node.tree })), scope: { type: "customers", ids }, now }),
      ),
    );
    for (const diffs of results) {
      for (const diff of diffs.values()) {
        entered += diff.entered;
        exited += diff.exited;
      }
    }
  }
  return { segments: ordered.length, entered, exited };
}
