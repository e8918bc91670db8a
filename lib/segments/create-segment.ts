import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import { segments, type SegmentType } from "@/db/schema";
import type { ConditionTree } from "./condition-schema";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import { lockReferencedSegments } from "./lock-referenced-segments";
import { newSegmentPublicId } from "./public-id";
import { assertSegmentNameFree } from "./segment-name";
import { createSegmentSchema, type CreateSegmentInput } from "./segment-schemas";
import { validateSegmentReferences } from "./validate-segment-references";

export type MutationActor = {
  /** The signed-in user; null for system work (seeding, tests of the engine). */
  actorUserId: string | null;
};

/**
 * The segment row and its "segment.created" audit entry, inside the caller's transaction
 * (Create New Segment, and "Save as manual segment", which fills it in the same transaction).
 */
export async function insertSegmentRow(
  tx: DbOrTx,
  workspaceId: string,
  data: { name: string; description: string; type: SegmentType; conditions?: ConditionTree | null },
  { actorUserId }: MutationActor,
  auditData: Record<string, unknown> = {},
) {
  await assertSegmentNameFree(tx, workspaceId, data.name);
  const automatic = data.type === "automatic";
  const [created] = await tx
    .insert(segments)
    .values({
      workspaceId,
      publicId: newSegmentPublicId(),
      name: data.name,
      description: data.description,
      type: data.type,
      conditions: data.conditions ?? null,
      computeStatus: automatic ? "queued" : "ready",
      computedAt: automatic ? null : new Date(),
      createdBy: actorUserId,
    })
    .returning({ id: segments.id, publicId: segments.publicId, definitionVersion: segments.definitionVersion, name: segments.name });
  await recordAuditLog(tx, workspaceId, {
    actorUserId,
    action: "segment.created",
    target: created.publicId,
    data: { name: data.name, type: data.type, ...auditData },
  });
  return { ...created, id: Number(created.id) };
}

/**
 * Creates a segment. An automatic one starts "queued" and a recompute job fills it;
 * a manual one is ready (and empty) at once. The job is sent after the commit, so it
 * always finds the row.
 */
export async function createSegment(db: Db, workspaceId: string, input: CreateSegmentInput, { actorUserId }: MutationActor) {
  const data = createSegmentSchema.parse(input);
  const automatic = data.type === "automatic";
  const row = await db.transaction(async (tx) => {
    if (data.conditions) {
      await validateSegmentReferences(tx, workspaceId, data.conditions);
      await lockReferencedSegments(tx, workspaceId, data.conditions);
    }
    return insertSegmentRow(tx, workspaceId, data, { actorUserId });
  });
  if (automatic) {
    await sendJobEvent({ name: "segments/recompute.requested", data: { workspaceId, segmentId: row.id, version: row.definitionVersion } });
  }
  return row;
}
