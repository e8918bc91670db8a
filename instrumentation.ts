// Next.js calls register() once when a server process starts, before it serves requests.
// On the embedded default (no DATABASE_URL) it makes sure the demo workspace exists and
// starts the in-process job runner's crons: see lib/demo/start-embedded-defaults.ts.

export async function register() {
  // Node only (this file is also compiled for the Edge runtime, where the import below is
  // dropped), and never during `next build`, which must not touch the database.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startEmbeddedDefaults } = await import("./lib/demo/start-embedded-defaults");
    await startEmbeddedDefaults();
  }
}
