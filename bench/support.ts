// Shared by the benchmarks: a Postgres to run against, the app served by `next start`, and
// small process helpers. Benchmarks are separate from tests and print their figures.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const ROOT = process.cwd();
export const HEAVY_LOCK = "/tmp/lumen-heavy.lock";

export type Cleanups = (() => Promise<void> | void)[];

/** App modules import "server-only"; under tsx it must resolve to an empty module. */
export { allowServerOnlyImports as allowServerOnly } from "../scripts/script-setup";

/** Runs `body`, then every registered cleanup (last first), also on Ctrl-C. */
export async function withCleanups(body: (cleanups: Cleanups) => Promise<boolean>): Promise<never> {
  const cleanups: Cleanups = [];
  const cleanup = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()!();
      } catch (error) {
        console.error("cleanup:", error instanceof Error ? error.message : error);
      }
    }
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().then(() => process.exit(130)));
  let ok = false;
  try {
    ok = await body(cleanups);
  } catch (error) {
    console.error(error);
  } finally {
    await cleanup();
  }
  process.exit(ok ? 0 : 1);
}

/** BENCH_DATABASE_URL or TEST_DATABASE_URL; else a throwaway server, stopped at the end. */
export async function postgresServerUrl(cleanups: Cleanups): Promise<string> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (given) return given;
  const port = await freePort();
  log(`no BENCH_DATABASE_URL / TEST_DATABASE_URL: starting Postgres on port ${port}`);
  const exports = execFileSync("bash", [path.join(ROOT, "scripts/start-test-postgres.sh"), String(port)], { encoding: "utf8" });
  const vars = Object.fromEntries([...exports.matchAll(/(\w+)='([^']*)'/g)].map((m) => [m[1], m[2]]));
  cleanups.push(() => {
    execFileSync("bash", [path.join(ROOT, "scripts/stop-test-postgres.sh")], { env: { ...process.env, ...vars }, stdio: "inherit" });
  });
  return vars.TEST_DATABASE_URL;
}

/** The database the engine benchmark seeds (1M customers / 10M events); other benchmarks copy it. */
export const SEGMENTS_TEMPLATE_DB = process.env.BENCH_TEMPLATE_DB ?? "lumen_bench_segments_1000000_10000000";

type AdminClient = { query: (text: string, values?: unknown[]) => Promise<{ rowCount: number | null; rows: unknown[] }> };

/**
 * A benchmark's own copy of the template database (kept between runs; BENCH_FRESH=1 copies it
 * again), so that migrating or writing to it never touches the template. Copying needs nobody
 * connected to the template: it waits up to five minutes for that.
 */
export async function copyOfTemplateDatabase(admin: AdminClient, dbName: string, template = SEGMENTS_TEMPLATE_DB): Promise<void> {
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName])).rowCount === 1;
  if (exists && process.env.BENCH_FRESH) await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  if (exists && !process.env.BENCH_FRESH) return;
  if ((await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template])).rowCount !== 1) {
    throw new Error(`no database ${template} on this server: run npm run bench:segments once to seed it`);
  }
  log(`copying ${template} to ${dbName} (needs nobody connected to the template)…`);
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${template}`);
      break;
    } catch (error) {
      if (attempt >= 60 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
  }
  log(`copied in ${seconds(started)}`);
}

/**
 * A migrated copy of the engine benchmark's database (see copyOfTemplateDatabase) and its
 * "Bench segments" workspace: what bench:import and bench:pages measure against.
 */
export async function openSegmentsBenchCopy(cleanups: Cleanups, dbName: string) {
  const { default: pg } = await import("pg");
  const { sql } = await import("drizzle-orm");
  const { openDb, migrateDb, queryRows, toNumber } = await import("@/db/client");
  const serverUrl = await postgresServerUrl(cleanups);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  cleanups.push(() => admin.end());
  await copyOfTemplateDatabase(admin, dbName);
  const handle = await openDb({ driver: "pg", url: withDatabase(serverUrl, dbName) });
  cleanups.push(() => handle.close());
  await migrateDb(handle);
  const version = (await admin.query("SHOW server_version")).rows[0].server_version as string;
  const [workspace] = await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM workspaces WHERE name = 'Bench segments' LIMIT 1`);
  if (!workspace) throw new Error(`no 'Bench segments' workspace in ${dbName}`);
  const customers = toNumber((await queryRows<{ n: unknown }>(handle.db, sql`SELECT count(*) AS n FROM customers WHERE workspace_id = ${workspace.id}`))[0].n);
  return { admin, serverUrl, handle, db: handle.db, version, ws: workspace.id, customers };
}

export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Builds the app once if needed, starts `next start` on a free port, stops it at the end. */
export async function startApp(databaseUrl: string, cleanups: Cleanups, readyPath = "/api/v1/batch"): Promise<string> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    log("no .next/BUILD_ID: building the app once");
    const command = heavyLockHeldByAncestor() ? ["npx", "next", "build"] : ["flock", HEAVY_LOCK, "npx", "next", "build"];
    execFileSync(command[0], command.slice(1), { stdio: "inherit", cwd: ROOT });
  }
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: ROOT,
    // A production server refuses to start without the public URL its emails link to.
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_DRIVER: "pg", AUTH_SECRET: "bench", NODE_ENV: "production", APP_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout!.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => output.push(d.toString()));
  cleanups.push(() => stopProcess(child));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(base, child, readyPath);
  } catch (error) {
    console.error(output.join(""));
    throw error;
  }
  log(`app: next start (pid ${child.pid}) on ${base}`);
  return base;
}

export async function waitForServer(base: string, child: ChildProcess, readyPath: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with code ${child.exitCode}`);
    try {
      // 405 proves the route is compiled and served without touching the database.
      const response = await fetch(`${base}${readyPath}`, { method: "GET" });
      if (response.status === 405) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("app did not start within 60 s");
}

export async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Whether one of our ancestors (the `flock` a bench is meant to run under) holds the heavy
 * lock: a nested `flock` on the same file would then wait for us forever.
 */
export function heavyLockHeldByAncestor(): boolean {
  try {
    const inode = fs.statSync(HEAVY_LOCK).ino;
    const holders = fs
      .readFileSync("/proc/locks", "utf8")
      .split("\n")
      .filter((line) => !line.includes("->"))
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[1] === "FLOCK" && f[5]?.split(":")[2] === String(inode))
      .map((f) => Number(f[4]));
    for (let pid = process.ppid; pid > 1; ) {
      if (holders.includes(pid)) return true;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    }
  } catch {
    // no lock file or no /proc: nobody holds it
  }
  return false;
}

export function log(message: string) {
  console.log(`[bench] ${message}`);
}

export function seconds(since: number) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}
