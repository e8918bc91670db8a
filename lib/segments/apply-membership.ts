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
 * A recompute chunk runs it as two statements in one transaction, so that the conditions
 * may be evaluated in parallel (see diffTableStatement).
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

/** `matched`, `current_members` and `diff` (one row per customer to enter or to leave), as CTEs. */
function diffCtes(args: MembershipArgs): SQL {
  const { targets, scope } = args;
  return sql`
    matched AS MATERIALIZED (${matchedSets(args)}),
    current_members AS MATERIALIZED (
      SELECT sm.segment_id, sm.customer_id FROM segment_members sm
      WHERE ${segmentsCondition(targets)} AND ${idScope(sql`sm.customer_id`, scope) ?? sql`TRUE`}
    ),
    diff AS MATERIALIZED (
      SELECT coalesce(m.segment_id, cm.segment_id) AS segment_id, m.customer_id AS enter_id, cm.customer_id AS exit_id
      FROM matched m FULL JOIN current_members cm ON cm.segment_id = m.segment_id AND cm.customer_id = m.customer_id
      WHERE m.customer_id IS NULL OR cm.customer_id IS NULL
    )`;
}

/** The writes of a diff (a CTE or table named `diff`): members, history, member_count; returns the counts. */
function applyDiffCtes(args: MembershipArgs): SQL {
  const at = args.now.toISOString();
  return sql`
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
      WHERE segments.id = counts.segment_id AND segments.workspace_id = ${args.workspaceId}::uuid
    )
    SELECT segment_id, entered, exited FROM counts`;
}

/** The diff and its writes in one statement (real time, the time-window refresh). */
export function membershipStatement(args: MembershipArgs): SQL {
  return sql`WITH ${diffCtes(args)}, ${applyDiffCtes(args)}`;
}

/**
 * A wide scope (a recompute chunk) whose segments have members, in two statements, because a statement that writes never
 * runs in parallel in Postgres: in one statement the conditions were evaluated on one core
 * however big the set. CREATE TABLE AS may run its query in parallel (bench/segments.ts
 * checks its plan for the Gather) and writes only a temporary table (no WAL, no index): the
 * diff, computed from ONE snapshot of events and members, as in the one-statement form — a
 * member a concurrent real-time evaluation adds meanwhile is not in this diff, so it is not
 * removed by it. The second statement writes the diff (nothing when nothing changed), with
 * the same ON CONFLICT / DELETE … RETURNING counting as membershipStatement.
 * ON COMMIT DROP: on a pooled connection (Neon) the table must not outlive the transaction.
 */
export const DIFF_TABLE = "lumen_membership_diff";
export function diffTableStatement(args: MembershipArgs): SQL {
  return sql`CREATE TEMP TABLE ${sql.raw(DIFF_TABLE)} ON COMMIT DROP AS WITH ${diffCtes(args)} SELECT segment_id, enter_id, exit_id FROM diff`;
}
export function applyDiffTableStatement(args: MembershipArgs): SQL {
  return sql`WITH diff AS (SELECT segment_id, enter_id, exit_id FROM ${sql.raw(DIFF_TABLE)}), ${applyDiffCtes(args)}`;
}

/** Planner settings for a recompute chunk's transaction (see applyWide). */
export const chunkSettings = sql`SELECT set_config('jit', 'off', true), set_config('enable_mergejoin', 'off', true)`;

type DiffRow = { segment_id: unknown; entered: unknown; exited: unknown };

/**
 * The same statement for a scope where the segments have no members yet (a new segment's
 * first recompute, the usual full recompute): with nothing to leave, the diff is the matched
 * set itself, so it is inserted straight from the query, as an expert's INSERT … SELECT
 * would — no copy of the set, no join against an empty membership. Not through a temporary
 * table: measured at benchmark size, the parallel read did not pay for writing and reading
 * the copy (R2 from empty 3.4 s direct, 4.2–4.3 s through the table). ON CONFLICT still skips
 * a customer a concurrent real-time evaluation added meanwhile, so the result and the counts
 * are those of membershipStatement.
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

async function applyWide(db: DbOrTx, args: MembershipArgs): Promise<DiffRow[]> {
  if (!(await hasMembersInScope(db, args.targets, args.scope))) return queryRows<DiffRow>(db, enterOnlyStatement(args));
  return db.transaction(async (tx) => {
    // For this transaction only (measured at benchmark size, EXPLAIN ANALYZE of R3's diff):
    // JIT compiled the big expression tree for 0.2 s of a 2–4 s statement, more than it saved;
    // and the FULL JOIN became a merge join that sorted both sets of 270k rows, where
    // hashing one of them cost about 0.3–0.5 s less. A FULL JOIN stays a hash join without it.
    await tx.execute(chunkSettings);
    await tx.execute(diffTableStatement(args));
    const rows = await queryRows<DiffRow>(tx, applyDiffTableStatement(args));
    // Dropped now as well: inside a caller's transaction, ON COMMIT would be too late for the next chunk.
    await tx.execute(sql`DROP TABLE ${sql.raw(DIFF_TABLE)}`);
    return rows;
  });
}

/** Applies membership for several independent segments at once; the diff of each, by segment id. */
export async function applyMembership(db: DbOrTx, args: MembershipArgs): Promise<Map<number, MembershipDiff>> {
  const diffs = new Map<number, MembershipDiff>(args.targets.map((t) => [t.segmentId, { entered: 0, exited: 0 }]));
  if (args.targets.length === 0 || (args.scope.type === "customers" && args.scope.ids.length === 0)) return diffs;
  // Only the whole-range scopes (recompute chunks) go through the temporary table: for a
  // handful of customers the set is small, and the extra round trips would be most of the cost.
  const wide = args.scope.type === "range" || args.scope.type === "all";
  // Real time (a list of customers) runs the same text for every event of a kind: prepared once per connection.
  const rows = wide
    ? await applyWide(db, args)
    : await (args.scope.type === "customers" ? queryRowsPrepared : queryRows)<DiffRow>(db, membershipStatement(args));
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
