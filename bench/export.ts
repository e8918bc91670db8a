// Export of a large segment to CSV, against a real Postgres:
//
//   flock /tmp/lumen-heavy.lock npm run bench:export
//
// Data: BENCH_EXPORT_CUSTOMERS (1,000,000) customers with realistic profiles in database
// `lumen_bench_export_<customers>` (its own database: this branch adds tables, so the shared
// segment-bench database is never migrated), and a manual segment whose members are all of
// them. Kept between runs (BENCH_FRESH=1 seeds again). Postgres: BENCH_DATABASE_URL or
// TEST_DATABASE_URL, else a throwaway server stopped at the end.
//
// Runs the real export job (the same handler Inngest runs, here in the embedded runner: snapshot,
// keyset chunks, stored parts, the email with a signed link to the dev outbox) with six columns,
// and prints total time, rows/s, each phase, peak memory of this process, and — for the ratio —
// `COPY (SELECT …) TO STDOUT` of the same rows and columns with psql.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { allowServerOnly, log, postgresServerUrl, seconds, withCleanups, withDatabase } from "./support";

allowServerOnly();

const CUSTOMERS = process.env.BENCH_EXPORT_CUSTOMERS ? Number(process.env.BENCH_EXPORT_CUSTOMERS) : 1_000_000;
const COLUMNS = ["email", "external_id", "name", "country", "created_at", "entered_at"];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

await withCleanups(async (cleanups) => {
  const { default: pg } = await import("pg");
  const serverUrl = await postgresServerUrl(cleanups);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  cleanups.push(() => admin.end());
  const dbName = `lumen_bench_export_${CUSTOMERS}`;
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName])).rowCount === 1;
  if (exists && process.env.BENCH_FRESH) await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  if (!exists || process.env.BENCH_FRESH) await admin.query(`CREATE DATABASE ${dbName}`);
  const databaseUrl = withDatabase(serverUrl, dbName);
  // The app's getDb() (used by the job and the email layer) opens this database.
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET ??= "bench-export-secret";
  // No Resend here: the email (a signed link at this size) goes to the dev outbox, as on the embedded default.
  process.env.LUMEN_DEV_OUTBOX = "1";

  const { sql } = await import("drizzle-orm");
  const { getDbHandle, migrateDb, queryRows, toNumber } = await import("@/db/client");
  const { requestSegmentExport } = await import("@/lib/exports/request-segment-export");
  const { exportSegment } = await import("@/inngest/functions/export-segment");
  const { EmbeddedRunner } = await import("@/lib/jobs/embedded-runner");
  const handle = await getDbHandle();
  cleanups.push(() => handle.close());
  const db = handle.db;
  await migrateDb(handle);
  const version = (await admin.query("SHOW server_version")).rows[0].server_version as string;

  // --- Data: customers and a segment of all of them (seeded once) -------------------------------
  let [workspace] = await queryRows<{ id: string; segment_id: unknown; public_id: string; n: unknown }>(
    db,
    sql`SELECT w.id, s.id AS segment_id, s.public_id, s.member_count AS n FROM workspaces w JOIN segments s ON s.workspace_id = w.id
        WHERE w.name = 'Bench export' AND s.name = 'Everyone' LIMIT 1`,
  );
  if (!workspace || toNumber(workspace.n) !== CUSTOMERS) {
    await db.execute(sql`DELETE FROM workspaces WHERE name = 'Bench export'`);
    log(`seeding ${CUSTOMERS.toLocaleString("en-US")} customers and a segment of all of them into ${dbName}…`);
    const started = performance.now();
    const [w] = await queryRows<{ id: string }>(db, sql`INSERT INTO workspaces (name) VALUES ('Bench export') RETURNING id`);
    // Realistic text: names with accents and commas, a few formula-like values the guard must catch.
    await db.execute(sql`
      INSERT INTO customers (workspace_id, external_id, email, attributes, country, region, city, created_at, updated_at)
      SELECT ${w.id}::uuid, 'ext_' || g, 'customer' || g || '@example.com',
             jsonb_build_object('first_name', (ARRAY['Zoë','José','Anna','Li','Ömer','Sam'])[1 + g % 6],
                                'last_name', (ARRAY['Smith','Müller, Jr.','Tanaka','O''Brien','=Evil()','García'])[1 + (g / 7) % 6],
                                'plan', (ARRAY['free','pro','enterprise'])[1 + g % 3], 'ltv', (g % 1000) - 100),
             (ARRAY['US','GB','DE','FR','SE','JP','BR','IN','CA','AU'])[1 + g % 10], 'Region ' || (g % 50), 'City ' || (g % 500),
             now() - (g % 900) * interval '1 day', now()
      FROM generate_series(1, ${CUSTOMERS}) AS g`);
    const [s] = await queryRows<{ id: unknown; public_id: string }>(
      db,
      sql`INSERT INTO segments (public_id, workspace_id, name, type, member_count) VALUES ('seg_bench_export', ${w.id}::uuid, 'Everyone', 'manual', ${CUSTOMERS}) RETURNING id, public_id`,
    );
    await db.execute(sql`INSERT INTO segment_members (segment_id, customer_id, entered_at, source)
                         SELECT ${toNumber(s.id)}::bigint, id, created_at + interval '1 hour', 'selection' FROM customers WHERE workspace_id = ${w.id}::uuid`);
    await db.execute(sql`ANALYZE customers; ANALYZE segment_members`);
    workspace = { id: w.id, segment_id: s.id, public_id: s.public_id, n: CUSTOMERS };
    log(`seeded in ${seconds(started)}`);
  }
  const workspaceId = workspace.id;
  const segmentId = toNumber(workspace.segment_id);
  const [user] = await queryRows<{ id: string; email: string }>(
    db,
    sql`INSERT INTO users (id, email, name) VALUES (gen_random_uuid()::text, 'bench-export@example.com', 'Bench') ON CONFLICT (email) DO UPDATE SET name = 'Bench' RETURNING id, email`,
  );
  await db.execute(sql`INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (${workspaceId}::uuid, ${user.id}, 'member') ON CONFLICT DO NOTHING`);
  // Earlier runs' exports would count against the hourly limit; their files are not needed.
  await db.execute(sql`DELETE FROM exports WHERE workspace_id = ${workspaceId}::uuid`);

  // --- The export job ---------------------------------------------------------------------------
  const { exportId } = await requestSegmentExport(db, workspaceId, { segmentPublicId: workspace.public_id, columns: COLUMNS, recipientEmail: user.email }, { actorUserId: user.id });
  const phases: { id: string; ms: number }[] = [];
  // The same job, its steps timed one by one.
  const job = { ...exportSegment, handler: (ctx: Parameters<typeof exportSegment.handler>[0]) =>
    exportSegment.handler({ ...ctx, step: { ...ctx.step, run: async (id, fn) => { const t0 = performance.now(); const r = await ctx.step.run(id, fn); phases.push({ id, ms: performance.now() - t0 }); return r; } } }) };
  const timedRunner = new EmbeddedRunner([job], { retryBaseMs: 100 });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const started = performance.now();
  timedRunner.send({ name: "exports/segment.requested", data: { workspaceId, exportId } });
  await timedRunner.idle();
  const totalMs = performance.now() - started;
  clearInterval(sampler);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  if (timedRunner.runs[0]?.status !== "completed") throw new Error(`export job ${timedRunner.runs[0]?.status}: ${timedRunner.runs[0]?.error}`);
  const [row] = await queryRows<{ status: string; rows_written: unknown; byte_size: unknown; delivery: string }>(
    db,
    sql`SELECT status, rows_written, byte_size, delivery FROM exports WHERE id = ${exportId}::uuid`,
  );
  const rows = toNumber(row.rows_written);
  if (rows !== CUSTOMERS || row.status !== "sent") throw new Error(`export wrote ${rows} rows, status ${row.status}`);

  // --- COPY of the same rows and columns, for the ratio -----------------------------------------
  const copySql = `COPY (SELECT c.email, c.external_id,
      coalesce(nullif(trim(c.attributes ->> 'name'), ''), nullif(trim(concat_ws(' ', c.attributes ->> 'first_name', c.attributes ->> 'last_name')), ''), nullif(trim(concat_ws(' ', c.attributes ->> 'firstName', c.attributes ->> 'lastName')), '')),
      c.country, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), to_char(m.entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    FROM segment_members m JOIN customers c ON c.id = m.customer_id AND c.workspace_id = '${workspaceId}'
    WHERE m.segment_id = ${segmentId} ORDER BY m.customer_id) TO STDOUT WITH (FORMAT csv, HEADER)`;
  const copyRuns: number[] = [];
  let copyBytes = 0;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    copyBytes = await new Promise<number>((resolve, reject) => {
      const child = spawn("psql", [databaseUrl, "-X", "-q", "-c", copySql], { stdio: ["ignore", "pipe", "inherit"] });
      let bytes = 0;
      child.stdout.on("data", (c: Buffer) => (bytes += c.length));
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve(bytes) : reject(new Error(`psql exited with ${code}`))));
    });
    copyRuns.push(performance.now() - t0);
  }
  const copyMs = Math.min(...copyRuns);

  const byPhase = (prefix: string) => phases.filter((p) => p.id.startsWith(prefix)).reduce((s, p) => s + p.ms, 0);
  const chunks = phases.filter((p) => p.id.startsWith("chunk-"));
  const slowest = Math.max(...chunks.map((c) => c.ms));
  const report = [
    `Export benchmark — PostgreSQL ${version}, ${rows.toLocaleString("en-US")} members, ${COLUMNS.length} columns (${COLUMNS.join(", ")})`,
    `  export job total        ${(totalMs / 1000).toFixed(2)} s   (${Math.round(rows / (totalMs / 1000)).toLocaleString("en-US")} rows/s)`,
    `    snapshot              ${(byPhase("snapshot") / 1000).toFixed(2)} s`,
    `    ${chunks.length} chunks              ${(byPhase("chunk-") / 1000).toFixed(2)} s   (slowest ${(slowest / 1000).toFixed(2)} s)`,
    `    finish-build          ${(byPhase("finish-build") / 1000).toFixed(2)} s`,
    `    send-email (${row.delivery})   ${(byPhase("send-email") / 1000).toFixed(2)} s`,
    `  file                    ${mb(toNumber(row.byte_size))}`,
    `  psql COPY TO STDOUT     ${(copyMs / 1000).toFixed(2)} s   (${mb(copyBytes)}; best of ${copyRuns.length}: ${copyRuns.map((m) => (m / 1000).toFixed(2)).join(", ")} s)`,
    `  ratio export / COPY     ${(totalMs / copyMs).toFixed(2)} ×`,
    `  memory                  peak RSS ${mb(Math.max(peakRss, maxRss))} (before the job ${mb(rssBefore)}), peak heap ${mb(peakHeap)}`,
    `  targets                 ≤ 10 s: ${totalMs <= 10_000 ? "met" : "NOT met"}; ≤ 2 × COPY: ${totalMs <= 2 * copyMs ? "met" : "NOT met"}; ≤ 300 MB: ${Math.max(peakRss, maxRss) <= 300 * 1024 * 1024 ? "met" : "NOT met"}`,
  ].join("\n");
  console.log(`\n${report}`);
  if (process.env.BENCH_REPORT) fs.writeFileSync(process.env.BENCH_REPORT, `${report}\n`);
  return true;
});
