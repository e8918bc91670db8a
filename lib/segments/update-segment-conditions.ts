import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { segments } from "@/db/schema";
import { NotFoundError, UserError } from "@/lib/errors";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { conditionTreeSchema } from "./condition-schema";
import { validateSegmentReferences } from "./validate-segment-references";

/**
 * Replaces an automatic segment's conditions. The definition version goes up, so a
 * recompute still running for the old version stops at its next chunk, and a new one
 * is queued.
 */
export async function updateSegmentConditions(db: Db, workspaceId: string, segmentId: number, conditions: unknown) {
  const tree = conditionTreeSchema.parse(conditions);
  const [segment] = await db
    .select({ publicId: segments.publicId, type: segments.type })
    .from(segments)
    .where(and(eq(segments.id, segmentId), eq(segments.workspaceId, workspaceId)));
  if (!segment) throw new NotFoundError("Segment not found");
  if (segment.type !== "automatic") throw new UserError("Only automatic segments have conditions");
  await validateSegmentReferences(db, workspaceId, tree, { publicId: segment.publicId });
  const [row] = await db
    .update(segments)
    .set({
      conditions: tree,
      definitionVersion: sql`${segments.definitionVersion} + 1`,
      computeStatus: "queued",
      computeProgress: null,
      computeError: null,
      updatedAt: new Date(),
    })
    .where(and(eq(segments.id, segmentId), eq(segments.workspaceId, workspaceId)))
    .returning({ definitionVersion: segments.definitionVersion });
  await sendJobEvent({ name: "segments/recompute.requested", data: { workspaceId, segmentId, version: row.definitionVersion } });
  return row;
}
