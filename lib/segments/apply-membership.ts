import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import type { ConditionTree } from "./condition-schema";
import { compileSegmentQuery, idScope, type CompileScope } from "./compile-conditions";

export type MembershipDiff = { entered: number; exited: number };

/**
 * Makes an automatic segment's membership right for the customers in `scope`, in ONE
 * statement: matching customers who are not members enter, members who no longer match
 * exit, both are written to the history, and member_count moves by the difference. It is
 * a diff against the current rows, so running it twice, or concurrently with another run
 * for overlapping customers, leaves the same state (ON CONFLICT / DELETE … RETURNING
 * count only what this statement changed).
 */
export async function applySegmentMembership(
  db: DbOrTx,
  args: { workspaceId: string; segmentId: number; tree: ConditionTree; scope: CompileScope; now: Date },
): Promise<MembershipDiff> {
  const { workspaceId, segmentId, tree, scope, now } = args;
  if (scope.type === "customers" && scope.ids.length === 0) return { entered: 0, exited: 0 };
  const at = now.toISOString();
  const matched = compileSegmentQuery(tree, { workspaceId, now, scope });
  const [row] = await queryRows<{ entered: unknown; exited: unknown }>(
    db,
    sql`
      WITH matched AS MATERIALIZED (${matched}),
      current_members AS MATERIALIZED (
        SELECT sm.customer_id FROM segment_members sm
        WHERE sm.segment_id = ${segmentId}::bigint AND ${idScope(sql`sm.customer_id`, scope) ?? sql`TRUE`}
      ),
      -- A FULL JOIN can only run as a hash or merge join, so the diff stays linear whatever
      -- the planner believes about row counts (an anti-join on a CTE it thinks is tiny
      -- became a nested loop over 68k × 68k rows at benchmark size).
      diff AS MATERIALIZED (
        SELECT m.id AS enter_id, cm.customer_id AS exit_id
        FROM matched m FULL JOIN current_members cm ON cm.customer_id = m.id
        WHERE m.id IS NULL OR cm.customer_id IS NULL
      ),
      entered AS (
        INSERT INTO segment_members (segment_id, customer_id, entered_at, source)
        SELECT ${segmentId}::bigint, d.enter_id, ${at}::timestamptz, 'condition'
        FROM diff d WHERE d.enter_id IS NOT NULL
        ON CONFLICT (segment_id, customer_id) DO NOTHING
        RETURNING customer_id
      ),
      exited AS (
        DELETE FROM segment_members sm
        USING diff d
        WHERE sm.segment_id = ${segmentId}::bigint AND d.exit_id IS NOT NULL AND sm.customer_id = d.exit_id
        RETURNING sm.customer_id
      ),
      history AS (
        INSERT INTO segment_member_changes (segment_id, customer_id, change, at)
        SELECT ${segmentId}::bigint, customer_id, 'entered'::member_change, ${at}::timestamptz FROM entered
        UNION ALL
        SELECT ${segmentId}::bigint, customer_id, 'exited'::member_change, ${at}::timestamptz FROM exited
      ),
      counts AS (SELECT (SELECT count(*) FROM entered) AS entered, (SELECT count(*) FROM exited) AS exited),
      bump AS (
        UPDATE segments SET member_count = member_count + counts.entered - counts.exited, membership_changed_at = ${at}::timestamptz
        FROM counts
        WHERE segments.id = ${segmentId}::bigint AND segments.workspace_id = ${workspaceId}::uuid
          AND (counts.entered > 0 OR counts.exited > 0)
      )
      SELECT entered, exited FROM counts
    `,
  );
  return { entered: toNumber(row.entered), exited: toNumber(row.exited) };
}
