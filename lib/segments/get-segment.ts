import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import type { ConditionTree } from "./condition-schema";
import { segmentListColumns, type SegmentListItem } from "./list-segments";

export type SegmentDetail = SegmentListItem & {
  /** Internal id: for server code only, never sent to a client or the API. */
  id: number;
  conditions: ConditionTree | null;
  definitionVersion: number;
  computedAt: Date | null;
  createdAt: Date;
  dataStoreId: number | null;
};

export const segmentNotFound = () => new NotFoundError("That segment does not exist, or was deleted");

/**
 * One live segment of the workspace by public id. Another workspace's id, a deleted
 * segment and a made-up id are all the same "not found".
 */
export async function getSegmentOrThrow(db: DbOrTx, workspaceId: string, publicId: string, options: { forUpdate?: boolean } = {}): Promise<SegmentDetail> {
  const query = db
    .select({
      ...segmentListColumns,
      id: segments.id,
      conditions: segments.conditions,
      definitionVersion: segments.definitionVersion,
      computedAt: segments.computedAt,
      createdAt: segments.createdAt,
      dataStoreId: segments.dataStoreId,
    })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.publicId, publicId), isNull(segments.deletedAt)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw segmentNotFound();
  return { ...row, id: Number(row.id), dataStoreId: row.dataStoreId === null ? null : Number(row.dataStoreId), conditions: (row.conditions as ConditionTree | null) ?? null };
}
