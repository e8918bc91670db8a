// Next.js calls register() once when a server process starts, before it serves requests.
// It registers the background jobs for the in-process runner (lib/ never imports inngest/,
// the layer above it) and, on the embedded default, prepares the demo workspace and starts
// the runner's crons: see lib/demo/start-embedded-defaults.ts.

export async function register() {
  // Node only (this file is also compiled for the Edge runtime, where the imports below are
  // dropped), and never during `next build`, which must not touch the database.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const [{ jobs }, { registerJobs }] = await Promise.all([import("./inngest"), import("./lib/jobs/send-job-event")]);
    registerJobs(jobs);
    const { emailTransport, EMAIL_NOT_CONFIGURED } = await import("./lib/email/send-email");
    // Sign-in needs email: say so at start rather than at the first failed sign-in.
    if (emailTransport() === "none") console.warn(`[email] ${EMAIL_NOT_CONFIGURED}`);
    const { startEmbeddedDefaults } = await import("./lib/demo/start-embedded-defaults");
    await startEmbeddedDefaults();
  }
}
