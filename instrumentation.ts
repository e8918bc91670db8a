// Next.js calls register() once when a server process starts, before it serves requests.
// It registers the background jobs for the in-process runner (lib/ never imports inngest/,
// the layer above it), then lib/server/start-server.ts checks the configuration and starts
// the embedded defaults.

export async function register() {
  // Node only (this file is also compiled for the Edge runtime, where the imports below are
  // dropped), and never during `next build`, which must not touch the database.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const [{ jobs }, { registerJobs }] = await Promise.all([import("./inngest"), import("./lib/jobs/send-job-event")]);
    registerJobs(jobs);
    const { startServer } = await import("./lib/server/start-server");
    try {
      await startServer();
    } catch (error) {
      // A server that must not start (e.g. no APP_URL in production) stops here, saying why.
      console.error(`\nLumen cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  }
}
