import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments, type SegmentType } from "@/db/schema";

export type SegmentChoice = { publicId: string; name: string; type: SegmentType };

/** Enough for a picker; a workspace with more finds the rest by search on the Segments tab. */
export const MAX_SEGMENT_CHOICES = 1_000;

/**
 * The live segments of a workspace, by name, with only what a picker shows (public id, name,
 * type): the Customers tab's "in segment" filter, and, with `type: "manual"`, the segments
 * customers can be added to. Served by segments_workspace_live_idx.
 */
export async function listSegmentChoices(db: DbOrTx, workspaceId: string, options: { type?: SegmentType } = {}): Promise<SegmentChoice[]> {
  return db
    .select({ publicId: segments.publicId, name: segments.name, type: segments.type })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), isNull(segments.deletedAt), options.type ? eq(segments.type, options.type) : undefined))
    .orderBy(asc(segments.name), asc(segments.id))
    .limit(MAX_SEGMENT_CHOICES);
}
