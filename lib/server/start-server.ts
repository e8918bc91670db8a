import "server-only";
import { appUrlProblem } from "@/lib/app-url";
import { EMAIL_NOT_CONFIGURED, emailTransport } from "@/lib/email/send-email";
import { startEmbeddedDefaults } from "@/lib/demo/start-embedded-defaults";
import { getEmbeddedRunner, usesInngest } from "@/lib/jobs/send-job-event";

type Env = Record<string, string | undefined>;

const flags = globalThis as unknown as { __lumenCronsStarted?: boolean };

/**
 * What a server process does once at start (called from instrumentation.ts after the jobs are
 * registered): refuse a configuration that would be unsafe, warn about missing email, start
 * the embedded defaults, and run the cron jobs in process whenever Inngest is not configured:
 * on the embedded default and on a self-hosted server with its own Postgres alike (with
 * INNGEST_DEV / INNGEST_EVENT_KEY, Inngest runs them). Throws with the message to show when
 * the server must not start.
 */
export async function startServer(env: Env = process.env): Promise<void> {
  const problem = appUrlProblem(env);
  if (problem) throw new Error(problem);
  // Sign-in needs email: say so at start rather than at the first failed sign-in.
  if (emailTransport(env) === "none") console.warn(`[email] ${EMAIL_NOT_CONFIGURED}`);
  // In the background: see startEmbeddedDefaults.
  void startEmbeddedDefaults(env);
  if (!usesInngest(env) && !flags.__lumenCronsStarted) {
    flags.__lumenCronsStarted = true;
    (await getEmbeddedRunner()).startCrons();
  }
}
