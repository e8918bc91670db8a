import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { getSegmentOrThrow } from "./get-segment";

export type SegmentSizePoint = { day: string; entered: number; exited: number; size: number };

export const MAX_HISTORY_DAYS = 366;

/**
 * Entered, exited and size at the end of each UTC day for the last `days` days (today
 * included), from the per-day rollup of the membership history. Sizes are counted back
 * from the stored member_count, so the last point is the count the page shows.
 */
export async function getSegmentSizeHistory(db: DbOrTx, workspaceId: string, publicId: string, options: { days: number; now?: Date }): Promise<SegmentSizePoint[]> {
  const days = Math.min(Math.max(Math.trunc(options.days) || 1, 1), MAX_HISTORY_DAYS);
  const segment = await getSegmentOrThrow(db, workspaceId, publicId);
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const rows = await queryRows<{ day: string; entered: unknown; exited: unknown; later_net: unknown }>(
    db,
    sql`WITH span AS (
          SELECT d::date AS day FROM generate_series(${today}::date - ${days - 1}::int, ${today}::date, interval '1 day') d
        ),
        daily AS (
          SELECT day, entered, exited FROM segment_daily_changes
          WHERE segment_id = ${segment.id} AND day >= ${today}::date - ${days - 1}::int
        ),
        -- Changes stamped after today (clock skew between servers) still count back from member_count.
        after_span AS (
          SELECT coalesce(sum(entered - exited), 0) AS net FROM segment_daily_changes WHERE segment_id = ${segment.id} AND day > ${today}::date
        )
        SELECT to_char(span.day, 'YYYY-MM-DD') AS day,
               coalesce(daily.entered, 0) AS entered,
               coalesce(daily.exited, 0) AS exited,
               (SELECT net FROM after_span)
                 + coalesce(sum(coalesce(daily.entered, 0) - coalesce(daily.exited, 0))
                     OVER (ORDER BY span.day DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS later_net
        FROM span LEFT JOIN daily ON daily.day = span.day
        ORDER BY span.day`,
  );
  return rows.map((r) => ({
    day: r.day,
    entered: toNumber(r.entered),
    exited: toNumber(r.exited),
    size: segment.memberCount - toNumber(r.later_net),
  }));
}
