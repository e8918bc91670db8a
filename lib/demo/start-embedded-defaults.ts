import "server-only";
import { getDb, isEmbedded } from "@/db/client";
import { ensureDemoWorkspace } from "./ensure-demo-workspace";

/**
 * Server start on the embedded default (no DATABASE_URL): the demo workspace exists, so a
 * fresh `npm run dev` has data to look at. Called from lib/server/start-server.ts; does
 * nothing when a database URL is configured.
 */
export async function startEmbeddedDefaults(env: Record<string, string | undefined> = process.env): Promise<void> {
  if (!isEmbedded(env)) return;

  const started = Date.now();
  try {
    const demo = await ensureDemoWorkspace(await getDb());
    console.log(
      `Demo workspace ready: ${demo.customers.toLocaleString("en-US")} customers, ${demo.events.toLocaleString("en-US")} events` +
        ` (${demo.created ? "created" : "found"} in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } catch (error) {
    // The app still starts; say why the demo data is missing.
    console.error("[demo] could not prepare the demo workspace:", error);
  }
}
