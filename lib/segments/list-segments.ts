import "server-only";
import { and, asc, desc, eq, ilike, isNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments, type SegmentType } from "@/db/schema";
import { listSegmentsQuerySchema, parseOptions, type ListSegmentsOptions } from "./segment-schemas";

export type ComputeStatus = "queued" | "computing" | "ready" | "failed";

export type SegmentListItem = {
  publicId: string;
  name: string;
  description: string;
  type: SegmentType;
  memberCount: number;
  computeStatus: ComputeStatus;
  /** 0…1 while computing, else null. */
  computeProgress: number | null;
  computeError: string | null;
  /** When someone last entered or exited; null when membership never changed. */
  lastChangedAt: Date | null;
  updatedAt: Date;
};

/** The columns every segment reader shares (list, page, API). */
export const segmentListColumns = {
  publicId: segments.publicId,
  name: segments.name,
  description: segments.description,
  type: segments.type,
  memberCount: segments.memberCount,
  computeStatus: segments.computeStatus,
  computeProgress: segments.computeProgress,
  computeError: segments.computeError,
  lastChangedAt: segments.membershipChangedAt,
  updatedAt: segments.updatedAt,
};

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function listWhere(workspaceId: string, q: string | undefined, type: SegmentType | undefined): SQL[] {
  const where: SQL[] = [eq(segments.workspaceId, workspaceId), isNull(segments.deletedAt)];
  if (q) where.push(ilike(segments.name, `%${escapeLike(q)}%`));
  if (type) where.push(eq(segments.type, type));
  return where;
}

/**
 * A workspace's live segments, searched by name, filtered by type and sorted. Sizes and
 * "last change" are stored columns (member_count, membership_changed_at): the list never
 * counts members. Default order: most recent membership change first. `page` takes a slice
 * (the Segments tab shows 50 at a time: a thousand rows are megabytes of HTML); without it, all.
 */
export async function listSegments(
  db: DbOrTx,
  workspaceId: string,
  options: ListSegmentsOptions = {},
  page?: { limit: number; offset: number },
): Promise<SegmentListItem[]> {
  const { q, type, sort = "changed", dir } = parseOptions(listSegmentsQuerySchema, options);
  const where = listWhere(workspaceId, q, type);
  const direction = dir ?? (sort === "name" ? "asc" : "desc");
  const by = direction === "asc" ? asc : desc;
  const order: SQL[] =
    sort === "name"
      ? [by(sql`lower(${segments.name})`), by(segments.id)]
      : sort === "size"
        ? [by(segments.memberCount), by(segments.id)]
        : // Never-changed segments last in both directions; among them the newest first.
          [sql`${segments.membershipChangedAt} ${sql.raw(direction)} nulls last`, desc(segments.updatedAt), by(segments.id)];
  const query = db
    .select(segmentListColumns)
    .from(segments)
    .where(and(...where))
    .orderBy(...order);
  return page ? query.limit(page.limit).offset(page.offset) : query;
}

/** How many live segments the same search and type filter find (the list's "of N"). */
export async function countSegments(db: DbOrTx, workspaceId: string, options: Pick<ListSegmentsOptions, "q" | "type"> = {}): Promise<number> {
  const { q, type } = parseOptions(listSegmentsQuerySchema, options);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(segments)
    .where(and(...listWhere(workspaceId, q, type)));
  return Number(row.n);
}
