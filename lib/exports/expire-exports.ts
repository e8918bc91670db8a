import "server-only";
import { and, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { exportFileParts, exportSnapshotChunks, segmentExports } from "@/db/schema";
import { STALE_EXPORT_MS } from "./export-settings";

export type ExpireResult = { expired: number; abandoned: number };

/**
 * Deletes the stored files whose time is up (status becomes "expired" for sent ones; the
 * download link stops working at the same instant, since it carries the same expiry), and
 * fails exports whose job has not moved for a day, removing their snapshot and parts.
 * Bounded per run (`limit` exports), so one run stays small whatever the backlog.
 */
export async function expireSegmentExports(db: DbOrTx, now = new Date(), limit = 200): Promise<ExpireResult> {
  const due = await db
    .select({ id: segmentExports.id, status: segmentExports.status })
    .from(segmentExports)
    .where(and(isNotNull(segmentExports.expiresAt), lt(segmentExports.expiresAt, now)))
    .limit(limit);
  for (const row of due) {
    await db.transaction(async (tx) => {
      await tx.delete(exportFileParts).where(eq(exportFileParts.exportId, row.id));
      await tx
        .update(segmentExports)
        .set({ expiresAt: null, ...(row.status === "sent" ? { status: "expired" as const } : {}) })
        .where(eq(segmentExports.id, row.id));
    });
  }

  const staleBefore = new Date(now.getTime() - STALE_EXPORT_MS);
  const stale = await db
    .select({ id: segmentExports.id })
    .from(segmentExports)
    .where(
      and(
        inArray(segmentExports.status, ["queued", "building", "sending"]),
        or(lt(segmentExports.startedAt, staleBefore), and(sql`${segmentExports.startedAt} IS NULL`, lt(segmentExports.createdAt, staleBefore))),
      ),
    )
    .limit(limit);
  for (const row of stale) {
    await db.transaction(async (tx) => {
      await tx.delete(exportSnapshotChunks).where(eq(exportSnapshotChunks.exportId, row.id));
      await tx.delete(exportFileParts).where(eq(exportFileParts.exportId, row.id));
      await tx
        .update(segmentExports)
        .set({ status: "failed", error: "The export stopped without finishing. Please export again.", finishedAt: now, expiresAt: null })
        .where(eq(segmentExports.id, row.id));
    });
  }
  return { expired: due.length, abandoned: stale.length };
}
