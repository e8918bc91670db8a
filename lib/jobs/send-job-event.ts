import "server-only";
import { EmbeddedRunner } from "./embedded-runner";
import type { JobEvent } from "./events";
import { inngest } from "./inngest-client";
import type { RunnableJob } from "./job-types";

/** Inngest is used when its dev server or cloud is configured; otherwise jobs run in this process. */
export function usesInngest(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.INNGEST_DEV || env.INNGEST_EVENT_KEY);
}

// On globalThis: instrumentation.ts and the route/action bundles are separate module graphs in
// one process, and dev reloads modules; the registered jobs and the runner must be shared.
const registry = globalThis as unknown as {
  __lumenJobs?: RunnableJob[] | (() => Promise<RunnableJob[]>);
  __lumenRunner?: Promise<EmbeddedRunner>;
};

/**
 * Registers the job list for the embedded runner. lib/ does not import the jobs (they live in
 * inngest/, the layer above, and import lib/); the process entry points hand them in:
 * instrumentation.ts for the app and tests/setup.ts for tests. A loader function defers importing
 * the jobs until the first event (tests that never send one do not load them).
 */
export function registerJobs(jobs: RunnableJob[] | (() => Promise<RunnableJob[]>)): void {
  registry.__lumenJobs = jobs;
  void registry.__lumenRunner?.then((runner) => runner.stop());
  registry.__lumenRunner = undefined;
}

export function getEmbeddedRunner(): Promise<EmbeddedRunner> {
  if (!registry.__lumenRunner) {
    const jobs = registry.__lumenJobs;
    if (!jobs) {
      return Promise.reject(
        new Error("No background jobs are registered: the process entry point must call registerJobs(jobs) (see instrumentation.ts)"),
      );
    }
    registry.__lumenRunner = (typeof jobs === "function" ? jobs() : Promise.resolve(jobs)).then((list) => new EmbeddedRunner(list));
  }
  return registry.__lumenRunner;
}

/** Sends job events to Inngest or to the embedded runner. The only way code starts a background job. */
export async function sendJobEvent(events: JobEvent | JobEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  if (usesInngest()) {
    await inngest.send(list as never);
    return;
  }
  (await getEmbeddedRunner()).send(list);
}
