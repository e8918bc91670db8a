// Server time of the Segments pages' data at benchmark size, against a real Postgres:
//
//   BENCH_DATABASE_URL=postgres://… flock /tmp/lumen-heavy.lock npm run bench:pages
//
// Data: a copy (BENCH_PAGES_DB, default `lumen_bench_pages`) of the engine benchmark's
// database `lumen_bench_segments_1000000_10000000` (1M customers, 10M events; run
// `npm run bench:segments` once to seed it), migrated to this branch's schema — the template
// itself is never migrated. In its workspace: 1,000 segments, one of them automatic with about
// 1,000,000 members, computed by the real recompute (so history and the daily rollup are real).
// BENCH_FRESH=1 rebuilds the copy.
//
// Measured: the data functions each page calls (what a page's server time is made of; no HTTP
// or React rendering around them), each warmed once, then run BENCH_RUNS times; median and max.
// Then the pages themselves over HTTP from `next start` (the production build, built first if
// there is none) on the same database, signed in as an owner of the workspace: time to the last
// byte of the rendered page, which includes the session and workspace checks, the data, and
// React's rendering and streaming. BENCH_HTTP=0 skips that part.
import { randomUUID } from "node:crypto";
import { allowServerOnly, openSegmentsBenchCopy, log, seconds, startApp, timed, withCleanups, withDatabase } from "./support";

allowServerOnly();

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const HTTP = process.env.BENCH_HTTP !== "0";
const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 1000);
const PAGE = 50;

await withCleanups(async (cleanups) => {
  const { sql } = await import("drizzle-orm");
  const { queryRows, toNumber } = await import("@/db/client");
  const { startRecompute, recomputeChunk, finishRecompute } = await import("@/lib/segments/recompute-segment");
  const { previewSegment } = await import("@/lib/segments/preview-segment");
  const { countSegments, listSegments } = await import("@/lib/segments/list-segments");
  const { newSegmentPublicId } = await import("@/lib/segments/public-id");
  const { getSegmentOrThrow } = await import("@/lib/segments/get-segment");
  const { listSegmentMembers } = await import("@/lib/segments/list-segment-members");
  const { getSegmentSizeHistory } = await import("@/lib/segments/get-segment-size-history");
  const { listCustomerSegments } = await import("@/lib/segments/list-customer-segments");
  const { listSegmentDependents } = await import("@/lib/segments/list-segment-dependents");
  type ConditionTree = import("@/lib/segments/condition-schema").ConditionTree;

  // --- Database: a migrated copy of the engine benchmark's data ---------------------------------
  const dbName = process.env.BENCH_PAGES_DB ?? "lumen_bench_pages";
  const { db, version, ws, customers, serverUrl } = await openSegmentsBenchCopy(cleanups, dbName);

  // --- Segments: one big automatic segment and SEGMENTS - 1 others ------------------------------
  const everyone: ConditionTree = { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "exists" } }] };
  let [big] = await queryRows<{ id: unknown; public_id: string; member_count: number }>(
    db,
    sql`SELECT id, public_id, member_count FROM segments WHERE workspace_id = ${ws} AND name = 'Bench: everyone with a plan' AND deleted_at IS NULL AND compute_status = 'ready'
        AND public_id ~ '^seg_[A-Za-z0-9]+$'`,
  );
  const others = toNumber((await queryRows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM segments WHERE workspace_id = ${ws} AND name LIKE 'Bench list %'`))[0].n);
  if (!big || big.member_count < customers * 0.9 || others !== SEGMENTS - 1) {
    log("creating the segments…");
    await db.execute(sql`DELETE FROM segments WHERE workspace_id = ${ws}`);
    [big] = await queryRows<{ id: unknown; public_id: string; member_count: number }>(
      db,
      sql`INSERT INTO segments (workspace_id, public_id, name, type, conditions, compute_status)
          VALUES (${ws}, ${newSegmentPublicId()}, 'Bench: everyone with a plan', 'automatic', ${JSON.stringify(everyone)}::jsonb, 'queued')
          RETURNING id, public_id, member_count`,
    );
    const started = performance.now();
    const now = new Date();
    const plan = await startRecompute(db, ws, toNumber(big.id), 1);
    for (const [index, chunk] of plan!.chunks.entries()) {
      await recomputeChunk(db, { workspaceId: ws, segmentId: toNumber(big.id), version: 1, chunk, index, total: plan!.chunks.length, now });
    }
    await finishRecompute(db, ws, toNumber(big.id), 1, now);
    log(`big segment recomputed in ${seconds(started)}`);
    // The others: stored columns as the engine leaves them (sizes, statuses, last changes), mixed types and names.
    await db.execute(sql`
      INSERT INTO segments (workspace_id, public_id, name, description, type, conditions, member_count, compute_status, membership_changed_at, computed_at, updated_at)
      SELECT ${ws}, 'seg_benchlist' || g, 'Bench list ' || (ARRAY['Germany', 'Pro buyers', 'Churn risk', 'VIP', 'Newsletter', 'Trial'])[1 + g % 6] || ' ' || g,
             'Generated for the pages benchmark',
             CASE WHEN g % 3 = 0 THEN 'manual'::segment_type ELSE 'automatic'::segment_type END,
             CASE WHEN g % 3 = 0 THEN NULL ELSE ${JSON.stringify(everyone)}::jsonb END,
             (g * 7919) % 250000,
             CASE WHEN g % 50 = 0 THEN 'computing'::compute_status ELSE 'ready'::compute_status END,
             CASE WHEN g % 10 = 0 THEN NULL ELSE now() - (g || ' minutes')::interval END,
             now(), now() - (g || ' hours')::interval
      FROM generate_series(1, ${SEGMENTS - 1}) g`);
    await db.execute(sql`VACUUM ANALYZE segments, segment_members, segment_member_changes, segment_daily_changes`);
  } else {
    log(`reusing the segments in ${dbName}; BENCH_FRESH=1 to rebuild`);
  }
  const bigPublicId = big.public_id;
  const bigId = toNumber(big.id);
  const memberCount = toNumber((await queryRows<{ n: unknown }>(db, sql`SELECT member_count AS n FROM segments WHERE id = ${bigId}`))[0].n);
  const segmentTotal = toNumber((await queryRows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM segments WHERE workspace_id = ${ws} AND deleted_at IS NULL`))[0].n);

  // The 500th page's cursor: the last customer id of page 499, newest first (found once, untimed).
  const [cursorRow] = await queryRows<{ id: unknown }>(
    db,
    sql`SELECT customer_id AS id FROM segment_members WHERE segment_id = ${bigId} ORDER BY customer_id DESC OFFSET ${499 * PAGE - 1} LIMIT 1`,
  );
  const cursor500 = String(toNumber(cursorRow.id));

  const r1: ConditionTree = {
    type: "group",
    operator: "and",
    conditions: [
      { type: "attribute", key: "plan", filter: { operator: "is_one_of", values: ["pro", "enterprise"] } },
      { type: "location", field: "country", operator: "is_one_of", values: ["DE", "FR", "GB", "NL", "ES"] },
      { type: "event", event: "order_completed", operator: "performed", count: { operator: "at_least", value: 2 }, window: { type: "last", amount: 30, unit: "days" }, filters: [] },
    ],
  };

  // As app/(dashboard)/segments/[segmentId]/page.tsx (segments-ui) loads it: the header, then
  // the first members page, the 30-day size history and the dependents side by side.
  const segmentPage = async () => {
    const segment = await getSegmentOrThrow(db, ws, bigPublicId);
    const [members, history, dependents] = await Promise.all([
      listSegmentMembers(db, ws, bigPublicId, { limit: PAGE }),
      getSegmentSizeHistory(db, ws, bigPublicId, { days: 30 }),
      listSegmentDependents(db, ws, bigPublicId),
    ]);
    return { segment, members, history, dependents };
  };
  const cases: { name: string; targetMs: number; run: () => Promise<unknown>; check?: (value: unknown) => string | null }[] = [
    // As the Segments tab loads a page: the count of the filter, then 50 rows of it.
    {
      name: `segments list (${segmentTotal} segments, default sort, count + first 50)`,
      targetMs: 200,
      run: async () => [await countSegments(db, ws), await listSegments(db, ws, {}, { limit: PAGE, offset: 0 })] as const,
      check: (v) => {
        const [total, rows] = v as [number, unknown[]];
        return total === segmentTotal && rows.length === PAGE ? null : "wrong count or page";
      },
    },
    {
      name: "segments list, search 'vip' + type automatic + sort by size, page 2",
      targetMs: 200,
      run: async () => [await countSegments(db, ws, { q: "vip", type: "automatic" }), await listSegments(db, ws, { q: "vip", type: "automatic", sort: "size" }, { limit: PAGE, offset: PAGE })],
    },
    { name: `all ${segmentTotal} segments (GET /api/v1/segments' query)`, targetMs: 200, run: () => listSegments(db, ws), check: (v) => ((v as unknown[]).length === segmentTotal ? null : "wrong row count") },
    {
      name: "segment page (header, then 50 members + 30-day history + dependents in parallel)",
      targetMs: 200,
      run: segmentPage,
      check: (v) => {
        const page = v as Awaited<ReturnType<typeof segmentPage>>;
        return page.members.rows.length === PAGE && page.history.at(-1)!.size === memberCount ? null : "unexpected page data";
      },
    },
    {
      name: "members page 500 (keyset cursor)",
      targetMs: 200,
      run: () => listSegmentMembers(db, ws, bigPublicId, { cursor: cursor500, limit: PAGE }),
      check: (v) => ((v as { rows: unknown[] }).rows.length === PAGE ? null : "short page"),
    },
    { name: "members search by email prefix 'ana'", targetMs: 200, run: () => listSegmentMembers(db, ws, bigPublicId, { q: "ana", limit: PAGE }) },
    { name: "a customer's segments (customer page)", targetMs: 200, run: () => listCustomerSegments(db, ws, Number(cursor500)) },
    { name: `segments using the big one (delete dialog, ${segmentTotal} definitions)`, targetMs: 200, run: () => listSegmentDependents(db, ws, bigPublicId) },
    { name: "live preview of R1 (count + 10 customers)", targetMs: 1000, run: () => previewSegment(db, ws, r1) },
  ];

  // Pages over HTTP, signed in through a database session (what Auth.js's sign-in leaves).
  if (HTTP) {
    const base = await startApp(withDatabase(serverUrl, dbName), cleanups);
    const token = `bench_pages_${randomUUID()}`;
    const [user] = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO users (id, email, name) VALUES (${randomUUID()}, ${`bench-pages-${token.slice(-8)}@example.com`}, 'Bench pages') RETURNING id`,
    );
    await db.execute(sql`INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (${ws}, ${user.id}, 'owner')`);
    await db.execute(sql`INSERT INTO sessions (session_token, user_id, expires) VALUES (${token}, ${user.id}, now() + interval '1 day')`);
    cleanups.push(async () => {
      await db.execute(sql`DELETE FROM users WHERE id = ${user.id}`);
    });
    const cookie = `authjs.session-token=${token}; lumen_workspace=${ws}`;
    const page = (path: string, mustContain: string) => async () => {
      const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
      return body.includes(mustContain) ? body.length : -1;
    };
    const lastPage = Math.ceil(segmentTotal / PAGE);
    const found = (v: unknown) => ((v as number) > 0 ? null : "expected text missing");
    const someMember = (await listSegmentMembers(db, ws, bigPublicId, { cursor: cursor500, limit: PAGE })).rows[0];
    cases.push(
      { name: `HTTP GET /segments (first 50 of ${segmentTotal})`, targetMs: 200, run: page("/segments", "Bench list"), check: found },
      {
        name: `HTTP GET /segments?sort=name&page=${lastPage} (the last page)`,
        targetMs: 200,
        run: page(`/segments?sort=name&page=${lastPage}`, `${((lastPage - 1) * PAGE + 1).toLocaleString("en-US")}–${segmentTotal.toLocaleString("en-US")} of ${segmentTotal.toLocaleString("en-US")}`),
        check: found,
      },
      { name: "HTTP GET /segments/<big one> (its page)", targetMs: 200, run: page(`/segments/${bigPublicId}`, "Bench: everyone with a plan"), check: found },
      { name: "HTTP GET /segments/<big one>?c=… (members page 500)", targetMs: 200, run: page(`/segments/${bigPublicId}?c=${cursor500}`, someMember.email ?? "@"), check: found },
    );
  }

  const results: string[][] = [];
  let ok = true;
  for (const c of cases) {
    const warm = await c.run();
    const problem = c.check?.(warm) ?? null;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await timed(c.run)).ms);
    times.sort((a, b) => a - b);
    const median = times[Math.floor((times.length - 1) / 2)];
    const max = times[times.length - 1];
    const pass = !problem && median <= c.targetMs;
    ok &&= pass;
    results.push([c.name, median.toFixed(1), max.toFixed(1), `≤ ${c.targetMs}`, problem ? `NO: ${problem}` : pass ? "yes" : "NO"]);
    log(results[results.length - 1].join(" | "));
  }

  // The 500th page's plan, so a regression to an OFFSET-like walk or a sort is visible.
  const plan = await queryRows<{ "QUERY PLAN": string }>(
    db,
    sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) WITH page AS MATERIALIZED (
          SELECT sm.customer_id, sm.entered_at, sm.source FROM segment_members sm
          WHERE sm.segment_id = ${bigId} AND sm.customer_id < ${Number(cursor500)} ORDER BY sm.customer_id DESC LIMIT ${PAGE + 1}
        )
        SELECT page.customer_id, c.email, page.entered_at FROM page JOIN customers c ON c.id = page.customer_id AND c.workspace_id = ${ws}::uuid
        ORDER BY page.customer_id DESC`,
  );

  console.log("");
  console.log(
    `Segments pages benchmark — PostgreSQL ${version}, ${customers.toLocaleString("en-US")} customers, ${segmentTotal.toLocaleString("en-US")} segments, big segment ${memberCount.toLocaleString("en-US")} members; data functions called directly${HTTP ? ", then the pages over HTTP from next start" : ""}, ${RUNS} runs after one warm-up`,
  );
  console.log("");
  const header = ["measurement", "median ms", "max ms", "target ms", "ok"];
  const widths = header.map((h, i) => Math.max(h.length, ...results.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of results) console.log(line(r));
  console.log("");
  console.log("Plan of the members page 500 query:");
  console.log(plan.map((r) => `  ${r["QUERY PLAN"]}`).join("\n"));
  return ok;
});
