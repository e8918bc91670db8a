import "server-only";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A database handle or an open transaction on it: data functions accept either. */
export type DbOrTx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

export type DbDriver = "pglite" | "neon" | "pg";

export type DbConfig = {
  driver: DbDriver;
  /** Postgres URL for neon/pg; data directory for pglite (undefined = in memory). */
  url?: string;
};

export type DbHandle = { db: Db; driver: DbDriver; close: () => Promise<void> };

/** The driver's own client under a Db, for the few things drizzle does not do (COPY). */
export type RawClient =
  | { driver: "pglite"; client: import("@electric-sql/pglite").PGlite }
  | { driver: "pg"; client: import("pg").Pool }
  | { driver: "neon"; client: import("@neondatabase/serverless").Pool };

const rawClients = new WeakMap<Db, RawClient>();

/** The driver client `db` was opened on (by openDb). */
export function rawClientOf(db: Db): RawClient {
  const raw = rawClients.get(db);
  if (!raw) throw new Error("rawClientOf: this database handle was not opened by openDb (a transaction has none)");
  return raw;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Which database the environment asks for. No DATABASE_URL means the embedded default. */
export function dbConfigFromEnv(env: Record<string, string | undefined> = process.env): DbConfig {
  const url = env.DATABASE_URL;
  if (!url) {
    // turbopackIgnore: file tracing must not follow this path into the local database (for
    // instrumentation.js, which outputFileTracingExcludes in next.config.js does not cover).
    return { driver: "pglite", url: env.LUMEN_DATA_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), ".data", "pglite") };
  }
  const forced = env.DATABASE_DRIVER as DbDriver | undefined;
  if (forced === "neon" || forced === "pg") return { driver: forced, url };
  return { driver: /\.neon\.tech|neon\.build/.test(url) ? "neon" : "pg", url };
}

export function isEmbedded(env: Record<string, string | undefined> = process.env): boolean {
  return !env.DATABASE_URL;
}

export async function openDb(config: DbConfig): Promise<DbHandle> {
  if (config.driver === "pglite") {
    // PGlite creates its data directory but not the parents (a fresh clone has no .data/).
    if (config.url) mkdirSync(path.dirname(config.url), { recursive: true });
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = new PGlite(config.url ?? undefined);
    await client.waitReady;
    const db = drizzle(client, { schema }) as unknown as Db;
    rawClients.set(db, { driver: "pglite", client });
    return { db, driver: "pglite", close: () => client.close() };
  }
  if (config.driver === "neon") {
    const { Pool, neonConfig } = await import("@neondatabase/serverless");
    const { drizzle } = await import("drizzle-orm/neon-serverless");
    const { default: ws } = await import("ws");
    // Node 20 has no global WebSocket.
    neonConfig.webSocketConstructor = ws;
    const proxy = process.env.NEON_WS_PROXY;
    if (proxy) {
      // Local Postgres behind a WebSocket→TCP proxy (tests, CI): plain ws, no pipelining.
      neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineTLS = false;
      neonConfig.pipelineConnect = false;
    }
    const pool = new Pool({ connectionString: config.url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
    pool.on("error", logIdleClientError);
    const db = drizzle({ client: pool, schema }) as unknown as Db;
    rawClients.set(db, { driver: "neon", client: pool });
    return { db, driver: "neon", close: () => pool.end() };
  }
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: config.url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
  pool.on("error", logIdleClientError);
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  rawClients.set(db, { driver: "pg", client: pool });
  return { db, driver: "pg", close: () => pool.end() };
}

/**
 * A pooled connection that dies while idle (server restart, failover, an admin ending it)
 * is an 'error' event on the pool; unhandled, it would crash the process. The pool drops
 * the connection and opens a new one on the next query, so logging is all there is to do.
 */
function logIdleClientError(error: Error) {
  console.error(`[db] an idle database connection was closed: ${error.message}`);
}

export async function migrateDb(handle: DbHandle): Promise<void> {
  const migrationsFolder = MIGRATIONS_FOLDER;
  if (handle.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else if (handle.driver === "neon") {
    const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}

type GlobalDb = { handle?: Promise<DbHandle> };
const globalForDb = globalThis as unknown as { __lumenDb?: GlobalDb };

/**
 * The process-wide database. Created on first use, never at module load: serverless
 * functions and `next build` import this file without touching the database.
 * PGlite is one connection per process, so the instance lives on globalThis and
 * survives dev-server reloads; the embedded default migrates itself on start.
 */
export function getDbHandle(): Promise<DbHandle> {
  const g = (globalForDb.__lumenDb ??= {});
  g.handle ??= (async () => {
    const config = dbConfigFromEnv();
    const handle = await openDb(config);
    if (config.driver === "pglite") await migrateDb(handle);
    return handle;
  })().catch((error) => {
    g.handle = undefined;
    throw error;
  });
  return g.handle;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Only for tests: make getDb() return this handle. */
export function setDbHandleForTests(handle: DbHandle | undefined) {
  const g = (globalForDb.__lumenDb ??= {});
  g.handle = handle ? Promise.resolve(handle) : undefined;
}

/** Renders drizzle SQL to text and parameters, for the statements sent to a driver's client directly. */
export const sqlDialect = new PgDialect();

/**
 * queryRows as a named prepared statement, on the pool's connections (pg, Neon): a
 * connection parses and analyses a text once and then only binds new values. For the
 * real-time path, whose statement text is the same for every event of a kind while the
 * segments stay as they are (values are parameters), and whose text grows with the
 * segments (hundreds of kilobytes at 1,000): parsing it again on every event was a third of
 * the statement's time at 50 segments. The name is a hash of the text, so a changed
 * definition is a new statement; a connection keeps its statements until the pool closes it
 * (idle connections close after 10 s). PGlite and open transactions run it unnamed.
 */
export async function queryRowsPrepared<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  // Only a handle openDb made has a raw client; a transaction has none and runs it unnamed.
  const raw = rawClients.get(db as Db);
  if (!raw || raw.driver === "pglite") return queryRows<T>(db, query);
  const { sql: text, params } = sqlDialect.sqlToQuery(query);
  const name = `lumen_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
  type Client = { query(config: string | { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>; release(error?: Error | boolean): void };
  const pool: { connect(): Promise<Client> } = raw.client;
  const client = await pool.connect();
  // A generic plan, planned once per connection: with custom plans (the default for a
  // prepared statement whose values change, and `now` changes every time) Postgres planned the
  // statement again on every event — at 1,000 segments, 20–30 ms of planning for 4–10 ms of
  // execution per 100 segments (bench/segments.ts). The generic plan's shape is the one
  // this statement wants whatever the values: a short list of customers drives every lookup.
  // Only for this statement: the setting is the session's, and the connection goes back to the pool.
  let failed: Error | undefined;
  try {
    await client.query("SET plan_cache_mode = force_generic_plan");
    return (await client.query({ name, text, values: params })).rows as T[];
  } catch (error) {
    failed = error as Error;
    throw error;
  } finally {
    try {
      if (!failed) await client.query("RESET plan_cache_mode");
    } catch (error) {
      failed = error as Error;
    }
    // After a failure the session's setting is unknown: the connection is closed, not reused.
    client.release(failed ?? undefined);
  }
}

/** Raw SQL rows, the same shape on all three drivers. */
export async function queryRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** bigint columns arrive as number from PGlite and as string from pg/neon. */
export function toNumber(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}
