import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openDb, setDbHandleForTests, type Db, type DbHandle } from "@/db/client";
import { startWsProxy } from "./ws-proxy";

/** `url`: the test database's Postgres URL (TEST_DATABASE_URL runs only), to open it with another driver too. */
export type TestDb = { db: Db; handle: DbHandle; close: () => Promise<void>; url?: string };

/**
 * A fresh, migrated database for one test file, installed as the app's database
 * (getDb() returns it). PGlite by default; with TEST_DATABASE_URL a new database on that
 * server, reached through the Neon serverless driver over a local WebSocket proxy, so
 * the production driver is what the tests exercise.
 */
export async function createTestDb(): Promise<TestDb> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const { default: pg } = await import("pg");
    const name = `lumen_test_${inject("pgRunId")}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("pgTemplate")}`);
    const proxy = await startWsProxy();
    process.env.NEON_WS_PROXY = `127.0.0.1:${proxy.port}`;
    const url = new URL(base);
    url.pathname = `/${name}`;
    const handle = await openDb({ driver: "neon", url: url.toString() });
    setDbHandleForTests(handle);
    return {
      db: handle.db,
      handle,
      url: url.toString(),
      close: async () => {
        setDbHandleForTests(undefined);
        await handle.close();
        await proxy.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "lumen-pglite-test-"));
  await fs.cp(inject("pgliteTemplateDir"), path.join(dataDir, "data"), { recursive: true });
  const handle = await openDb({ driver: "pglite", url: path.join(dataDir, "data") });
  setDbHandleForTests(handle);
  return {
    db: handle.db,
    handle,
    close: async () => {
      setDbHandleForTests(undefined);
      await handle.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
