// CSV import into a manual segment at benchmark size, against a real Postgres:
//
//   BENCH_DATABASE_URL=postgres://… flock /tmp/lumen-heavy.lock npm run bench:import
//
// Data: a copy (BENCH_IMPORT_DB, default `lumen_bench_import`) of the engine benchmark's
// database `lumen_bench_segments_1000000_10000000` (1M customers; `npm run bench:segments`
// seeds it), migrated to this branch's schema; the template itself is never migrated.
// BENCH_FRESH=1 rebuilds the copy.
//
// The file: BENCH_IMPORT_ROWS (default 1,000,000) rows of the workspace's customers' emails
// plus three attribute columns (plan, city, score), with new values so every customer's
// attributes really change. It goes through the code the upload page runs: a child process
// (bench/import-parse.ts, the browser's part) streams the file from disk through the upload
// worker's stageFileInBatches (papaparse, toStagedRow, batches of ≤ 20,000 rows / 3 MB, two in
// flight); this process, the server, runs per batch what POST /api/imports/{id}/rows runs (JSON,
// stageRowsSchema, stageImportRows), then applyImport (the apply action's / background job's
// function), into a new, empty manual segment. BENCH_IMPORT_REUPLOAD=1 uploads the file a second
// time, which must change nothing.
// Reported: total, rows/s, each phase, peak RSS of the server process and of the parsing
// process, and `COPY` of the same file into a bare table on the same server for the ratio.
import { spawn } from "node:child_process";
import { writeFileSync, chmodSync, statSync, openSync, writeSync, closeSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { allowServerOnly, openSegmentsBenchCopy, log, stopProcess, withCleanups } from "./support";

allowServerOnly();

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const FILE = process.env.BENCH_IMPORT_FILE ?? `/tmp/lumen-bench-import-${ROWS}.csv`;

await withCleanups(async (cleanups) => {
  const { sql } = await import("drizzle-orm");
  const { queryRows, toNumber } = await import("@/db/client");
  const { startImport } = await import("@/lib/csv-import/start-import");
  const { stageImportRows } = await import("@/lib/csv-import/stage-import-rows");
  const { applyImport } = await import("@/lib/csv-import/apply-import");
  const { stageRowsSchema } = await import("@/lib/csv-import/import-schemas");
  // The apply sends job events after it commits (dependent segments, data stores), as the server does.
  const { registerJobs } = await import("@/lib/jobs/send-job-event");
  registerJobs(async () => (await import("@/inngest")).jobs);

  const dbName = process.env.BENCH_IMPORT_DB ?? "lumen_bench_import";
  const { db, version, ws, customers } = await openSegmentsBenchCopy(cleanups, dbName);

  // --- The file (harness, untimed): customers' emails in a shuffled order, three new attribute values.
  const run = randomUUID().slice(0, 8);
  log(`writing ${ROWS.toLocaleString("en-US")} rows to ${FILE}…`);
  const fd = openSync(FILE, "w");
  writeSync(fd, "Email,Plan,City,Score\n");
  let written = 0;
  let after = -1;
  while (written < ROWS) {
    const rows = await queryRows<{ id: unknown; email: string }>(
      db,
      sql`SELECT id, email FROM customers WHERE workspace_id = ${ws} AND id > ${after} AND email IS NOT NULL ORDER BY id LIMIT 100000`,
    );
    if (rows.length === 0) break;
    after = toNumber(rows[rows.length - 1].id);
    let chunk = "";
    for (const r of rows) {
      if (written >= ROWS) break;
      chunk += `${r.email},${["pro", "team", "enterprise"][written % 3]}-${run},"City ${written % 997}, DE",${written % 1000}\n`;
      written++;
    }
    writeSync(fd, chunk);
  }
  closeSync(fd);
  chmodSync(FILE, 0o644);
  const bytes = statSync(FILE).size;
  log(`file: ${written.toLocaleString("en-US")} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB`);

  // --- COPY of the same file into a bare table: the floor for getting these rows into Postgres.
  await db.execute(sql`DROP TABLE IF EXISTS bench_import_copy`);
  await db.execute(sql`CREATE UNLOGGED TABLE bench_import_copy (email text, plan text, city text, score text)`);
  const started = performance.now();
  await db.execute(sql.raw(`COPY bench_import_copy FROM '${FILE}' WITH (FORMAT csv, HEADER true)`));
  const copyMs = performance.now() - started;
  await db.execute(sql`DROP TABLE bench_import_copy`);
  log(`COPY into a bare table: ${(copyMs / 1000).toFixed(2)} s`);

  // --- The import, through the upload page's code path ------------------------------------------
  const [segment] = await queryRows<{ public_id: string; id: unknown }>(
    db,
    sql`INSERT INTO segments (workspace_id, public_id, name, type, compute_status) VALUES (${ws}, ${`seg_benchimport${run}`}, ${`Bench import ${run}`}, 'manual', 'ready') RETURNING public_id, id`,
  );
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  cleanups.push(() => clearInterval(sampler));

  // One upload of the file, as the upload page runs it: start, stage the batches, apply.
  const uploadAndApply = async () => {
    const totalStarted = performance.now();
    const { importId } = await startImport(
      db,
      ws,
      { segmentId: segment.public_id, direction: "add", identifierKind: "email", createUnknown: false, fileName: "bench.csv", fileSize: bytes, attributeKeys: ["plan", "city", "score"] },
      { actorUserId: null },
    );
    // The browser's side runs in a child process (bench/import-parse.ts): it streams the file
    // through the upload worker's code and sends batches; this process is the server, and runs
    // for each batch what POST /api/imports/{id}/rows runs: the body's JSON and schema check, then
    // stageImportRows. The child keeps BATCHES_IN_FLIGHT batches on their way, as the worker does.
    let batches = 0;
    let stageMs = 0;
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "bench/import-parse.ts", FILE], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    cleanups.push(() => stopProcess(child));
    const parsed = await new Promise<{ rows: number; batches: number; parseAndSendMs: number; peakRss: number }>((resolve, reject) => {
      child.on("exit", (code) => code !== 0 && reject(new Error(`the parsing process exited with code ${code}`)));
      child.on("message", (m: { id: number; body: string } | { done: true; rows: number; batches: number; parseAndSendMs: number; peakRss: number }) => {
        if ("done" in m) return resolve(m);
        void (async () => {
          try {
            const t = performance.now();
            const body = stageRowsSchema.parse(JSON.parse(m.body));
            await stageImportRows(db, ws, importId, body.rows);
            stageMs += performance.now() - t;
            batches++;
            child.send({ ack: m.id });
          } catch (error) {
            child.send({ ack: m.id, error: String(error) });
            reject(error);
          }
        })();
      });
    });
    const uploadMs = performance.now() - started;
    const applyStarted = performance.now();
    const timings: Record<string, number> = {};
    const report = await applyImport(db, ws, importId, { actorUserId: null, timings });
    const applyMs = performance.now() - applyStarted;
    return { totalMs: performance.now() - totalStarted, uploadMs, stageMs, batches, parsed, applyMs, timings, report };
  };
  const first = await uploadAndApply();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const { totalMs, uploadMs, stageMs, batches, parsed, applyMs, timings, report } = first;
  const members = toNumber((await queryRows<{ n: unknown }>(db, sql`SELECT member_count AS n FROM segments WHERE id = ${toNumber(segment.id)}`))[0].n);
  const sum = report.added + report.created + report.alreadyMembers + report.skipped;
  let ok = report.rowsRead === written && sum === report.rowsRead && members === report.added + report.created;

  const lines = [
    `bench:import — Postgres ${version}, workspace of ${customers.toLocaleString("en-US")} customers, ${written.toLocaleString("en-US")}-row CSV (${(bytes / 1024 / 1024).toFixed(1)} MB, email + 3 attributes)`,
    `  total (parse + stage + apply): ${(totalMs / 1000).toFixed(1)} s → ${Math.round(written / (totalMs / 1000)).toLocaleString("en-US")} rows/s   [target ≤ 60 s]`,
    `  parse + stage: ${(uploadMs / 1000).toFixed(1)} s (${batches} batches, ${parsed.rows.toLocaleString("en-US")} rows; server time per batch summed ${(stageMs / 1000).toFixed(1)} s; batches overlap the parse)`,
    `  apply (one transaction): ${(applyMs / 1000).toFixed(1)} s   COPY of the file into a bare table: ${(copyMs / 1000).toFixed(2)} s   ratio ${(applyMs / copyMs).toFixed(1)}× [target ≤ 3×]`,
    `  apply phases (ms): ${JSON.stringify(timings)}`,
    `  peak RSS of the server process (staging + apply): ${Math.round(peakRss / 1024 / 1024)} MB [target ≤ 500 MB]; of the parsing process (the browser's part): ${Math.round(parsed.peakRss / 1024 / 1024)} MB`,
    `  report: ${JSON.stringify(report)}`,
    `  member_count ${members.toLocaleString("en-US")}; counts add up: ${sum === report.rowsRead}`,
  ];
  // BENCH_IMPORT_REUPLOAD=1: the same file again must change nothing (and says what that costs).
  if (process.env.BENCH_IMPORT_REUPLOAD) {
    const again = await uploadAndApply();
    const r = again.report;
    const unchanged = r.added === 0 && r.created === 0 && r.attributesUpdated === 0 && r.alreadyMembers === report.added;
    ok &&= unchanged;
    lines.push(
      `  re-upload of the same file: total ${(again.totalMs / 1000).toFixed(1)} s (parse + stage ${(again.uploadMs / 1000).toFixed(1)} s, apply ${(again.applyMs / 1000).toFixed(1)} s ${JSON.stringify(again.timings)}); changed nothing: ${unchanged}`,
      `  re-upload report: ${JSON.stringify(r)}`,
    );
  }
  for (const l of lines) console.log(l);
  writeFileSync("/tmp/lumen-bench-import.txt", `${lines.join("\n")}\n`);
  // The benchmark's own segment and import go; the copy of the database stays for the next run.
  await db.execute(sql`DELETE FROM segments WHERE id = ${toNumber(segment.id)}`);
  if (!process.env.BENCH_KEEP_FILE) rmSync(FILE, { force: true });
  return ok;
});
