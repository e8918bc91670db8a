import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segmentMembers, segments, type SegmentType } from "@/db/schema";

export type CustomerSegment = {
  publicId: string;
  name: string;
  type: SegmentType;
  enteredAt: Date;
  source: "condition" | "csv" | "selection" | "api" | "data_store";
};

/** The live segments (automatic and manual) a customer of this workspace is in, by name. */
export async function listCustomerSegments(db: DbOrTx, workspaceId: string, customerId: number): Promise<CustomerSegment[]> {
  return db
    .select({ publicId: segments.publicId, name: segments.name, type: segments.type, enteredAt: segmentMembers.enteredAt, source: segmentMembers.source })
    .from(segmentMembers)
    .innerJoin(segments, eq(segments.id, segmentMembers.segmentId))
    .where(and(eq(segmentMembers.customerId, customerId), eq(segments.workspaceId, workspaceId), isNull(segments.deletedAt)))
    .orderBy(asc(segments.name), asc(segments.id));
}
