import "server-only";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import type { ValueType } from "./condition-schema";
import type { BuilderCatalog, CatalogEvent, CatalogValue } from "./builder/catalog";

export type { BuilderCatalog, CatalogEvent, CatalogValue } from "./builder/catalog";

/**
 * What the condition builder offers to pick from, read from what the workspace really has.
 * Every query is bounded, so the builder opens as fast at a million customers and ten
 * million events as on the demo:
 * - attribute keys, types and common values from the newest customers (a backward walk of
 *   customers (workspace_id, id), LIMIT), not from every profile;
 * - event names by a skip scan of events (workspace_id, name, …): one index probe per
 *   distinct name, then per name a capped count of the last 30 days and the properties of
 *   its newest events (backward walks of the same index);
 * - countries by a skip scan of customers (workspace_id, country); regions and cities from
 *   the same customer sample (no index serves them).
 * Keys seen only on old profiles may be missing; the builder also accepts a typed key.
 */

export const CATALOG_LIMITS = {
  customerSample: 2000,
  eventSample: 200,
  maxKeys: 500,
  maxEventNames: 300,
  maxPlaces: 300,
  examples: 5,
  countCap: 1000,
  countDays: 30,
} as const;

type ValueRow = { owner: string; key: string; type: string; seen: unknown; example: string | null };

/**
 * Keys, their usual type and most common values, over `source` — rows of (owner, doc):
 * `owner` groups the keys (an event name; "" for customer attributes). A string that starts
 * like an ISO date counts as a date, as the segment SQL reads it.
 */
function valuesOf(source: SQL, maxKeys: number): SQL {
  return sql`
    WITH src AS MATERIALIZED (${source}),
    kv AS (
      SELECT src.owner, e.key,
             CASE WHEN jsonb_typeof(e.value) = 'string' AND (e.value #>> '{}') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]|$)' THEN 'date'
                  ELSE jsonb_typeof(e.value) END AS t,
             e.value #>> '{}' AS v
      FROM src, jsonb_each(CASE WHEN jsonb_typeof(src.doc) = 'object' THEN src.doc ELSE '{}'::jsonb END) AS e
      WHERE jsonb_typeof(e.value) IN ('string', 'number', 'boolean')
    ),
    types AS (SELECT owner, key, t, count(*) AS n FROM kv GROUP BY owner, key, t),
    dominant AS (
      SELECT DISTINCT ON (owner, key) owner, key, t, sum(n) OVER (PARTITION BY owner, key) AS seen
      FROM types ORDER BY owner, key, n DESC, t
    ),
    top_keys AS (
      SELECT * FROM (SELECT d.*, row_number() OVER (PARTITION BY owner ORDER BY seen DESC, key) AS kn FROM dominant d) r
      WHERE kn <= ${maxKeys}
    ),
    vals AS (
      SELECT kv.owner, kv.key, kv.v, row_number() OVER (PARTITION BY kv.owner, kv.key ORDER BY count(*) DESC, kv.v) AS rn
      FROM kv JOIN top_keys k ON k.owner = kv.owner AND k.key = kv.key AND k.t = kv.t
      GROUP BY kv.owner, kv.key, kv.v
    )
    SELECT k.owner, k.key, k.t AS type, k.seen, v.v AS example
    FROM top_keys k LEFT JOIN vals v ON v.owner = k.owner AND v.key = k.key AND v.rn <= ${CATALOG_LIMITS.examples}
    ORDER BY k.owner, k.seen DESC, k.key, v.rn`;
}

function groupValues(rows: ValueRow[]): Map<string, CatalogValue[]> {
  const out = new Map<string, CatalogValue[]>();
  for (const r of rows) {
    const list = out.get(r.owner) ?? [];
    if (!out.has(r.owner)) out.set(r.owner, list);
    let entry = list[list.length - 1];
    if (!entry || entry.key !== r.key) {
      entry = { key: r.key, type: r.type as ValueType, examples: [] };
      list.push(entry);
    }
    if (r.example !== null) entry.examples.push(r.example.length > 80 ? `${r.example.slice(0, 79)}…` : r.example);
  }
  return out;
}

/** Distinct values of an indexed column by skipping from one to the next: one probe per value. */
function skipScan(table: "events" | "customers", column: "name" | "country", workspaceId: string, limit: number): SQL {
  const t = sql.raw(table);
  const c = sql.raw(column);
  return sql`
    WITH RECURSIVE walk(v) AS (
      (SELECT ${c} FROM ${t} WHERE workspace_id = ${workspaceId}::uuid AND ${c} IS NOT NULL ORDER BY ${c} LIMIT 1)
      UNION ALL
      SELECT (SELECT x.${c} FROM ${t} x WHERE x.workspace_id = ${workspaceId}::uuid AND x.${c} > walk.v ORDER BY x.${c} LIMIT 1)
      FROM walk WHERE walk.v IS NOT NULL
    )
    SELECT v FROM walk WHERE v IS NOT NULL LIMIT ${limit}`;
}

async function attributesAndPlaces(db: DbOrTx, workspaceId: string, customerSample: number) {
  const newest = sql`SELECT attributes, region, city FROM customers WHERE workspace_id = ${workspaceId}::uuid ORDER BY id DESC LIMIT ${customerSample}`;
  const [attributeRows, placeRows, countryRows] = await Promise.all([
    queryRows<ValueRow>(db, valuesOf(sql`SELECT ''::text AS owner, attributes AS doc FROM (${newest}) c`, CATALOG_LIMITS.maxKeys)),
    queryRows<{ field: "region" | "city"; v: string }>(
      db,
      sql`WITH c AS MATERIALIZED (${newest}),
          places AS (
            SELECT 'region' AS field, region AS v, count(*) AS n FROM c WHERE region IS NOT NULL AND region <> '' GROUP BY region
            UNION ALL
            SELECT 'city', city, count(*) FROM c WHERE city IS NOT NULL AND city <> '' GROUP BY city
          )
          SELECT field, v FROM (SELECT p.*, row_number() OVER (PARTITION BY field ORDER BY n DESC, v) AS rn FROM places p) r
          WHERE rn <= ${CATALOG_LIMITS.maxPlaces} ORDER BY field, v`,
    ),
    queryRows<{ v: string }>(db, skipScan("customers", "country", workspaceId, CATALOG_LIMITS.maxPlaces)),
  ]);
  return {
    attributes: groupValues(attributeRows).get("") ?? [],
    locations: {
      countries: countryRows.map((r) => r.v).filter((v) => v !== ""),
      regions: placeRows.filter((r) => r.field === "region").map((r) => r.v),
      cities: placeRows.filter((r) => r.field === "city").map((r) => r.v),
    },
  };
}

async function eventCatalog(db: DbOrTx, workspaceId: string, now: Date): Promise<CatalogEvent[]> {
  const names = (await queryRows<{ v: string }>(db, skipScan("events", "name", workspaceId, CATALOG_LIMITS.maxEventNames))).map((r) => r.v);
  if (names.length === 0) return [];
  const nameList = sql`SELECT value AS name FROM jsonb_array_elements_text(${JSON.stringify(names)}::jsonb)`;
  const since = new Date(now.getTime() - CATALOG_LIMITS.countDays * 86_400_000).toISOString();
  const [countRows, propertyRows] = await Promise.all([
    queryRows<{ name: string; n: unknown }>(
      db,
      sql`SELECT n.name, (SELECT count(*) FROM (
            SELECT 1 FROM events e WHERE e.workspace_id = ${workspaceId}::uuid AND e.name = n.name AND e.occurred_at >= ${since}::timestamptz
            LIMIT ${CATALOG_LIMITS.countCap}) capped) AS n
          FROM (${nameList}) n`,
    ),
    queryRows<ValueRow>(
      db,
      valuesOf(
        sql`SELECT n.name AS owner, s.properties AS doc FROM (${nameList}) n CROSS JOIN LATERAL (
              SELECT e.properties FROM events e WHERE e.workspace_id = ${workspaceId}::uuid AND e.name = n.name
              ORDER BY e.occurred_at DESC LIMIT ${CATALOG_LIMITS.eventSample}) s`,
        50,
      ),
    ),
  ]);
  const counts = new Map(countRows.map((r) => [r.name, toNumber(r.n)]));
  const properties = groupValues(propertyRows);
  return names
    .map((name) => {
      const count = counts.get(name) ?? 0;
      return { name, count, countCapped: count >= CATALOG_LIMITS.countCap, properties: properties.get(name) ?? [] };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export async function getBuilderCatalog(
  db: DbOrTx,
  workspaceId: string,
  { now = new Date(), customerSample = CATALOG_LIMITS.customerSample }: { now?: Date; customerSample?: number } = {},
): Promise<BuilderCatalog> {
  const [customersPart, events, segmentRows] = await Promise.all([
    attributesAndPlaces(db, workspaceId, customerSample),
    eventCatalog(db, workspaceId, now),
    db
      .select({ publicId: segments.publicId, name: segments.name, type: segments.type })
      .from(segments)
      .where(eq(segments.workspaceId, workspaceId))
      .orderBy(asc(segments.name), asc(segments.id)),
  ]);
  return { attributes: customersPart.attributes, events, locations: customersPart.locations, segments: segmentRows };
}
