import "server-only";
import type { Db } from "@/db/client";
import { segments } from "@/db/schema";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { newSegmentPublicId } from "./public-id";
import { createSegmentSchema, type CreateSegmentInput } from "./segment-schemas";
import { validateSegmentReferences } from "./validate-segment-references";

/**
 * Creates a segment. An automatic one starts "queued" and a recompute job fills it;
 * a manual one is ready (and empty) at once.
 */
export async function createSegment(db: Db, workspaceId: string, input: CreateSegmentInput, userId: string | null) {
  const data = createSegmentSchema.parse(input);
  if (data.conditions) await validateSegmentReferences(db, workspaceId, data.conditions);
  const automatic = data.type === "automatic";
  const [row] = await db
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
      createdBy: userId,
    })
    .returning({ id: segments.id, publicId: segments.publicId, definitionVersion: segments.definitionVersion });
  if (automatic) {
    await sendJobEvent({ name: "segments/recompute.requested", data: { workspaceId, segmentId: row.id, version: row.definitionVersion } });
  }
  return row;
}
