// npm run bench:builder — what the condition builder asks of the database, at the size of
// bench:segments (1,000,000 customers / 10,000,000 events, in the database it leaves behind,
// `lumen_bench_segments_<customers>_<events>`; run bench:segments once first):
// - getBuilderCatalog: attribute keys, event names and properties, places and segments;
// - the live preview as previewSegmentAction runs it (count + sample, and the workspace total).
// Postgres: BENCH_DATABASE_URL or TEST_DATABASE_URL. Runs each RUNS times (default 5), prints
// median and max. Reads only.
import type { ConditionTree } from "@/lib/segments/condition-schema";
import { allowServerOnly, log, percentile, postgresServerUrl, timed, withCleanups, withDatabase } from "./support";

allowServerOnly();

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const RUNS = Number(process.env.RUNS ?? 5);

await withCleanups(async (cleanups) => {
  const { openDb, queryRows } = await import("@/db/client");
  const { sql } = await import("drizzle-orm");
  const { getBuilderCatalog } = await import("@/lib/segments/get-builder-catalog");
  const { previewDraft } = await import("@/lib/segments/preview-draft");
  const server = await postgresServerUrl(cleanups);
  const dbName = process.env.BENCH_DB_NAME ?? `lumen_bench_segments_${CUSTOMERS}_${EVENTS}`;
  const handle = await openDb({ driver: "pg", url: withDatabase(server, dbName) });
  cleanups.push(() => handle.close());
  const [ws] = await queryRows<{ id: string; n: unknown }>(
    handle.db,
    sql`SELECT w.id, (SELECT count(*) FROM customers c WHERE c.workspace_id = w.id) AS n FROM workspaces w ORDER BY n DESC LIMIT 1`,
  );
  if (!ws) throw new Error(`${dbName} has no workspace: run npm run bench:segments first`);
  log(`${dbName}: workspace ${ws.id} with ${Number(ws.n).toLocaleString("en-US")} customers`);

  const r1: ConditionTree = {
    type: "group",
    operator: "and",
    conditions: [
      { type: "attribute", key: "plan", filter: { operator: "is_one_of", values: ["pro", "enterprise"] } },
      { type: "location", field: "country", operator: "is_one_of", values: ["DE", "FR"] },
      { type: "event", event: "order_completed", operator: "performed", count: { operator: "at_least", value: 2 }, window: { type: "last", amount: 30, unit: "days" }, filters: [] },
    ],
  };
  const cases: [string, () => Promise<string>][] = [
    [
      "getBuilderCatalog",
      async () => {
        const c = await getBuilderCatalog(handle.db, ws.id);
        return `${c.attributes.length} keys, ${c.events.length} events, ${c.locations.countries.length} countries`;
      },
    ],
    [
      "preview (R1) + total",
      async () => {
        const p = await previewDraft(handle.db, ws.id, r1);
        return `${p.count.toLocaleString("en-US")} of ${p.total.toLocaleString("en-US")}`;
      },
    ],
  ];
  console.log("\n| what | median ms | max ms | result |\n|---|---:|---:|---|");
  for (const [name, run] of cases) {
    const times: number[] = [];
    let result = "";
    for (let i = 0; i < RUNS; i++) {
      const { ms, value } = await timed(run);
      times.push(ms);
      result = value;
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${percentile(times, 50).toFixed(0)} | ${times[times.length - 1].toFixed(0)} | ${result} |`);
  }
  return true;
});
