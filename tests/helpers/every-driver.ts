import { afterAll, beforeAll } from "vitest";
import { openDb, type Db, type DbDriver, type DbHandle } from "@/db/client";
import { createTestDb, type TestDb } from "./test-db";

/**
 * One test database for the file, reachable through every driver the run can use: PGlite by
 * default; with TEST_DATABASE_URL the Neon serverless driver (the test database's own) and
 * node-postgres on the same database — for code with a branch per driver (COPY's bytes are
 * fetched a different way by each). Registers the file's hooks; `dbFor` is valid inside tests.
 */
export function withEveryDriver(): { drivers: DbDriver[]; dbFor: (driver: DbDriver) => Db } {
  const drivers: DbDriver[] = process.env.TEST_DATABASE_URL ? ["neon", "pg"] : ["pglite"];
  let t: TestDb | undefined;
  let pgHandle: DbHandle | undefined;
  beforeAll(async () => {
    t = await createTestDb();
    if (drivers.includes("pg")) pgHandle = await openDb({ driver: "pg", url: t.url });
  });
  afterAll(async () => {
    await pgHandle?.close();
    await t?.close();
  });
  return { drivers, dbFor: (driver) => (driver === "pg" ? pgHandle!.db : t!.db) };
}
