// Throughput of the Segment-compatible tracking API, measured through the app's real HTTP
// endpoint (`next start`) against a real Postgres:
//
//   flock /tmp/lumen-heavy.lock npm run bench:ingest
//
// Postgres: BENCH_DATABASE_URL or TEST_DATABASE_URL (a fresh database is created on that
// server and dropped afterwards); with neither, a throwaway server is started with
// scripts/start-test-postgres.sh and stopped at the end.
// Knobs: BENCH_CUSTOMERS (50000), BENCH_BATCHES (300), BENCH_BATCH_SIZE (100),
// BENCH_CONCURRENCY (8), BENCH_WARMUP (20), BENCH_NEW_CUSTOMERS (0.05, share of events from
// unknown users), BENCH_SERVER (next | route-server; route-server serves the same route
// handlers from a plain Node process, for when the app cannot be built), BENCH_KEEP_DB=1,
// BENCH_CPU_PROF=<dir> (the server runs with `node --cpu-prof`: a .cpuprofile of the whole run is
// written there when it stops; open it in Chrome DevTools or summarise it with
// `npx tsx bench/cpu-profile-summary.ts <file>`).
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  HEAVY_LOCK,
  ROOT,
  allowServerOnly,
  freePort,
  heavyLockHeldByAncestor,
  log,
  postgresServerUrl,
  seconds,
  stopProcess,
  waitForServer,
  withCleanups,
  type Cleanups,
} from "./support";

allowServerOnly();

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CUSTOMERS = env("BENCH_CUSTOMERS", 50_000);
const BATCHES = env("BENCH_BATCHES", 300);
const BATCH_SIZE = env("BENCH_BATCH_SIZE", 100);
const CONCURRENCY = env("BENCH_CONCURRENCY", 8);
const WARMUP = env("BENCH_WARMUP", 20);
const NEW_CUSTOMER_SHARE = env("BENCH_NEW_CUSTOMERS", 0.05);

async function run(cleanups: Cleanups): Promise<boolean> {
  const { default: pg } = await import("pg");
  const { openDb, migrateDb, queryRows, toNumber } = await import("@/db/client");
  const { sql } = await import("drizzle-orm");
  const { generateApiKey, hashApiKey, displayPrefix } = await import("@/lib/api-keys/hash-api-key");

  // --- Postgres --------------------------------------------------------------------------
  const serverUrl = await postgresServerUrl(cleanups);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  cleanups.push(() => admin.end());
  const dbName = `lumen_bench_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  if (!process.env.BENCH_KEEP_DB) cleanups.push(async () => void (await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)));
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const version = (await admin.query("SHOW server_version")).rows[0].server_version as string;

  const handle = await openDb({ driver: "pg", url: databaseUrl });
  cleanups.push(() => handle.close());
  const db = handle.db;
  await migrateDb(handle);

  // --- Data: a workspace, its write key, existing customers --------------------------------
  const [{ id: workspaceId }] = await queryRows<{ id: string }>(db, sql`INSERT INTO workspaces (name) VALUES ('Bench') RETURNING id`);
  const writeKey = generateApiKey("write");
  await db.execute(sql`INSERT INTO api_keys (workspace_id, name, kind, prefix, hash)
    VALUES (${workspaceId}, 'bench', 'write', ${displayPrefix(writeKey)}, ${hashApiKey(writeKey)})`);
  let started = performance.now();
  await db.execute(sql`
    INSERT INTO customers (workspace_id, external_id, anonymous_id, email, attributes, country, city, created_at, updated_at)
    SELECT ${workspaceId}, 'user-' || g, 'anon-' || g, 'user' || g || '@example.com',
           jsonb_build_object('plan', (ARRAY['free','pro','team'])[1 + g % 3], 'signup_source', 'bench'),
           (ARRAY['US','DE','FR','GB','BR'])[1 + g % 5], NULL, now() - (g % 365) * interval '1 day', now()
    FROM generate_series(1, ${CUSTOMERS}::int) AS g`);
  await db.execute(sql`ANALYZE`);
  log(`created database ${dbName} with ${CUSTOMERS.toLocaleString("en-US")} customers in ${seconds(started)}`);

  // --- The app -------------------------------------------------------------------------------
  const port = await freePort();
  let mode = process.env.BENCH_SERVER === "route-server" ? "route-server" : "next";
  if (mode === "next" && !fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    log("no .next/BUILD_ID: building the app once");
    const lockHeld = heavyLockHeldByAncestor();
    const command = lockHeld ? ["npx", "next", "build"] : ["flock", HEAVY_LOCK, "npx", "next", "build"];
    try {
      execFileSync(command[0], command.slice(1), { stdio: "inherit", cwd: ROOT });
    } catch {
      log("next build failed: falling back to the route handlers served by tests/helpers/route-server.ts in a child process");
      mode = "route-server";
    }
  }
  // A production server refuses to start without the public URL its emails link to.
  const appEnv = { ...process.env, DATABASE_URL: databaseUrl, DATABASE_DRIVER: "pg", AUTH_SECRET: "bench", NODE_ENV: "production" as const, APP_URL: `http://127.0.0.1:${port}` };
  const profileDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined;
  const profile = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const child =
    mode === "next"
      ? spawn(process.execPath, [...profile, path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], { cwd: ROOT, env: appEnv, stdio: ["ignore", "pipe", "pipe"] })
      : spawn(process.execPath, [...profile, ...process.execArgv, path.join(ROOT, "bench/ingest.ts"), "--serve-routes", String(port)], { cwd: ROOT, env: appEnv, stdio: ["ignore", "pipe", "pipe"] });
  const serverLog: string[] = [];
  child.stdout!.on("data", (d: Buffer) => serverLog.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => serverLog.push(d.toString()));
  cleanups.push(() => stopProcess(child));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(base, child, "/api/v1/batch");
  } catch (error) {
    console.error(serverLog.join(""));
    throw error;
  }
  log(`app: ${mode === "next" ? "next start" : "route-server"} (pid ${child.pid}) on ${base}, DATABASE_DRIVER=pg`);

  // --- Load ----------------------------------------------------------------------------------
  const bodies = Array.from({ length: WARMUP + BATCHES }, () => JSON.stringify(makeBatch(writeKey)));
  const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
  const post = async (body: string) => {
    const response = await fetch(`${base}/api/v1/batch`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json", "user-agent": "analytics-node-next/latest" },
      body,
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
  };

  await runPool(bodies.slice(0, WARMUP), CONCURRENCY, post);
  // CPU time of each side over the timed part (the machine is shared, so wall time alone cannot
  // say whose work a batch waits for): the app's process, the Postgres backends of the bench
  // database (the app's pool, kept open under load), and this process sending the load.
  const backends = async () =>
    (await admin.query("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'", [dbName])).rows.map((r) => r.pid as number);
  const cpuBefore = { app: processCpuMs(child.pid!), postgres: new Map((await backends()).map((pid) => [pid, processCpuMs(pid)])), client: process.cpuUsage() };
  // What the app's connections are doing, sampled every 25 ms during the run: running a statement
  // (on CPU, or waiting on a lock, I/O, WAL), in a transaction waiting for the app to send the
  // next statement, or idle in the pool.
  const states = new Map<string, number>();
  let sampling = true;
  let rounds = 0;
  const sampler = (async () => {
    while (sampling) {
      rounds += 1;
      const { rows } = await admin.query(
        `SELECT CASE WHEN state = 'active' THEN 'running: ' || coalesce(wait_event_type || ' ' || wait_event, 'CPU')
                     WHEN state = 'idle in transaction' THEN 'in transaction, waiting for the app'
                     ELSE state END AS what
         FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        [dbName],
      );
      for (const row of rows) states.set(row.what as string, (states.get(row.what as string) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const latencies: number[] = [];
  started = performance.now();
  await runPool(bodies.slice(WARMUP), CONCURRENCY, async (body) => {
    const t0 = performance.now();
    await post(body);
    latencies.push(performance.now() - t0);
  });
  const elapsed = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  const appCpu = processCpuMs(child.pid!) - cpuBefore.app;
  // A backend that opened during the run counts from zero (its start is inside the run).
  const postgresCpu = (await backends()).reduce((sum, pid) => sum + processCpuMs(pid) - (cpuBefore.postgres.get(pid) ?? 0), 0);
  const clientUsage = process.cpuUsage(cpuBefore.client);
  const clientCpu = (clientUsage.user + clientUsage.system) / 1000;

  // --- Checks --------------------------------------------------------------------------------
  const counts = async () => {
    const [row] = await queryRows<{ events: unknown; customers: unknown }>(
      db,
      sql`SELECT (SELECT count(*) FROM events WHERE workspace_id = ${workspaceId}) AS events,
                 (SELECT count(*) FROM customers WHERE workspace_id = ${workspaceId}) AS customers`,
    );
    return { events: toNumber(row.events), customers: toNumber(row.customers) };
  };
  const sent = bodies.length * BATCH_SIZE;
  const stored = await counts();
  await post(bodies[WARMUP + Math.floor(BATCHES / 2)]);
  const afterResend = await counts();

  const statements = await countStatements(db, workspaceId);

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const events = BATCHES * BATCH_SIZE;
  const checks = [
    [`stored events = sent: ${stored.events.toLocaleString("en-US")} of ${sent.toLocaleString("en-US")}`, stored.events === sent],
    [`re-sent batch added ${afterResend.events - stored.events} events, ${afterResend.customers - stored.customers} customers`,
      afterResend.events === stored.events && afterResend.customers === stored.customers],
  ] as const;

  console.log("");
  console.log(`Lumen ingest benchmark — POST /api/v1/batch via ${mode === "next" ? "next start" : "route-server (fallback)"}, pg driver, PostgreSQL ${version}`);
  console.log(`  ${CUSTOMERS.toLocaleString("en-US")} customers pre-created; ${BATCHES} batches × ${BATCH_SIZE} track events (${events.toLocaleString("en-US")} events, ~${Math.round(NEW_CUSTOMER_SHARE * 100)}% from new users), concurrency ${CONCURRENCY}, after ${WARMUP} warm-up batches`);
  console.log(`  events/s        ${Math.round(events / elapsed).toLocaleString("en-US")}`);
  console.log(`  batches/s       ${(BATCHES / elapsed).toFixed(1)}`);
  console.log(`  batch latency   p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`);
  console.log(`  elapsed         ${elapsed.toFixed(2)} s; customers now ${stored.customers.toLocaleString("en-US")}`);
  const perBatch = (ms: number) => `${(ms / BATCHES).toFixed(1)} ms`;
  console.log(`  CPU per batch   app ${perBatch(appCpu)}, Postgres backends ${perBatch(postgresCpu)}, load generator ${perBatch(clientCpu)} (of ${((elapsed * 1000) / BATCHES).toFixed(1)} ms wall per batch; ${CONCURRENCY} in flight)`);
  console.log(`  connections     on average (sampled every 25 ms): ${[...states].sort((a, b) => b[1] - a[1]).map(([what, n]) => `${what} ${(n / Math.max(1, rounds)).toFixed(1)}`).join(", ")}`);
  console.log(`  statements      ${statements} per ${BATCH_SIZE}-event batch inside the transaction (plus the key lookup, BEGIN, COMMIT)`);
  for (const [label, passed] of checks) console.log(`  ${passed ? "ok  " : "FAIL"}  ${label}`);
  return checks.every(([, passed]) => passed);
}

/** Statements one more batch costs, counted by the writer itself (the same code the endpoint runs). */
async function countStatements(db: import("@/db/client").Db, workspaceId: string): Promise<number> {
  const { ingestMessages } = await import("@/lib/ingest/ingest-messages");
  const { parseMessage } = await import("@/lib/ingest/segment-schema");
  const messages = makeBatch("").batch.map((m, i) => {
    const parsed = parseMessage(m, i);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return parsed.value;
  });
  return (await ingestMessages(db, workspaceId, messages)).statements;
}

// --- Realistic traffic ------------------------------------------------------------------------

const EVENT_NAMES = ["Product Viewed", "Product Added", "Checkout Started", "Order Completed", "Email Opened", "Email Link Clicked", "Signed In"];
const CATEGORIES = ["shoes", "shirts", "bags", "hats", "accessories"];
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];

function makeBatch(writeKey: string) {
  const now = Date.now();
  const batch = Array.from({ length: BATCH_SIZE }, () => {
    // Known users come back with the anonymousId they already have (from their device);
    // new ones are half anonymous visitors, half users signing up.
    const known = Math.random() >= NEW_CUSTOMER_SHARE;
    const n = 1 + Math.floor(Math.random() * CUSTOMERS);
    const userId = known ? `user-${n}` : Math.random() < 0.5 ? `new-${randomUUID()}` : undefined;
    const anonymousId = known ? (Math.random() < 0.5 ? `anon-${n}` : undefined) : randomUUID();
    const event = pick(EVENT_NAMES);
    const price = Math.round(Math.random() * 20_000) / 100;
    return {
      type: "track",
      ...(userId ? { userId } : {}),
      ...(anonymousId ? { anonymousId } : {}),
      event,
      properties: event.startsWith("Email")
        ? { campaign_id: `cmp_${Math.floor(Math.random() * 40)}`, subject: "Spring sale: 20% off everything", link: "https://shop.example.com/sale?utm_source=email" }
        : { product_id: `p_${Math.floor(Math.random() * 5000)}`, sku: `SKU-${Math.floor(Math.random() * 1e6)}`, category: pick(CATEGORIES), price, quantity: 1 + Math.floor(Math.random() * 3), currency: "USD", value: price },
      context: {
        library: { name: "@segment/analytics-node", version: "3.1.0" },
        ip: `10.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`,
        userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        page: { path: "/products", url: "https://shop.example.com/products", referrer: "https://www.google.com/" },
      },
      integrations: {},
      messageId: `node-next-${now}-${randomUUID()}`,
      timestamp: new Date(now - Math.floor(Math.random() * 30 * 86_400_000)).toISOString(),
      _metadata: { nodeVersion: process.version, jsRuntime: "node" },
    };
  });
  return { batch, writeKey, sentAt: new Date(now).toISOString() };
}

// --- Plumbing -----------------------------------------------------------------------------------

/** User + system CPU time of a local process so far, from /proc (Linux); 0 when it is gone or unreadable. */
function processCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

async function runPool<T>(items: T[], concurrency: number, worker: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await worker(items[next++]);
    }),
  );
}

/** The fallback server: the same route handlers, served without Next. */
async function serveRoutes(port: number) {
  const { startRouteServer } = await import("@/tests/helpers/route-server");
  const routes = {
    "/api/v1/identify": await import("@/app/api/v1/identify/route"),
    "/api/v1/track": await import("@/app/api/v1/track/route"),
    "/api/v1/page": await import("@/app/api/v1/page/route"),
    "/api/v1/batch": await import("@/app/api/v1/batch/route"),
  };
  await startRouteServer(routes, { port, onError: (error) => console.error(error) });
  console.log(`route-server listening on ${port}`);
}







// Last, so every declaration above is initialised before it runs.
if (process.argv[2] === "--serve-routes") {
  await serveRoutes(Number(process.argv[3]));
} else {
  await withCleanups(run);
}
