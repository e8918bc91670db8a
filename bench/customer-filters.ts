// The Customers tab's filters at size: EXPLAIN ANALYZE of the first page and of the
// "select all matching" count for each filter, on the database the environment points to
// (DATABASE_URL, else the PGlite directory LUMEN_DATA_DIR / .data/pglite), in its largest
// workspace. Seed one first, e.g.:
//
//   LUMEN_DATA_DIR=/tmp/lumen-filters npm run db:seed -- --customers 200000 --events 0
//   LUMEN_DATA_DIR=/tmp/lumen-filters flock /tmp/lumen-heavy.lock npx tsx bench/customer-filters.ts
//
// A manual segment holding every 10th customer is created (once) for the segment filters.
// BENCH_APPLY=1 also times adding two "all matching" sets to new manual segments.
import { allowServerOnlyImports } from "../scripts/script-setup";

allowServerOnlyImports();
const { getDbHandle, migrateDb, queryRows, toNumber } = await import("@/db/client");
const { sql } = await import("drizzle-orm");
const { compileCustomerFilters, matchingCustomerIdsSql } = await import("@/lib/customers/customer-filter-sql");
const { customerFiltersSchema } = await import("@/lib/customers/customer-filters");
const { listCustomers } = await import("@/lib/customers/list-customers");

// The process-wide handle (PGlite is migrated on open): background jobs run with BENCH_APPLY use it too.
const handle = await getDbHandle();
try {
  if (handle.driver !== "pglite") await migrateDb(handle);
  const db = handle.db;
  const [ws] = await queryRows<{ workspace_id: string; n: unknown }>(
    db,
    sql`SELECT workspace_id, count(*) AS n FROM customers GROUP BY workspace_id ORDER BY count(*) DESC LIMIT 1`,
  );
  const workspaceId = ws.workspace_id;
  console.log(`workspace ${workspaceId}: ${toNumber(ws.n).toLocaleString("en-US")} customers`);
  let [segment] = await queryRows<{ public_id: string }>(db, sql`SELECT public_id FROM segments WHERE workspace_id = ${workspaceId} AND name = 'bench-filters'`);
  if (!segment) {
    [segment] = await queryRows<{ public_id: string }>(
      db,
      sql`WITH s AS (INSERT INTO segments (public_id, workspace_id, name, type) VALUES ('seg_benchfilters', ${workspaceId}, 'bench-filters', 'manual') RETURNING id, public_id),
          m AS (INSERT INTO segment_members (segment_id, customer_id, source, sources) SELECT s.id, c.id, 'selection', 2 FROM s, customers c WHERE c.workspace_id = ${workspaceId} AND c.id % 10 = 0)
          SELECT public_id FROM s`,
    );
  }
  await queryRows(db, sql`ANALYZE`);
  const [sample] = await queryRows<{ country: string; plan: string }>(
    db,
    sql`SELECT country, attributes ->> 'plan' AS plan FROM customers WHERE workspace_id = ${workspaceId} AND country IS NOT NULL AND attributes ? 'plan' LIMIT 1`,
  );
  const cases: Record<string, Record<string, string>> = {
    none: {},
    country: { country: sample?.country ?? "DE" },
    "seen within 7 days": { seen: "within", days: "7" },
    "seen over 60 days": { seen: "over", days: "60" },
    "attribute plan": { attr: "plan", value: sample?.plan ?? "pro" },
    "in segment": { segment: segment.public_id },
    "not in segment": { segment: segment.public_id, segmentOp: "not_in" },
    "country + seen + not in segment": { country: sample?.country ?? "DE", seen: "within", days: "30", segment: segment.public_id, segmentOp: "not_in" },
  };
  for (const [name, raw] of Object.entries(cases)) {
    const compiled = await compileCustomerFilters(db, workspaceId, customerFiltersSchema.parse(raw));
    const where = sql.join([sql`c.workspace_id = ${workspaceId}`, ...compiled.where], sql` and `);
    const started = performance.now();
    await listCustomers(db, workspaceId, { filters: compiled, limit: 50 });
    const pageMs = performance.now() - started;
    const pagePlan = await queryRows<{ "QUERY PLAN": string }>(db, sql`EXPLAIN (ANALYZE, COSTS OFF) select c.id from customers c where ${where} order by c.id desc limit 51`);
    const countPlan = await queryRows<{ "QUERY PLAN": string }>(
      db,
      sql`EXPLAIN (ANALYZE, COSTS OFF) select count(*) from (${matchingCustomerIdsSql(workspaceId, compiled)}) s`,
    );
    console.log(`\n=== ${name}: first page ${pageMs.toFixed(1)} ms`);
    console.log(pagePlan.map((r) => `  ${r["QUERY PLAN"]}`).join("\n"));
    console.log(`--- count (select all matching)`);
    console.log(countPlan.map((r) => `  ${r["QUERY PLAN"]}`).join("\n"));
  }
  // BENCH_APPLY=1: also add "all matching" sets to a fresh manual segment through the same
  // code the job and the action run (one set-based statement through the membership module).
  if (process.env.BENCH_APPLY) {
    const { changePickedCustomers } = await import("@/lib/segments/membership/change-picked-customers");
    const { registerJobs, getEmbeddedRunner } = await import("@/lib/jobs/send-job-event");
    // The change queues the re-evaluation of dependent segments: run it in process, as the app does.
    registerJobs(async () => (await import("@/inngest")).jobs);
    for (const [name, raw] of Object.entries({ country: cases.country, "not in segment": cases["not in segment"] })) {
      const publicId = `seg_benchapply${Date.now().toString(36)}`;
      await queryRows(db, sql`INSERT INTO segments (public_id, workspace_id, name, type) VALUES (${publicId}, ${workspaceId}, ${`bench-apply ${name}`}, 'manual')`);
      const started = performance.now();
      const { result } = await changePickedCustomers(db, workspaceId, publicId, "add", { kind: "matching", filters: customerFiltersSchema.parse(raw) }, { actorUserId: null });
      const ms = performance.now() - started;
      await (await getEmbeddedRunner()).idle();
      console.log(`\n=== apply "${name}": ${result.changed.toLocaleString("en-US")} added in ${(ms / 1000).toFixed(1)} s (${Math.round(result.changed / (ms / 1000)).toLocaleString("en-US")} rows/s)`);
    }
    (await getEmbeddedRunner()).stop();
  }
} finally {
  await handle.close();
}
