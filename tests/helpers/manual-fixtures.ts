import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { segments } from "@/db/schema";

let seq = 0;

/** A manual segment row (ready, empty), as createSegment makes one. */
export async function insertManualSegment(db: Db, workspaceId: string, name = "Manual") {
  seq += 1;
  const [row] = await db
    .insert(segments)
    .values({ workspaceId, publicId: `seg_manual_${seq}_${Math.random().toString(36).slice(2, 8)}`, name, type: "manual", computeStatus: "ready" })
    .returning();
  return row;
}

export async function memberCountOf(db: Db, segmentId: number): Promise<number> {
  const [row] = await db.select({ n: segments.memberCount }).from(segments).where(eq(segments.id, segmentId));
  return row.n;
}
