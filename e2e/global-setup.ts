import fs from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { onPostgres, startServer, stopServer } from "./support";

/**
 * Starts the built app once on an empty data directory (initdb, migrations, the demo workspace:
 * the first start a new developer sees), stops it and keeps the directory as the template every
 * e2e file's server starts from a copy of.
 */
export default async function setup(project: TestProject) {
  // On Postgres every server starts on a new database of its own (support.ts): no template.
  if (onPostgres) {
    project.provide("e2eDataTemplate", "");
    return;
  }
  const server = await startServer({ template: null });
  await stopServer(server, { keepData: true });
  // The server was stopped with SIGTERM mid-flight: open and close the directory once, so the
  // copies start from a clean shutdown instead of each replaying the write-ahead log.
  const { PGlite } = await import("@electric-sql/pglite");
  const template = path.join(server.dataDir, "pglite");
  const db = new PGlite(template);
  await db.waitReady;
  await db.close();
  project.provide("e2eDataTemplate", template);
  return async () => {
    await fs.rm(server.dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    e2eDataTemplate: string;
  }
}
