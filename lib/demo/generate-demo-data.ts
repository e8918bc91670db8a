import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { customerCatalogJson, DEMO_SITE_URL, eventCatalogJson, LOCATION_TOTAL } from "./demo-catalog";

/**
 * Realistic demo customers and events, generated inside the database.
 *
 * Every row is built by set-based SQL (`INSERT … SELECT … FROM generate_series(…)` with
 * random()); JavaScript only plans chunks and binds parameters. Each statement writes at
 * most `chunk.customers` customers or `chunk.events` events, so it finishes well within a
 * 60 s serverless step, and the building blocks (`insertCustomerChunk`, `insertEventChunk`)
 * take and return plain JSON, so a job can run them as separate steps.
 *
 * Shape of the data:
 * - customers: unique lowercase email, `external_id` usr_000123, country/region/city/timezone
 *   weighted by country, attributes {first_name, last_name, name, plan (skewed towards free),
 *   signup_date (last 2 years, ~6% in the last 14 days), lifetime_value (skewed by plan),
 *   company, is_subscribed, age (most)}, created_at = sign-up time, last_seen_at.
 * - events: over the last `days` days, never before the customer signed up and never after
 *   they were last seen: `signed_up` first for active customers who signed up in the window,
 *   then page_viewed (most), product_viewed, email_opened, added_to_cart, link_clicked,
 *   email_clicked, order_completed (amount 5–500, currency, items). Activity is skewed: a
 *   few customers have hundreds of events, most a handful, ~10% (dormant) none.
 */

export type GenerateOptions = {
  customers: number;
  events: number;
  /** Events fall within the last `days` days. Default 90. */
  days?: number;
  /** Makes the data repeatable (Postgres setseed per statement). */
  seed?: number;
  /** The end of the event window. Default: now. */
  now?: Date;
  /** Rows per statement. Defaults: 50,000 customers, 250,000 events. */
  chunk?: { customers?: number; events?: number };
  /**
   * Chunks written at the same time, each on its own connection (pg / Neon pools). Default 1.
   * PGlite has one connection, so more than 1 only queues there.
   */
  concurrency?: number;
  onProgress?: (progress: GenerateProgress) => void;
};

export type GenerateProgress = {
  phase: "customers" | "events";
  customersDone: number;
  eventsDone: number;
  customers: number;
  events: number;
};

export type GenerateResult = {
  customers: number;
  events: number;
  ms: number;
  /** The longest single statement of each kind: what a 60 s serverless step has to fit. */
  slowestCustomerStatementMs: number;
  slowestEventStatementMs: number;
};

/** A share of the customers and of the events, written by one customer statement and ≥1 event statements. */
export type ChunkPlan = {
  index: number;
  /** Ordinal of the chunk's first customer (external_id usr_<ordinal>), and how many. */
  firstOrdinal: number;
  size: number;
  /** Customers whose rank is ≥ active never get events (dormant). */
  active: number;
  /** Scatters activity over positions: rank = (pos · scatter) mod size; rank 0 is the busiest. */
  scatter: number;
  /** Event numbers firstEvent+1 … firstEvent+events belong to this chunk. */
  firstEvent: number;
  events: number;
};

export type GenerationContext = {
  workspaceId: string;
  /** ISO timestamps: the window is [windowStart, now]. */
  now: string;
  windowStart: string;
  /** Prefix of message ids, unique per run within the workspace. */
  messageTag: string;
  seed?: number;
  /** Seeds the per-customer activity weights, which every event statement of a chunk recomputes. */
  weightSeed: number;
  eventsPerStatement: number;
};

const DEFAULT_CUSTOMERS_PER_STATEMENT = 50_000;
// ~10 s per event statement on a busy 2-core machine: a wide margin under a 60 s step.
const DEFAULT_EVENTS_PER_STATEMENT = 250_000;
const DORMANT_SHARE = 0.1;
// Activity skew: the busiest customers get ~e^λ times the events of the quietest active ones.
const ACTIVITY_SKEW = 6;

export async function generateCustomersAndEvents(
  db: DbOrTx,
  workspaceId: string,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const started = performance.now();
  const { customers, events } = options;
  if (!Number.isInteger(customers) || customers < 0) throw new Error("customers must be a whole number ≥ 0");
  if (!Number.isInteger(events) || events < 0) throw new Error("events must be a whole number ≥ 0");
  if (events > 0 && customers === 0) throw new Error("events need customers to belong to");
  const days = options.days ?? 90;
  if (!(days > 0)) throw new Error("days must be > 0");

  const offset = await nextCustomerOrdinal(db, workspaceId);
  const now = options.now ?? new Date();
  const context: GenerationContext = {
    workspaceId,
    now: now.toISOString(),
    windowStart: new Date(now.getTime() - days * 86_400_000).toISOString(),
    messageTag: `${workspaceId.slice(0, 8)}${offset > 0 ? `.${offset}` : ""}`,
    seed: options.seed,
    weightSeed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    eventsPerStatement: Math.max(1, options.chunk?.events ?? DEFAULT_EVENTS_PER_STATEMENT),
  };
  const plans = planChunks(customers, events, offset, options.chunk?.customers ?? DEFAULT_CUSTOMERS_PER_STATEMENT);

  const progress = { customersDone: 0, eventsDone: 0, slowestCustomers: 0, slowestEvents: 0 };
  const report = (phase: GenerateProgress["phase"]) =>
    options.onProgress?.({ phase, customersDone: progress.customersDone, eventsDone: progress.eventsDone, customers, events });

  // Chunks are independent (ordinals and event numbers are planned up front), so workers
  // can take them in any order.
  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++];
      let t = performance.now();
      const range = await insertCustomerChunk(db, context, plan);
      progress.slowestCustomers = Math.max(progress.slowestCustomers, performance.now() - t);
      progress.customersDone += range.inserted;
      report("customers");
      for (const part of eventStatements(plan, context.eventsPerStatement)) {
        t = performance.now();
        const written = await insertEventChunk(db, context, plan, range, part);
        progress.slowestEvents = Math.max(progress.slowestEvents, performance.now() - t);
        progress.eventsDone += written.events;
        report("events");
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(options.concurrency ?? 1), plans.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return {
    customers: progress.customersDone,
    events: progress.eventsDone,
    ms: performance.now() - started,
    slowestCustomerStatementMs: progress.slowestCustomers,
    slowestEventStatementMs: progress.slowestEvents,
  };
}

/** Splits the run into customer chunks, each with its exact share of the events. */
export function planChunks(customers: number, events: number, offset: number, perChunk: number): ChunkPlan[] {
  const size = Math.max(1, Math.floor(perChunk));
  const plans: ChunkPlan[] = [];
  for (let start = 0, index = 0; start < customers; start += size, index++) {
    const count = Math.min(size, customers - start);
    const firstEvent = shareOf(events, start, customers);
    const lastEvent = shareOf(events, start + count, customers);
    plans.push({
      index,
      firstOrdinal: offset + start + 1,
      size: count,
      active: Math.max(1, Math.ceil(count * (1 - DORMANT_SHARE))),
      scatter: coprimeMultiplier(count),
      firstEvent,
      events: lastEvent - firstEvent,
    });
  }
  return plans;
}

/** floor(events * upTo / customers) without losing precision on large products. */
function shareOf(events: number, upTo: number, customers: number): number {
  return Number((BigInt(events) * BigInt(upTo)) / BigInt(customers));
}

/** A multiplier coprime with n, so pos → pos·m mod n is a permutation of 0…n−1. */
function coprimeMultiplier(n: number): number {
  if (n <= 2) return 1;
  let m = Math.floor(n * 0.6180339887) | 1;
  while (gcd(m, n) !== 1) m++;
  return m;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** A chunk's events numbered from+1 … to (chunk-relative), written by one statement. */
export type EventPart = { from: number; to: number };

/** Splits a chunk's events into statements of at most `perStatement` events. */
export function eventStatements(plan: ChunkPlan, perStatement: number): EventPart[] {
  const parts: EventPart[] = [];
  for (let from = 0; from < plan.events; from += perStatement) {
    parts.push({ from, to: Math.min(plan.events, from + perStatement) });
  }
  return parts;
}

/** Generated customers are numbered usr_<ordinal>; a new run continues after the highest. */
async function nextCustomerOrdinal(db: DbOrTx, workspaceId: string): Promise<number> {
  const [row] = await queryRows<{ max: string | number | null }>(
    db,
    sql`SELECT max(substring(external_id FROM 5)::bigint) AS max
        FROM customers
        WHERE workspace_id = ${workspaceId}::uuid AND external_id ~ '^usr_[0-9]{1,15}$'`,
  );
  return row?.max == null ? 0 : toNumber(row.max);
}

/** Runs one statement; with a seed, inside a transaction that seeds random() first. */
async function run<T extends Record<string, unknown>>(db: DbOrTx, context: GenerationContext, key: number, query: SQL): Promise<T[]> {
  if (context.seed === undefined) return queryRows<T>(db, query);
  const value = ((Math.abs(Math.trunc(context.seed)) * 7919 + key * 104_729) % 2_000_001) / 1_000_000 - 1;
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT setseed(${value}::float8)`);
    return queryRows<T>(tx, query);
  });
}

export type CustomerRange = { inserted: number; lo: number; hi: number };

/** Inserts one chunk of customers; returns the id range they got. */
export async function insertCustomerChunk(db: DbOrTx, context: GenerationContext, plan: ChunkPlan): Promise<CustomerRange> {
  const last = plan.firstOrdinal + plan.size - 1;
  const rows = await run<{ inserted: number | string; lo: number | string | null; hi: number | string | null }>(
    db,
    context,
    plan.index * 2,
    sql`
WITH cfg AS MATERIALIZED (
  SELECT ${context.now}::timestamptz AS now_at,
         ${context.windowStart}::timestamptz AS window_start,
         ${customerCatalogJson}::jsonb AS cat
),
locs AS MATERIALIZED (
  SELECT l.* FROM cfg, jsonb_to_recordset(cfg.cat -> 'locations')
    AS l(lo int, hi int, country text, region text, city text, timezone text, pool text)
),
pools AS MATERIALIZED (
  SELECT p.key AS pool,
         ARRAY(SELECT jsonb_array_elements_text(p.value -> 'first')) AS first_names,
         ARRAY(SELECT jsonb_array_elements_text(p.value -> 'last')) AS last_names,
         ARRAY(SELECT jsonb_array_elements_text(p.value -> 'firstAscii')) AS first_ascii,
         ARRAY(SELECT jsonb_array_elements_text(p.value -> 'lastAscii')) AS last_ascii
  FROM cfg, jsonb_each(cfg.cat -> 'names') AS p
),
words AS MATERIALIZED (
  SELECT ARRAY(SELECT jsonb_array_elements_text(cat -> 'companyPrefixes')) AS prefixes,
         ARRAY(SELECT jsonb_array_elements_text(cat -> 'companySuffixes')) AS suffixes,
         ARRAY(SELECT jsonb_array_elements_text(cat -> 'emailDomains')) AS domains
  FROM cfg
),
g AS (
  SELECT n,
         n - ${plan.firstOrdinal}::bigint AS pos,
         floor(random() * ${LOCATION_TOTAL}::int)::int AS loc,
         random() AS r_first, random() AS r_last, random() AS r_format, random() AS r_domain,
         random() AS r_prefix, random() AS r_suffix, random() AS r_plan, random() AS r_ltv,
         random() AS r_recent, random() AS r_signup, random() AS r_seen, random() AS r_subscribed,
         random() AS r_has_age, random() AS r_age1, random() AS r_age2
  FROM generate_series(${plan.firstOrdinal}::bigint, ${last}::bigint) AS n
),
people AS (
  SELECT g.*, l.country, l.region, l.city, l.timezone,
         1 + floor(g.r_first * cardinality(p.first_names))::int AS fi,
         1 + floor(g.r_last * cardinality(p.last_names))::int AS li,
         p.first_names, p.last_names, p.first_ascii, p.last_ascii,
         w.prefixes[1 + floor(g.r_prefix * cardinality(w.prefixes))::int] AS company_prefix,
         w.suffixes[1 + floor(g.r_suffix * cardinality(w.suffixes))::int] AS company_suffix,
         w.domains[1 + floor(g.r_domain * cardinality(w.domains))::int] AS free_domain,
         CASE WHEN g.r_plan < 0.55 THEN 'free' WHEN g.r_plan < 0.80 THEN 'starter'
              WHEN g.r_plan < 0.95 THEN 'pro' ELSE 'enterprise' END AS plan,
         -- ~6% signed up in the last 14 days; the rest over two years, recent ones more likely.
         date_trunc('second', cfg.now_at - CASE WHEN g.r_recent < 0.06 THEN g.r_signup * interval '14 days'
              ELSE interval '14 days' + power(g.r_signup, 1.4) * interval '716 days' END) AS signed_up_at,
         -- Dormant customers (rank ≥ active) get no events; the event statements use the same rank.
         (g.pos * ${plan.scatter}::bigint) % ${plan.size}::bigint >= ${plan.active}::bigint AS dormant,
         cfg.now_at, cfg.window_start
  FROM g
  JOIN locs l ON g.loc >= l.lo AND g.loc < l.hi
  JOIN pools p ON p.pool = l.pool
  CROSS JOIN words w
  CROSS JOIN cfg
),
shaped AS (
  SELECT people.*,
         first_names[fi] AS first_name,
         last_names[li] AS last_name,
         first_ascii[fi] AS fa,
         last_ascii[li] AS la,
         company_prefix || ' ' || company_suffix AS company,
         round((CASE plan
           WHEN 'free' THEN 60 * power(r_ltv, 3)
           WHEN 'starter' THEN 20 + 700 * power(r_ltv, 2.2)
           WHEN 'pro' THEN 100 + 3500 * power(r_ltv, 2)
           ELSE 1500 + 30000 * power(r_ltv, 2) END)::numeric, 2) AS lifetime_value,
         CASE
           WHEN NOT dormant THEN greatest(window_start, signed_up_at)
             + (1 - power(r_seen, 3)) * (now_at - greatest(window_start, signed_up_at))
           WHEN signed_up_at < window_start THEN signed_up_at + r_seen * (window_start - signed_up_at)
           ELSE signed_up_at
         END AS seen_at
  FROM people
),
ins AS (
  INSERT INTO customers (workspace_id, external_id, email, attributes, country, region, city, timezone, last_seen_at, created_at, updated_at)
  SELECT ${context.workspaceId}::uuid,
         'usr_' || lpad(n::text, greatest(6, length(n::text)), '0'),
         CASE WHEN r_format < 0.45 THEN fa || '.' || la
              WHEN r_format < 0.65 THEN fa || '_' || la
              WHEN r_format < 0.85 THEN left(fa, 1) || '.' || la
              ELSE fa END
           || n::text || '@'
           || CASE WHEN r_domain < 0.35 THEN regexp_replace(lower(company_prefix || company_suffix), '[^a-z]', '', 'g') || '.com'
                   ELSE free_domain END,
         jsonb_build_object(
           'first_name', first_name,
           'last_name', last_name,
           'name', first_name || ' ' || last_name,
           'plan', plan,
           'signup_date', to_char(signed_up_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
           'lifetime_value', lifetime_value,
           'company', company,
           'is_subscribed', r_subscribed < 0.72
         ) || CASE WHEN r_has_age < 0.8
                   THEN jsonb_build_object('age', 18 + floor(55 * power((r_age1 + r_age2) / 2, 1.15))::int)
                   ELSE '{}'::jsonb END,
         country, region, city, timezone,
         seen_at,
         signed_up_at,
         now_at
  FROM shaped
  RETURNING id
)
SELECT count(*) AS inserted, min(id) AS lo, max(id) AS hi FROM ins`,
  );
  const row = rows[0];
  return { inserted: toNumber(row.inserted), lo: toNumber(row.lo ?? 0), hi: toNumber(row.hi ?? 0) };
}

/**
 * Inserts the chunk's events numbered part.from+1 … part.to (numbers are chunk-relative).
 * Every statement recomputes the same per-customer event counts: a skewed,
 * seeded weight per customer (dormant ones get none), turned into exact integer shares of
 * the chunk's events; rows are then produced customer by customer, which keeps index
 * inserts local. A customer who signed up inside the window gets `signed_up` as their first event.
 */
export async function insertEventChunk(
  db: DbOrTx,
  context: GenerationContext,
  plan: ChunkPlan,
  range: CustomerRange,
  part: EventPart,
): Promise<{ events: number }> {
  if (part.to <= part.from || range.inserted === 0) return { events: 0 };
  const numberWidth = Math.max(6, String(plan.firstEvent + plan.events).length);
  const rows = await run<{ events: number | string }>(
    db,
    context,
    plan.index * 2 + 1 + part.from * 2,
    sql`
WITH cfg AS MATERIALIZED (
  SELECT ${context.now}::timestamptz AS now_at,
         ${context.windowStart}::timestamptz AS window_start,
         ${eventCatalogJson}::jsonb AS cat
),
lists AS MATERIALIZED (
  SELECT ARRAY(SELECT jsonb_array_elements(cat -> 'pages')) AS pages,
         ARRAY(SELECT jsonb_array_elements_text(cat -> 'referrers')) AS referrers,
         ARRAY(SELECT jsonb_array_elements(cat -> 'products')) AS products,
         ARRAY(SELECT jsonb_array_elements(cat -> 'campaigns')) AS campaigns,
         cat -> 'currencies' AS currencies
  FROM cfg
),
members AS MATERIALIZED (
  SELECT c.id, c.country, c.created_at, c.last_seen_at,
         greatest(cfg.window_start, c.created_at) AS start_at,
         -- CASE, so the cast never sees an external id of another shape.
         CASE WHEN c.external_id ~ '^usr_[0-9]{1,15}$'
              THEN substring(c.external_id FROM 5)::bigint - ${plan.firstOrdinal}::bigint END AS pos
  FROM customers c, cfg
  -- The id range selects the chunk through the primary key ("IS TRUE" keeps the planner
  -- from walking another workspace index instead); the ordinal check drops strangers.
  WHERE c.id BETWEEN ${range.lo}::bigint AND ${range.hi}::bigint
    AND (c.workspace_id = ${context.workspaceId}::uuid) IS TRUE
),
weighted AS (
  SELECT m.*,
         CASE WHEN (m.pos * ${plan.scatter}::bigint) % ${plan.size}::bigint >= ${plan.active}::bigint THEN 0
              ELSE round(1000000 * (0.25 + 1.5 * ((hashint8extended(${plan.firstOrdinal}::bigint + m.pos, ${context.weightSeed}::bigint) >> 11)
                                                   & 4503599627370495)::float8 / 4503599627370496.0)
                         / (1 + ((m.pos * ${plan.scatter}::bigint) % ${plan.size}::bigint)::float8 / ${plan.active}::float8
                                * (exp(${ACTIVITY_SKEW}::float8) - 1)))::bigint
         END AS weight
  FROM members m
  WHERE m.pos >= 0 AND m.pos < ${plan.size}::bigint
),
shares AS MATERIALIZED (
  SELECT w.id, w.country, w.created_at, w.last_seen_at, w.start_at, w.pos,
         floor(${plan.events}::numeric * (sum(w.weight) OVER (ORDER BY w.pos) - w.weight) / sum(w.weight) OVER ())::bigint AS before,
         floor(${plan.events}::numeric * sum(w.weight) OVER (ORDER BY w.pos) / sum(w.weight) OVER ())::bigint AS through
  FROM weighted w
),
ev AS MATERIALIZED (
  SELECT s.id AS customer_id, s.country, s.pos, j,
         j = s.before + 1 AND s.created_at >= cfg.window_start AS is_signup,
         s.created_at, s.start_at, greatest(s.last_seen_at, s.start_at) AS end_at,
         random() AS r_name, random() AS r_time, random() AS r_delay, random() AS r1, random() AS r2, random() AS r3
  FROM shares s
  CROSS JOIN cfg
  CROSS JOIN LATERAL generate_series(greatest(s.before + 1, ${part.from + 1}::bigint), least(s.through, ${part.to}::bigint)) AS j
  WHERE s.through > ${part.from}::bigint AND s.before < ${part.to}::bigint
),
shaped AS (
  SELECT e.customer_id, e.pos, e.j, e.r1, e.r2, e.r3, e.r_delay,
         ${plan.firstEvent}::bigint + e.j AS n,
         CASE WHEN e.is_signup THEN 'signed_up'
              WHEN e.r_name < 0.45 THEN 'page_viewed'
              WHEN e.r_name < 0.65 THEN 'product_viewed'
              WHEN e.r_name < 0.78 THEN 'email_opened'
              WHEN e.r_name < 0.85 THEN 'added_to_cart'
              WHEN e.r_name < 0.905 THEN 'link_clicked'
              WHEN e.r_name < 0.955 THEN 'email_clicked'
              ELSE 'order_completed' END AS name,
         CASE WHEN e.is_signup THEN e.created_at
              ELSE e.start_at + e.r_time * (e.end_at - e.start_at) END AS occurred_at,
         l.pages[1 + floor(e.r1 * cardinality(l.pages))::int] AS page,
         l.referrers[1 + floor(e.r2 * cardinality(l.referrers))::int] AS referrer,
         l.products[1 + floor(power(e.r1, 1.5) * cardinality(l.products))::int] AS product,
         l.campaigns[1 + floor(e.r1 * cardinality(l.campaigns))::int] AS campaign,
         coalesce(l.currencies ->> e.country, 'USD') AS currency,
         round((5 + 495 * power(e.r2, 3.5))::numeric, 2) AS amount
  FROM ev e
  CROSS JOIN lists l
),
written AS (
  INSERT INTO events (workspace_id, customer_id, type, name, properties, occurred_at, received_at, message_id)
  SELECT ${context.workspaceId}::uuid, s.customer_id,
         (CASE WHEN s.name = 'page_viewed' THEN 'page' ELSE 'track' END)::event_type,
         s.name,
         CASE s.name
           WHEN 'page_viewed' THEN jsonb_build_object(
             'path', s.page ->> 'path', 'title', s.page ->> 'title',
             'url', ${DEMO_SITE_URL}::text || (s.page ->> 'path'), 'referrer', s.referrer)
           WHEN 'product_viewed' THEN jsonb_build_object(
             'product_id', s.product ->> 'id', 'product_name', s.product ->> 'name',
             'category', s.product ->> 'category', 'price', s.product -> 'price')
           WHEN 'added_to_cart' THEN jsonb_build_object(
             'product_id', s.product ->> 'id', 'product_name', s.product ->> 'name',
             'category', s.product ->> 'category', 'price', s.product -> 'price',
             'quantity', 1 + floor(power(s.r3, 4) * 3)::int)
           WHEN 'order_completed' THEN jsonb_build_object(
             'order_id', 'ord_' || s.n::text, 'amount', s.amount, 'currency', s.currency,
             'items', greatest(1, least(8, ceil(s.amount / (40 + 60 * s.r3))::int)))
           WHEN 'email_opened' THEN jsonb_build_object(
             'campaign', s.campaign ->> 'campaign', 'subject', s.campaign ->> 'subject')
           WHEN 'signed_up' THEN jsonb_build_object(
             'method', CASE WHEN s.r1 < 0.7 THEN 'email' ELSE 'google' END,
             'source', CASE WHEN s.r2 < 0.4 THEN 'organic' WHEN s.r2 < 0.6 THEN 'newsletter'
                            WHEN s.r2 < 0.8 THEN 'paid_search' ELSE 'referral' END)
           ELSE jsonb_build_object(
             'campaign', s.campaign ->> 'campaign', 'url', ${DEMO_SITE_URL}::text || (s.campaign ->> 'url'))
         END,
         date_trunc('milliseconds', s.occurred_at),
         date_trunc('milliseconds', s.occurred_at + (0.2 + 4 * s.r_delay) * interval '1 second'),
         -- Zero-padded, so message ids are inserted in index order.
         'gen-' || ${context.messageTag}::text || '-' || lpad(s.n::text, ${numberWidth}::int, '0')
  -- Rows come out customer by customer (the order of the shares CTE), which keeps index inserts local.
  FROM shaped s
  RETURNING 1
)
SELECT (SELECT count(*) FROM written) AS events`,
  );
  return { events: toNumber(rows[0].events) };
}
