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
      entered AS (
        INSERT INTO segment_members (segment_id, customer_id, entered_at, source)
        SELECT ${segmentId}::bigint, m.id, ${at}::timestamptz, 'condition'
        FROM matched m
        WHERE NOT EXISTS (SELECT 1 FROM segment_members sm WHERE sm.segment_id = ${segmentId}::bigint AND sm.customer_id = m.id)
        ON CONFLICT (segment_id, customer_id) DO NOTHING
        RETURNING customer_id
      ),
      exited AS (
        DELETE FROM segment_members sm
        WHERE sm.segment_id = ${segmentId}::bigint
          AND ${idScope(sql`sm.customer_id`, scope) ?? sql`TRUE`}
          AND NOT EXISTS (SELECT 1 FROM matched m WHERE m.id = sm.customer_id)
        RETURNING customer_id
      ),
      history AS (
        INSERT INTO segment_member_changes (segment_id, customer_id, change, at)
        SELECT ${segmentId}::bigint, customer_id, 'entered'::member_change, ${at}::timestamptz FROM entered
        UNION ALL
        SELECT ${segmentId}::bigint, customer_id, 'exited'::member_change, ${at}::timestamptz FROM exited
      ),
      counts AS (SELECT (SELECT count(*) FROM entered) AS entered, (SELECT count(*) FROM exited) AS exited),
      bump AS (
        UPDATE segments SET member_count = member_count + counts.entered - counts.exited
        FROM counts
        WHERE segments.id = ${segmentId}::bigint AND segments.workspace_id = ${workspaceId}::uuid
          AND (counts.entered > 0 OR counts.exited > 0)
      )
      SELECT entered, exited FROM counts
    `,
  );
  return { entered: toNumber(row.entered), exited: toNumber(row.exited) };
}
