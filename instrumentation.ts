// Next.js calls register() once when a server process starts, before it serves requests.
// On the embedded default (no DATABASE_URL) it makes sure the demo workspace exists, so a
// fresh `npm run dev` has data to look at, and starts the in-process job runner's crons.

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file too: never touch the database at build time.
  if (process.env.NEXT_PHASE === "phase-production-build") return;

  const { getDb, isEmbedded } = await import("@/db/client");
  if (!isEmbedded()) return;

  const started = Date.now();
  try {
    const { ensureDemoWorkspace } = await import("@/lib/demo/ensure-demo-workspace");
    const demo = await ensureDemoWorkspace(await getDb());
    console.log(
      `Demo workspace ready: ${demo.customers.toLocaleString("en-US")} customers, ${demo.events.toLocaleString("en-US")} events` +
        ` (${demo.created ? "created" : "found"} in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } catch (error) {
    // The app still works without demo data; say why it is missing.
    console.error("[demo] could not prepare the demo workspace:", error);
  }

  const { getEmbeddedRunner, usesInngest } = await import("@/lib/jobs/send-job-event");
  // With INNGEST_DEV / INNGEST_EVENT_KEY set, Inngest runs the crons itself.
  if (!usesInngest()) {
    const flags = globalThis as unknown as { __lumenCronsStarted?: boolean };
    if (!flags.__lumenCronsStarted) {
      flags.__lumenCronsStarted = true;
      getEmbeddedRunner().startCrons();
    }
  }
}
