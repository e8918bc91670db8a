import "server-only";
import { getDb, isEmbedded } from "@/db/client";
import { getEmbeddedRunner, usesInngest } from "@/lib/jobs/send-job-event";
import { ensureDemoWorkspace } from "./ensure-demo-workspace";

const flags = globalThis as unknown as { __lumenCronsStarted?: boolean };

/**
 * Server start on the embedded default (no DATABASE_URL): the demo workspace exists, so a
 * fresh `npm run dev` has data to look at, and the in-process job runner's crons run.
 * Called from instrumentation.ts; does nothing when a database URL is configured.
 */
export async function startEmbeddedDefaults(): Promise<void> {
  if (!isEmbedded()) return;

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

  // With INNGEST_DEV / INNGEST_EVENT_KEY set, Inngest runs the crons itself.
  if (!usesInngest() && !flags.__lumenCronsStarted) {
    flags.__lumenCronsStarted = true;
    (await getEmbeddedRunner()).startCrons();
  }
}
