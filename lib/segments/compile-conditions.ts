import { sql, type SQL } from "drizzle-orm";
import {
  isDateOnly,
  windowBound,
  type Condition,
  type ConditionTree,
  type EventCondition,
  type LeafCondition,
  type ValueFilter,
} from "./condition-schema";
import { DAY_MS, relativeFilterLengthMs, windowLengthMs } from "./time-rules";

/**
 * Compiles a condition tree into ONE parameterised SQL query over customers. The same
 * compiler serves full recompute (a range of customer ids), real-time re-evaluation (a
 * list of customer ids), the live preview and the explanation.
 *
 * Shape rules, learnt the hard way (DESIGN.md §4): a sub-select that yields a large set
 * is only ever used where Postgres turns it into a (hash) semi- or anti-join — `IN` in a
 * conjunction, or `NOT EXISTS` — never as a per-row subplan under an `OR`. An `OR` whose
 * branches need such sets becomes `id IN (set UNION set …)`. Every value and every
 * attribute key is a bound parameter.
 */

export type CompileScope =
  | { type: "all" }
  | { type: "range"; from: number; to: number }
  | { type: "customers"; ids: number[] }
  /** Customers selected by a sub-query returning one column of customer ids (time-passing candidates). */
  | { type: "query"; query: SQL };

export type CompileOptions = {
  workspaceId: string;
  /** The instant relative windows are measured from; bound, so one evaluation is consistent. */
  now: Date;
  scope?: CompileScope;
};

type Ctx = CompileOptions & { scope: CompileScope; aliasSeq: { n: number } };

function ts(ms: number): SQL {
  return sql`${new Date(ms).toISOString()}::timestamptz`;
}

function ident(name: string): SQL {
  return sql.raw(`"${name}"`);
}

function nextAlias(ctx: Ctx, prefix: string): string {
  ctx.aliasSeq.n += 1;
  return `${prefix}${ctx.aliasSeq.n}`;
}

/** The scope as a condition on a customer-id column; undefined for "all". */
export function idScope(column: SQL, scope: CompileScope): SQL | undefined {
  if (scope.type === "range") return sql`${column} BETWEEN ${scope.from} AND ${scope.to}`;
  if (scope.type === "customers") return sql`${column} = ANY(${`{${scope.ids.join(",")}}`}::bigint[])`;
  if (scope.type === "query") return sql`${column} IN (${scope.query})`;
  return undefined;
}

function and(parts: (SQL | undefined)[]): SQL {
  const present = parts.filter((p): p is SQL => p !== undefined);
  return present.length === 0 ? sql`TRUE` : sql`(${sql.join(present, sql` AND `)})`;
}

/** `NOT p` where p may be NULL: a missing or wrong-typed value never matches a positive test. */
function not(p: SQL): SQL {
  return sql`(NOT coalesce(${p}, FALSE))`;
}

// ---------------------------------------------------------------------------
// Values (customer attributes and event properties)
// ---------------------------------------------------------------------------

/** Instant range [start, end) a date value stands for: a whole UTC day for "2026-05-01". */
function dateSpan(value: string): [number, number] {
  const start = windowBound(value, "start");
  return [start, isDateOnly(value) ? start + DAY_MS : start + 1];
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * `lo <= instant < hi` (or `<= hi`) for a date string in `v`. Parsing every customer's
 * string is the expensive part, so a cheap byte comparison of its written date goes first:
 * the written date is at most 1 day after the instant (time-zone offsets) and at most 5
 * days before it (offsets, time of day, "February 31"), so the margins never drop a match.
 */
function timeIn(v: SQL, asText: SQL, lo: number | undefined, hi: number | undefined, hiInclusive = false): SQL {
  const written = sql`left(${asText}, 10) COLLATE "C"`;
  const asTime = sql`lumen_to_timestamptz(${v})`;
  return and([
    lo !== undefined ? sql`${written} >= ${isoDay(lo - 6 * DAY_MS)}` : undefined,
    hi !== undefined ? sql`${written} <= ${isoDay(hi + 2 * DAY_MS)}` : undefined,
    // Both bounds in one range test, so the string is parsed once (a function call per row).
    lo !== undefined && hi !== undefined ? sql`${asTime} <@ tstzrange(${ts(lo)}, ${ts(hi)}, ${hiInclusive ? "[]" : "[)"})` : undefined,
    lo !== undefined && hi === undefined ? sql`${asTime} >= ${ts(lo)}` : undefined,
    hi !== undefined && lo === undefined ? (hiInclusive ? sql`${asTime} <= ${ts(hi)}` : sql`${asTime} < ${ts(hi)}`) : undefined,
    lo === undefined && hi === undefined ? sql`${asTime} IS NOT NULL` : undefined,
  ]);
}

/** Positive tests; the negative operators are NOT of these. `v` is a jsonb expression. */
function positiveValue(v: SQL, filter: ValueFilter, now: Date): SQL {
  const asText = sql`(CASE WHEN jsonb_typeof(${v}) = 'string' THEN ${v} #>> '{}' END)`;
  const asNumber = sql`(CASE WHEN jsonb_typeof(${v}) = 'number' THEN (${v})::numeric END)`;
  const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
  switch (filter.operator) {
    case "exists":
    case "not_exists":
      return sql`(${v} IS NOT NULL AND jsonb_typeof(${v}) <> 'null')`;
    case "equals":
    case "not_equals":
      if (filter.valueType === "date") {
        const [start, end] = dateSpan(filter.value);
        return timeIn(v, asText, start, end);
      }
      return sql`(${v} = ${json(filter.value)})`;
    case "contains":
    case "not_contains":
      return sql`(strpos(${asText}, ${filter.value}::text) > 0)`;
    case "starts_with":
      return sql`starts_with(${asText}, ${filter.value}::text)`;
    case "ends_with":
      return sql`(right(${asText}, char_length(${filter.value}::text)) = ${filter.value}::text)`;
    case "gt":
      return sql`(${asNumber} > ${String(filter.value)}::numeric)`;
    case "gte":
      return sql`(${asNumber} >= ${String(filter.value)}::numeric)`;
    case "lt":
      return sql`(${asNumber} < ${String(filter.value)}::numeric)`;
    case "lte":
      return sql`(${asNumber} <= ${String(filter.value)}::numeric)`;
    case "between":
      if (filter.valueType === "number") {
        return sql`(${asNumber} BETWEEN ${String(filter.from)}::numeric AND ${String(filter.to)}::numeric)`;
      }
      return timeIn(v, asText, dateSpan(filter.from)[0], dateSpan(filter.to)[1]);
    case "is_one_of":
    case "is_not_one_of":
      return sql`(${v} IN (${sql.join(
        filter.values.map((x) => json(x)),
        sql`, `,
      )}))`;
    case "before":
      return timeIn(v, asText, undefined, dateSpan(filter.value)[0]);
    case "after":
      return timeIn(v, asText, dateSpan(filter.value)[1], undefined);
    case "within_last_days":
      return timeIn(v, asText, now.getTime() - relativeFilterLengthMs(filter), now.getTime(), true);
    case "more_than_days_ago":
      return timeIn(v, asText, undefined, now.getTime() - relativeFilterLengthMs(filter));
  }
}

const negativeOperators = new Set(["not_exists", "not_equals", "not_contains", "is_not_one_of"]);

export function compileValueFilter(v: SQL, filter: ValueFilter, now: Date): SQL {
  const positive = positiveValue(v, filter, now);
  return negativeOperators.has(filter.operator) ? not(positive) : sql`coalesce(${positive}, FALSE)`;
}

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

/** How an event leaf is decided: "customer has at least/exactly k matching events", or its negation. */
export function eventTest(c: EventCondition): { negate: boolean; having: "gte" | "eq"; count: number } {
  if (c.operator === "did_not_perform") return { negate: true, having: "gte", count: 1 };
  const count = c.count ?? { operator: "at_least" as const, value: 1 };
  if (count.operator === "at_least") return { negate: false, having: "gte", count: Math.max(1, count.value) };
  if (count.operator === "at_most") return { negate: true, having: "gte", count: count.value + 1 };
  if (count.value === 0) return { negate: true, having: "gte", count: 1 };
  return { negate: false, having: "eq", count: count.value };
}

export function eventWindowBounds(c: EventCondition, now: Date): { from?: number; to?: number; toInclusive?: boolean } {
  const w = c.window;
  if (w.type === "ever") return {};
  if (w.type === "last") return { from: now.getTime() - windowLengthMs(w), to: now.getTime(), toInclusive: true };
  return { from: windowBound(w.from, "start"), to: windowBound(w.to, "end"), toInclusive: false };
}

/** WHERE clause over events alias `e` for one event leaf (without the customer correlation). */
function eventFilter(e: string, c: EventCondition, ctx: Ctx): SQL {
  const col = (name: string) => sql`${ident(e)}.${ident(name)}`;
  const { from, to, toInclusive } = eventWindowBounds(c, ctx.now);
  return and([
    sql`${col("workspace_id")} = ${ctx.workspaceId}::uuid`,
    sql`${col("name")} = ${c.event}`,
    from !== undefined ? sql`${col("occurred_at")} >= ${ts(from)}` : undefined,
    to !== undefined ? (toInclusive ? sql`${col("occurred_at")} <= ${ts(to)}` : sql`${col("occurred_at")} < ${ts(to)}`) : undefined,
    ...c.filters.map((f) => compileValueFilter(sql`(${col("properties")} -> ${f.key}::text)`, f.filter, ctx.now)),
  ]);
}

/** Customer ids whose matching-event count passes the (positive) test. */
function eventPositiveSet(c: EventCondition, ctx: Ctx): SQL {
  const e = nextAlias(ctx, "e");
  const t = eventTest(c);
  const where = and([eventFilter(e, c, ctx), idScope(sql`${ident(e)}.customer_id`, ctx.scope)]);
  if (t.having === "gte" && t.count === 1) return sql`SELECT ${ident(e)}.customer_id FROM events ${ident(e)} WHERE ${where}`;
  const op = t.having === "gte" ? sql`>=` : sql`=`;
  return sql`SELECT ${ident(e)}.customer_id FROM events ${ident(e)} WHERE ${where} GROUP BY ${ident(e)}.customer_id HAVING count(*) ${op} ${t.count}`;
}

function eventPredicate(c: EventCondition, alias: string, ctx: Ctx): SQL {
  const t = eventTest(c);
  if (!t.negate) return sql`${ident(alias)}.id IN (${eventPositiveSet(c, ctx)})`;
  if (t.count === 1) {
    const e = nextAlias(ctx, "e");
    return sql`NOT EXISTS (SELECT 1 FROM events ${ident(e)} WHERE ${ident(e)}.customer_id = ${ident(alias)}.id AND ${eventFilter(e, c, ctx)})`;
  }
  const g = nextAlias(ctx, "g");
  return sql`NOT EXISTS (SELECT 1 FROM (${eventPositiveSet(c, ctx)}) ${ident(g)} WHERE ${ident(g)}.customer_id = ${ident(alias)}.id)`;
}

// ---------------------------------------------------------------------------
// Tree
// ---------------------------------------------------------------------------

function segmentIdLookup(publicId: string, ctx: Ctx): SQL {
  return sql`(SELECT s.id FROM segments s WHERE s.workspace_id = ${ctx.workspaceId}::uuid AND s.public_id = ${publicId})`;
}

/** True for nodes decided by the customer row alone (no sub-select needed). */
function isRowNode(node: Condition): boolean {
  if (node.type === "group") return node.conditions.every(isRowNode);
  return node.type === "attribute" || node.type === "location";
}

function leafPredicate(leaf: LeafCondition, alias: string, ctx: Ctx): SQL {
  const col = (name: string) => sql`${ident(alias)}.${ident(name)}`;
  switch (leaf.type) {
    case "attribute":
      return compileValueFilter(sql`(${col("attributes")} -> ${leaf.key}::text)`, leaf.filter, ctx.now);
    case "location": {
      const positive = sql`(${col(leaf.field)} IN (${sql.join(
        leaf.values.map((v) => sql`${v}`),
        sql`, `,
      )}))`;
      return leaf.operator === "is_one_of" ? sql`coalesce(${positive}, FALSE)` : not(positive);
    }
    case "event":
      return eventPredicate(leaf, alias, ctx);
    case "segment": {
      const m = nextAlias(ctx, "m");
      const members = sql`segment_members ${ident(m)} WHERE ${ident(m)}.segment_id = ${segmentIdLookup(leaf.segmentId, ctx)}`;
      return leaf.operator === "in"
        ? sql`${col("id")} IN (SELECT ${ident(m)}.customer_id FROM ${members})`
        : sql`NOT EXISTS (SELECT 1 FROM ${members} AND ${ident(m)}.customer_id = ${col("id")})`;
    }
  }
}

/** The set of customer ids a node selects, as a sub-select (used under OR). */
function nodeSet(node: Condition, ctx: Ctx): SQL {
  if (node.type === "event" && !eventTest(node).negate) return eventPositiveSet(node, ctx);
  if (node.type === "segment" && node.operator === "in") {
    const m = nextAlias(ctx, "m");
    return sql`SELECT ${ident(m)}.customer_id FROM segment_members ${ident(m)} WHERE ${and([
      sql`${ident(m)}.segment_id = ${segmentIdLookup(node.segmentId, ctx)}`,
      idScope(sql`${ident(m)}.customer_id`, ctx.scope),
    ])}`;
  }
  const alias = nextAlias(ctx, "c");
  return sql`SELECT ${ident(alias)}.id FROM customers ${ident(alias)} WHERE ${and([
    sql`${ident(alias)}.workspace_id = ${ctx.workspaceId}::uuid`,
    idScope(sql`${ident(alias)}.id`, ctx.scope),
    nodePredicate(node, alias, ctx),
  ])}`;
}

/**
 * The branches of an OR that needs sub-selects, as sets to UNION: the row-only branches
 * become one scan of customers, every other branch its own set.
 */
function orSets(children: Condition[], ctx: Ctx): SQL[] {
  const rowChildren = children.filter(isRowNode);
  const sets = children.filter((c) => !isRowNode(c)).map((c) => nodeSet(c, ctx));
  if (rowChildren.length > 0) {
    const alias = nextAlias(ctx, "c");
    sets.unshift(sql`SELECT ${ident(alias)}.id FROM customers ${ident(alias)} WHERE ${and([
      sql`${ident(alias)}.workspace_id = ${ctx.workspaceId}::uuid`,
      idScope(sql`${ident(alias)}.id`, ctx.scope),
      sql`(${sql.join(rowChildren.map((c) => nodePredicate(c, alias, ctx)), sql` OR `)})`,
    ])}`);
  }
  return sets;
}

function nodePredicate(node: Condition, alias: string, ctx: Ctx): SQL {
  if (node.type !== "group") return leafPredicate(node, alias, ctx);
  // Nested groups of the same operator are the same group.
  const children = flatten(node);
  if (node.operator === "and") return and(children.map((c) => nodePredicate(c, alias, ctx)));
  if (children.every(isRowNode)) return sql`(${sql.join(children.map((c) => nodePredicate(c, alias, ctx)), sql` OR `)})`;
  // Never `row_test OR id IN (set)`: under an OR the set cannot be a semi-join and becomes
  // a subplan, re-run per row once it outgrows work_mem. One IN over the UNION of every
  // branch is always a semi-join (an OR is only ever reached as a conjunct: nested ORs are
  // flattened, and an AND under an OR is compiled as a set).
  return sql`${ident(alias)}.id IN (${sql.join(orSets(children, ctx), sql` UNION `)})`;
}

/** `(SELECT count(*) …)` of the events that count for an event condition, for the customer row `alias`. */
export function compileEventCount(leaf: EventCondition, options: CompileOptions, alias = "c"): SQL {
  const ctx = context(options);
  const e = nextAlias(ctx, "e");
  return sql`(SELECT count(*) FROM events ${ident(e)} WHERE ${ident(e)}.customer_id = ${ident(alias)}.id AND ${eventFilter(e, leaf, ctx)})`;
}

function context(options: CompileOptions): Ctx {
  return { ...options, scope: options.scope ?? { type: "all" }, aliasSeq: { n: 0 } };
}

/** A boolean SQL expression over the customers row `alias`: does this customer match the tree? */
export function compileSegmentPredicate(tree: ConditionTree, options: CompileOptions, alias = "c"): SQL {
  return nodePredicate(tree, alias, context(options));
}

function flatten(group: ConditionTree): Condition[] {
  return group.conditions.flatMap((c) => (c.type === "group" && c.operator === group.operator ? c.conditions : [c]));
}

/** `SELECT c.id FROM customers c WHERE …` — the ids of matching customers in the workspace and scope. */
export function compileSegmentQuery(tree: ConditionTree, options: CompileOptions): SQL {
  const ctx = context(options);
  const children = flatten(tree);
  if (tree.operator === "or" && !children.every(isRowNode)) {
    // Every branch is a set of this workspace's customers in scope: their union is the
    // answer, without walking every customer to test membership in it. UNION already
    // removes duplicates; only a lone event set (which lists a customer once per matching
    // event) needs a DISTINCT of its own.
    const sets = orSets(children, ctx);
    if (sets.length === 1) return sql`SELECT DISTINCT u.id FROM (${sets[0]}) u(id)`;
    return sql`SELECT u.id FROM (${sql.join(sets, sql` UNION `)}) u(id)`;
  }
  return sql`SELECT c.id FROM customers c WHERE ${and([
    sql`c.workspace_id = ${options.workspaceId}::uuid`,
    idScope(sql`c.id`, ctx.scope),
    nodePredicate(tree, "c", ctx),
  ])}`;
}
