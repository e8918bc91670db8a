// A data store's CSV upload at benchmark size, against a real Postgres:
//
//   BENCH_DATABASE_URL=postgres://… flock /tmp/lumen-heavy.lock npm run bench:data-store-import
//
// In its own database (BENCH_DS_IMPORT_DB, default `lumen_bench_ds_import`, recreated each run):
// a workspace of BENCH_DS_IMPORT_ROWS (default 1,000,000) customers, a data store by email and a
// manual segment linked to it. The file: one record per customer (Record ID, email, plan, note).
// It goes through the upload page's code: stageFileInBatches (the worker's parse and batching,
// here in this process), each batch through what POST /api/imports/{id}/rows runs (JSON,
// stageRowsSchema, stageImportRows), then applyDataStoreImport (the apply action's / job's
// function); then the linked segment's sync job, run by the in-process runner, until idle. The same
// file is then uploaded again, which must change nothing.
// Reported: parse + stage, apply, sync, peak RSS of this process (parse and server together).
import { writeFileSync, openSync, writeSync, closeSync, rmSync, openAsBlob } from "node:fs";
import { allowServerOnly, log, postgresServerUrl, withCleanups, withDatabase } from "./support";

allowServerOnly();

const ROWS = Number(process.env.BENCH_DS_IMPORT_ROWS ?? 1_000_000);
const FILE = `/tmp/lumen-bench-ds-import-${ROWS}.csv`;
const DB_NAME = process.env.BENCH_DS_IMPORT_DB ?? "lumen_bench_ds_import";

await withCleanups(async (cleanups) => {
  const { default: pg } = await import("pg");
  const { sql } = await import("drizzle-orm");
  const serverUrl = await postgresServerUrl(cleanups);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  cleanups.push(() => admin.end());
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  process.env.DATABASE_URL = withDatabase(serverUrl, DB_NAME);
  process.env.DATABASE_DRIVER = "pg";
  const { getDbHandle, migrateDb, queryRows, toNumber } = await import("@/db/client");
  const handle = await getDbHandle();
  cleanups.push(() => handle.close());
  await migrateDb(handle);
  const db = handle.db;
  const version = (await admin.query("SHOW server_version")).rows[0].server_version as string;
  const { registerJobs, getEmbeddedRunner } = await import("@/lib/jobs/send-job-event");
  registerJobs(async () => (await import("@/inngest")).jobs);
  const { createDataStore } = await import("@/lib/data-stores/create-data-store");
  const { linkDataStore } = await import("@/lib/data-stores/link-data-store");
  const { startDataStoreImport } = await import("@/lib/data-stores/start-data-store-import");
  const { applyDataStoreImport } = await import("@/lib/data-stores/apply-data-store-import");
  const { CUSTOMER_CELL } = await import("@/lib/data-stores/record-csv");
  const { stageFileInBatches } = await import("@/lib/csv-import/stage-file-in-batches");
  const { stageImportRows } = await import("@/lib/csv-import/stage-import-rows");
  const { stageRowsSchema } = await import("@/lib/csv-import/import-schemas");

  // --- Harness (untimed): workspace, customers, store, linked segment, the file.
  const [{ id: ws }] = await queryRows<{ id: string }>(db, sql`INSERT INTO workspaces (name) VALUES ('Bench data store import') RETURNING id`);
  await db.execute(sql`INSERT INTO customers (workspace_id, email) SELECT ${ws}::uuid, 'c' || g || '@example.com' FROM generate_series(1, ${ROWS}::int) g`);
  await db.execute(sql`ANALYZE customers`);
  const store = await createDataStore(db, ws, { name: "Subscriptions", identifierKind: "email" }, { actorUserId: null });
  const [segment] = await queryRows<{ id: unknown; public_id: string }>(
    db,
    sql`INSERT INTO segments (workspace_id, public_id, name, type, compute_status) VALUES (${ws}::uuid, 'seg_benchds', 'Subscribers', 'manual', 'ready') RETURNING id, public_id`,
  );
  await linkDataStore(db, ws, { segmentPublicId: segment.public_id, dataStorePublicId: store.publicId, filter: { field: "plan", operator: "in", values: ["pro", "team"] } }, { actorUserId: null });
  await (await getEmbeddedRunner()).idle();
  log(`writing ${ROWS.toLocaleString("en-US")} rows to ${FILE}…`);
  const fd = openSync(FILE, "w");
  writeSync(fd, "Record ID,Email,Plan,Note\n");
  for (let from = 1; from <= ROWS; from += 100_000) {
    let chunk = "";
    for (let i = from; i < Math.min(from + 100_000, ROWS + 1); i++) chunk += `sub-${i},C${i}@Example.com,${["pro", "team", "free"][i % 3]},"note ${i % 997}, seen"\n`;
    writeSync(fd, chunk);
  }
  closeSync(fd);
  cleanups.push(() => rmSync(FILE, { force: true }));

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  cleanups.push(() => clearInterval(sampler));

  const upload = async () => {
    const blob = await openAsBlob(FILE);
    const t0 = performance.now();
    const { importId } = await startDataStoreImport(db, ws, { dataStoreId: store.publicId, fileName: "bench.csv", fileSize: blob.size, fieldNames: ["plan", "note"] }, { actorUserId: null });
    const { batches } = await stageFileInBatches(
      blob,
      { encoding: "utf-8", hasHeader: true, identifierIndex: 0, attributes: [{ index: 1, key: CUSTOMER_CELL }, { index: 2, key: "plan" }, { index: 3, key: "note" }] },
      async (rows) => {
        const body = stageRowsSchema.parse(JSON.parse(JSON.stringify({ rows })));
        await stageImportRows(db, ws, importId, body.rows);
      },
    );
    const t1 = performance.now();
    const report = await applyDataStoreImport(db, ws, importId, { actorUserId: null });
    const t2 = performance.now();
    await (await getEmbeddedRunner()).idle();
    const t3 = performance.now();
    return { batches, report, stageMs: t1 - t0, applyMs: t2 - t1, syncMs: t3 - t2 };
  };

  const first = await upload();
  const counts = async () => {
    const [r] = await queryRows<{ records: unknown; members: unknown }>(
      db,
      sql`SELECT (SELECT record_count FROM data_stores WHERE id = ${store.id}::bigint) AS records, (SELECT member_count FROM segments WHERE id = ${toNumber(segment.id)}::bigint) AS members`,
    );
    return { records: toNumber(r.records), members: toNumber(r.members) };
  };
  const afterFirst = await counts();
  const expectedMembers = Math.floor(ROWS / 3) + Math.floor((ROWS + 2) / 3); // i % 3 in {1, 2}: pro, team
  const again = await upload();
  const afterAgain = await counts();
  clearInterval(sampler);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const r = first.report;
  const ok =
    r.rowsRead === ROWS &&
    r.added === ROWS &&
    r.added + r.changed + r.unchanged + r.rejected === r.rowsRead &&
    afterFirst.records === ROWS &&
    afterFirst.members === expectedMembers &&
    again.report.unchanged === ROWS &&
    again.report.added + again.report.changed === 0 &&
    afterAgain.members === afterFirst.members;
  const lines = [
    `bench:data-store-import — Postgres ${version}, ${ROWS.toLocaleString("en-US")} customers, a ${ROWS.toLocaleString("en-US")}-row file (Record ID, email, plan, note) into a store followed by a filtered segment`,
    `  parse + stage: ${s(first.stageMs)} (${first.batches} batches)   apply (one transaction, ${Math.ceil(ROWS / 50_000)} write chunks): ${s(first.applyMs)}   sync of the linked segment (full, chunked): ${s(first.syncMs)}`,
    `  total ${s(first.stageMs + first.applyMs + first.syncMs)} → ${Math.round(ROWS / ((first.stageMs + first.applyMs) / 1000)).toLocaleString("en-US")} rows/s to applied; records ${afterFirst.records.toLocaleString("en-US")}, members ${afterFirst.members.toLocaleString("en-US")} (expected ${expectedMembers.toLocaleString("en-US")})`,
    `  report: ${JSON.stringify(r)}`,
    `  re-upload: parse + stage ${s(again.stageMs)}, apply ${s(again.applyMs)}, sync ${s(again.syncMs)}; report ${JSON.stringify(again.report)}`,
    `  peak RSS of this process (parse and server together): ${Math.round(peakRss / 1024 / 1024)} MB`,
    `  checks passed: ${ok}`,
  ];
  for (const l of lines) console.log(l);
  writeFileSync("/tmp/lumen-bench-ds-import.txt", `${lines.join("\n")}\n`);
  return ok;
});
