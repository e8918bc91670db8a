import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments, type SegmentType } from "@/db/schema";

export type SegmentListItem = {
  id: number;
  publicId: string;
  name: string;
  type: SegmentType;
  memberCount: number;
  computeStatus: "queued" | "computing" | "ready" | "failed";
  updatedAt: Date;
};

/** A workspace's segments, most recently changed first. Sizes come from member_count, never COUNT(*). */
export async function listSegments(db: DbOrTx, workspaceId: string): Promise<SegmentListItem[]> {
  return db
    .select({
      id: segments.id,
      publicId: segments.publicId,
      name: segments.name,
      type: segments.type,
      memberCount: segments.memberCount,
      computeStatus: segments.computeStatus,
      updatedAt: segments.updatedAt,
    })
    .from(segments)
    .where(eq(segments.workspaceId, workspaceId))
    .orderBy(desc(segments.updatedAt), desc(segments.id));
}
