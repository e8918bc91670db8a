import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import { demoWorkspaceEnabled } from "./demo-enabled";
import { setDemoStatus } from "./demo-status";
import { ensureDemoWorkspace } from "./ensure-demo-workspace";

/**
 * Server start on the embedded default (no DATABASE_URL): the demo workspace exists, so a
 * fresh `npm run dev` has data to look at. Called from lib/server/start-server.ts; does
 * nothing when a database URL is configured, unless LUMEN_DEMO_WORKSPACE=1 (demo-enabled.ts).
 *
 * Not awaited by the server start: Next says "Ready" once instrumentation returns, and a first
 * start spends seconds creating the database and the demo data. Until that is done, proxy.ts
 * answers pages with "Preparing the demo workspace" (lib/demo/preparing-page.ts) rather than
 * leaving requests hanging on the database. The returned promise settles when it is ready.
 */
export function startEmbeddedDefaults(env: Record<string, string | undefined> = process.env): Promise<void> {
  if (!demoWorkspaceEnabled(env)) return Promise.resolve();
  setDemoStatus("preparing");
  return prepareDemoWorkspace();
}

async function prepareDemoWorkspace(): Promise<void> {
  const started = Date.now();
  try {
    const db = await getDb();
    const [existing] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.isDemo, true)).limit(1);
    if (!existing) {
      console.log("Preparing the demo workspace (first start only, a few seconds): pages say so until it is ready.");
    }
    const demo = await ensureDemoWorkspace(db);
    setDemoStatus("ready");
    console.log(
      `Demo workspace ready: ${demo.customers.toLocaleString("en-US")} customers, ${demo.events.toLocaleString("en-US")} events` +
        ` (${demo.created ? "created" : "found"} in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } catch (error) {
    // The app still serves; say why the demo data is missing.
    setDemoStatus("failed");
    console.error("[demo] could not prepare the demo workspace:", error);
  }
}
