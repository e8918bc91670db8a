import "server-only";
import type { Db } from "@/db/client";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { referencedSegmentIds } from "../condition-schema";
import { applySegmentMembership } from "../apply-membership";
import { loadSegmentNodes } from "../evaluate-customers";
import { listDependentSegments } from "../recompute-segment";
import { affectedInOrder, inLevels } from "../segment-dependencies";

/**
 * After a manual segment's members changed: the automatic segments whose conditions use
 * it (directly or through others) are re-evaluated. For a known, bounded set of changed
 * customers, only those customers, in dependency order (the real-time path); for a large
 * change, a full recompute of each direct dependent, whose own run then queues its dependents.
 */
export async function evaluateDependentsOfSegment(db: Db, workspaceId: string, segmentPublicId: string, customerIds: number[] | null, now = new Date()) {
  if (customerIds === null) {
    const dependents = await listDependentSegments(db, workspaceId, segmentPublicId);
    if (dependents.length > 0) {
      await sendJobEvent(
        dependents.map((d) => ({ name: "segments/recompute.requested" as const, data: { workspaceId, segmentId: Number(d.id), version: d.version } })),
      );
    }
    return { mode: "recompute" as const, segments: dependents.length, entered: 0, exited: 0 };
  }
  if (customerIds.length === 0) return { mode: "customers" as const, segments: 0, entered: 0, exited: 0 };
  const nodes = await loadSegmentNodes(db, workspaceId);
  const ordered = affectedInOrder(nodes, (node) => referencedSegmentIds(node.tree).includes(segmentPublicId));
  let entered = 0;
  let exited = 0;
  for (const level of inLevels(ordered)) {
    const diffs = await Promise.all(
      level.map((node) => applySegmentMembership(db, { workspaceId, segmentId: node.id, tree: node.tree, scope: { type: "customers", ids: customerIds }, now })),
    );
    for (const d of diffs) {
      entered += d.entered;
      exited += d.exited;
    }
  }
  return { mode: "customers" as const, segments: ordered.length, entered, exited };
}
