// Fills a workspace with realistic generated customers and events (set-based SQL, in chunks).
//   npm run db:seed -- --customers 1000000 --events 10000000 [--workspace <uuid>] [--days 90] [--seed 42] [--concurrency 2]
// Migrates first. Uses DATABASE_URL when set, otherwise the embedded PGlite database in
// LUMEN_DATA_DIR / .data/pglite (stop `npm run dev` first: PGlite allows one process per directory).
import { parseArgs } from "node:util";
import { allowServerOnlyImports } from "./script-setup";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "1000" },
    events: { type: "string", default: "10000" },
    workspace: { type: "string" },
    days: { type: "string", default: "90" },
    seed: { type: "string" },
    concurrency: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log("Usage: npm run db:seed -- --customers N --events M [--workspace <uuid>] [--days 90] [--seed S] [--concurrency C]");
  process.exit(0);
}
const customers = wholeNumber("customers", values.customers);
const events = wholeNumber("events", values.events);
const days = Number(values.days);
if (!(days > 0)) fail("--days must be a positive number");
const seed = values.seed === undefined ? undefined : wholeNumber("seed", values.seed);
const concurrencyArg = values.concurrency === undefined ? undefined : wholeNumber("concurrency", values.concurrency);

allowServerOnlyImports();
const { dbConfigFromEnv, migrateDb, openDb, queryRows } = await import("@/db/client");
const { workspaces } = await import("@/db/schema");
const { generateCustomersAndEvents } = await import("@/lib/demo/generate-demo-data");
const { eq, sql } = await import("drizzle-orm");

const config = dbConfigFromEnv();
// Two chunks at a time on a server (one per core here); PGlite has a single connection.
const concurrency = Math.max(1, concurrencyArg ?? (config.driver === "pglite" ? 1 : 2));
const handle = await openDb(config);
const fmt = (n: number) => n.toLocaleString("en-US");
try {
  await migrateDb(handle);
  const db = handle.db;
  let workspaceId = values.workspace;
  if (workspaceId) {
    const found = await queryRows<{ id: string }>(db, sql`SELECT id FROM workspaces WHERE id::text = ${workspaceId}`);
    if (found.length === 0) fail(`No workspace with id ${workspaceId}`);
  } else {
    const [row] = await db.insert(workspaces).values({ name: "Seeded workspace" }).returning({ id: workspaces.id });
    workspaceId = row.id;
  }
  const [{ name }] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  console.log(
    `Seeding ${fmt(customers)} customers and ${fmt(events)} events over ${days} days into "${name}" (${workspaceId}) ` +
      `on ${config.driver}, ${concurrency} chunk${concurrency > 1 ? "s" : ""} at a time`,
  );

  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const result = await generateCustomersAndEvents(db, workspaceId, {
    customers,
    events,
    days,
    seed,
    concurrency,
    onProgress: (p) =>
      console.log(`  customers ${fmt(p.customersDone)}/${fmt(p.customers)} · events ${fmt(p.eventsDone)}/${fmt(p.events)} · ${elapsed()}`),
  });
  const generatedIn = (performance.now() - started) / 1000;
  const analyzeStarted = performance.now();
  await db.execute(sql`ANALYZE customers, events`);
  const rows = result.customers + result.events;
  console.log(
    `Done: ${fmt(result.customers)} customers, ${fmt(result.events)} events ` +
      `in ${generatedIn.toFixed(1)} s (+ ANALYZE ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s) — ` +
      `${fmt(Math.round(rows / generatedIn))} rows/s (${fmt(Math.round((result.customers + result.events) / generatedIn))} customers+events/s)`,
  );
  console.log(
    `Slowest statement: ${(result.slowestCustomerStatementMs / 1000).toFixed(1)} s (customers), ${(result.slowestEventStatementMs / 1000).toFixed(1)} s (events)`,
  );
  console.log(`Workspace: ${workspaceId}`);
} finally {
  await handle.close();
}

function wholeNumber(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number ≥ 0 (got ${value})`);
  return n;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
