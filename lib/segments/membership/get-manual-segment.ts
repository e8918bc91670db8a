import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { segmentNotFound } from "../get-segment";

export type ManualSegmentRef = { id: number; publicId: string; name: string; dataStoreId: number | null };

export const AUTOMATIC_SEGMENT_REFUSED =
  "This is an automatic segment: its members follow its conditions. Only manual segments can have customers added or removed.";

/**
 * A segment of this workspace that can have members added and removed. Another workspace's
 * segment is not found (never "forbidden"); an automatic one is refused with a clear message.
 */
export async function getManualSegmentOrThrow(db: DbOrTx, workspaceId: string, by: { publicId: string } | { id: number }): Promise<ManualSegmentRef> {
  const [row] = await db
    .select({ id: segments.id, publicId: segments.publicId, name: segments.name, type: segments.type, dataStoreId: segments.dataStoreId })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), isNull(segments.deletedAt), "publicId" in by ? eq(segments.publicId, by.publicId) : eq(segments.id, by.id)))
    .limit(1);
  if (!row) throw segmentNotFound();
  if (row.type !== "manual") throw new UserError(AUTOMATIC_SEGMENT_REFUSED, 409);
  return { id: row.id, publicId: row.publicId, name: row.name, dataStoreId: row.dataStoreId };
}
