import "server-only";
import { inngest } from "@/inngest/client";
import { EmbeddedRunner } from "@/inngest/embedded-runner";
import type { JobEvent } from "@/inngest/events";
import { jobs } from "@/inngest";

/** Inngest is used when its dev server or cloud is configured; otherwise jobs run in this process. */
export function usesInngest(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.INNGEST_DEV || env.INNGEST_EVENT_KEY);
}

const globalForRunner = globalThis as unknown as { __lumenRunner?: EmbeddedRunner };

export function getEmbeddedRunner(): EmbeddedRunner {
  if (!globalForRunner.__lumenRunner) {
    globalForRunner.__lumenRunner = new EmbeddedRunner(jobs);
  }
  return globalForRunner.__lumenRunner;
}

/** Sends job events to Inngest or to the embedded runner. The only way code starts a background job. */
export async function sendJobEvent(events: JobEvent | JobEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  if (usesInngest()) {
    await inngest.send(list as never);
    return;
  }
  getEmbeddedRunner().send(list);
}
