import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, queryRowsPrepared, toNumber, type DbOrTx } from "@/db/client";
import type { ConditionTree } from "./condition-schema";
import { compileSegmentQuery, idScope, type CompileScope } from "./compile-conditions";

export type MembershipDiff = { entered: number; exited: number };
export type MembershipTarget = { segmentId: number; tree: ConditionTree };

/**
 * The one statement that makes automatic segments' membership right for the customers in
 * `scope`: matching customers who are not members enter, members who no longer match exit,
 * both are written to the history, and member_count moves by the difference. Several
 * segments that do not refer to each other are done in the same statement (the real-time
 * path: one round trip per dependency level, however many segments an event affects).
 *
 * It is a diff against the current rows, so running it twice, or concurrently with another
 * run for overlapping customers, leaves the same state (ON CONFLICT / DELETE … RETURNING
 * count only what this statement changed). When nothing changed it writes nothing.
 *
 * Shape, kept for the cost (checked with EXPLAIN by bench/segments.ts):
 * - the matched set is materialised once, the current members once, and the diff is one
 *   FULL JOIN of the two: a FULL JOIN can only run as a hash or merge join, so the diff
 *   stays linear whatever the planner believes about row counts (an anti-join on a CTE it
 *   thinks tiny became a nested loop over 68k × 68k rows at benchmark size);
 * - the history is append-only, one index, no foreign keys (the cleanup a cascade would do
 *   is done by statement-level triggers on segments and customers, off the hot path).
 */
type MembershipArgs = { workspaceId: string; targets: MembershipTarget[]; scope: CompileScope; now: Date };

function matchedSets({ workspaceId, targets, scope, now }: MembershipArgs): SQL {
  const matched = targets.map(({ segmentId, tree }) => {
    const query = compileSegmentQuery(tree, { workspaceId, now, scope });
    return sql`SELECT ${segmentId}::bigint AS segment_id, q.id AS customer_id FROM (${query}) q(id)`;
  });
  return sql.join(matched, sql` UNION ALL `);
}

function segmentsCondition(targets: MembershipTarget[]): SQL {
  const segmentIds = sql`${`{${targets.map((t) => t.segmentId).join(",")}}`}::bigint[]`;
  return targets.length === 1 ? sql`sm.segment_id = ${targets[0].segmentId}::bigint` : sql`sm.segment_id = ANY(${segmentIds})`;
}

export function membershipStatement(args: MembershipArgs): SQL {
  const { workspaceId, targets, scope, now } = args;
  const at = now.toISOString();
  const oneSegment = segmentsCondition(targets);
  return sql`
    WITH matched AS MATERIALIZED (${matchedSets(args)}),
    current_members AS MATERIALIZED (
      SELECT sm.segment_id, sm.customer_id FROM segment_members sm
      WHERE ${oneSegment} AND ${idScope(sql`sm.customer_id`, scope) ?? sql`TRUE`}
    ),
    diff AS MATERIALIZED (
      SELECT coalesce(m.segment_id, cm.segment_id) AS segment_id, m.customer_id AS enter_id, cm.customer_id AS exit_id
      FROM matched m FULL JOIN current_members cm ON cm.segment_id = m.segment_id AND cm.customer_id = m.customer_id
      WHERE m.customer_id IS NULL OR cm.customer_id IS NULL
    ),
    entered AS (
      INSERT INTO segment_members (segment_id, customer_id, entered_at, source)
      SELECT d.segment_id, d.enter_id, ${at}::timestamptz, 'condition'
      FROM diff d WHERE d.enter_id IS NOT NULL
      ON CONFLICT (segment_id, customer_id) DO NOTHING
      RETURNING segment_id, customer_id
    ),
    exited AS (
      DELETE FROM segment_members sm
      USING diff d
      WHERE d.exit_id IS NOT NULL AND sm.segment_id = d.segment_id AND sm.customer_id = d.exit_id
      RETURNING sm.segment_id, sm.customer_id
    ),
    history AS (
      INSERT INTO segment_member_changes (segment_id, customer_id, change, at)
      SELECT segment_id, customer_id, 'entered'::member_change, ${at}::timestamptz FROM entered
      UNION ALL
      SELECT segment_id, customer_id, 'exited'::member_change, ${at}::timestamptz FROM exited
    ),
    counts AS (
      SELECT segment_id, sum(entered)::bigint AS entered, sum(exited)::bigint AS exited FROM (
        SELECT segment_id, 1 AS entered, 0 AS exited FROM entered
        UNION ALL
        SELECT segment_id, 0, 1 FROM exited
      ) x GROUP BY segment_id
    ),
    bump AS (
      UPDATE segments SET member_count = member_count + counts.entered - counts.exited, membership_changed_at = ${at}::timestamptz
      FROM counts
      WHERE segments.id = counts.segment_id AND segments.workspace_id = ${workspaceId}::uuid
    )
    SELECT segment_id, entered, exited FROM counts
  `;
}

/**
 * The same statement for a scope where the segments have no members yet (a new segment's
 * first recompute, the usual full recompute): with nothing to leave, the diff is the matched
 * set itself, so it is inserted straight from the query, as an expert's INSERT … SELECT
 * would — no materialised copies of the set, no join against an empty membership. ON
 * CONFLICT still skips a customer a concurrent real-time evaluation added meanwhile, so the
 * result and the counts are those of membershipStatement.
 */
export function enterOnlyStatement(args: MembershipArgs): SQL {
  const { workspaceId, now } = args;
  const at = now.toISOString();
  return sql`
    WITH entered AS (
      INSERT INTO segment_members (segment_id, customer_id, entered_at, source)
      SELECT m.segment_id, m.customer_id, ${at}::timestamptz, 'condition'
      FROM (${matchedSets(args)}) m
      ON CONFLICT (segment_id, customer_id) DO NOTHING
      RETURNING segment_id, customer_id
    ),
    history AS (
      INSERT INTO segment_member_changes (segment_id, customer_id, change, at)
      SELECT segment_id, customer_id, 'entered'::member_change, ${at}::timestamptz FROM entered
    ),
    counts AS (
      SELECT segment_id, count(*)::bigint AS entered, 0::bigint AS exited FROM entered GROUP BY segment_id
    ),
    bump AS (
      UPDATE segments SET member_count = member_count + counts.entered, membership_changed_at = ${at}::timestamptz
      FROM counts
      WHERE segments.id = counts.segment_id AND segments.workspace_id = ${workspaceId}::uuid
    )
    SELECT segment_id, entered, exited FROM counts
  `;
}

/** Whether any of the segments has a member in the scope: one index probe. */
async function hasMembersInScope(db: DbOrTx, targets: MembershipTarget[], scope: CompileScope): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`SELECT 1 FROM segment_members sm WHERE ${segmentsCondition(targets)} AND ${idScope(sql`sm.customer_id`, scope) ?? sql`TRUE`} LIMIT 1`,
  );
  return rows.length > 0;
}

/** Applies membership for several independent segments at once; the diff of each, by segment id. */
export async function applyMembership(db: DbOrTx, args: MembershipArgs): Promise<Map<number, MembershipDiff>> {
  const diffs = new Map<number, MembershipDiff>(args.targets.map((t) => [t.segmentId, { entered: 0, exited: 0 }]));
  if (args.targets.length === 0 || (args.scope.type === "customers" && args.scope.ids.length === 0)) return diffs;
  // Only the whole-range scopes (recompute chunks) ask first: for a handful of customers the
  // diff is cheap anyway, and the extra round trip would be most of the cost.
  const wide = args.scope.type === "range" || args.scope.type === "all";
  const statement = wide && !(await hasMembersInScope(db, args.targets, args.scope)) ? enterOnlyStatement(args) : membershipStatement(args);
  // Real time (a list of customers) runs the same text for every event of a kind: prepared once per connection.
  const run = args.scope.type === "customers" ? queryRowsPrepared : queryRows;
  const rows = await run<{ segment_id: unknown; entered: unknown; exited: unknown }>(db, statement);
  for (const row of rows) diffs.set(toNumber(row.segment_id), { entered: toNumber(row.entered), exited: toNumber(row.exited) });
  return diffs;
}

/** One segment (the recompute chunks, the time-window refresh). */
export async function applySegmentMembership(
  db: DbOrTx,
  args: { workspaceId: string; segmentId: number; tree: ConditionTree; scope: CompileScope; now: Date },
): Promise<MembershipDiff> {
  const diffs = await applyMembership(db, { workspaceId: args.workspaceId, targets: [{ segmentId: args.segmentId, tree: args.tree }], scope: args.scope, now: args.now });
  return diffs.get(args.segmentId)!;
}
