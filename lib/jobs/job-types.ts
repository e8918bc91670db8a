import type { JobEvent, JobEventName } from "./events";

/** The subset of Inngest's step tools our jobs use; the embedded runner implements the same. */
export type JobStep = {
  run<T>(id: string, fn: () => Promise<T> | T): Promise<T>;
  sleep(id: string, durationMs: number): Promise<void>;
  sendEvent(id: string, events: JobEvent | JobEvent[]): Promise<unknown>;
};

export type JobContext<N extends JobEventName> = {
  event: JobEvent<N>;
  /** All events of a batch when the job sets `batchEvents`; otherwise `[event]`. */
  events: JobEvent<N>[];
  step: JobStep;
  attempt: number;
  runId: string;
};

export type JobTrigger<N extends JobEventName> = { event: N } | { cron: string };

export type JobConfig<N extends JobEventName> = {
  id: string;
  triggers: JobTrigger<N>[];
  retries?: number;
  batchEvents?: { maxSize: number; timeoutMs: number };
  concurrency?: { limit: number; key?: string };
};

/**
 * What the embedded runner needs of a job: its configuration and handler. The jobs themselves
 * live in inngest/ (the layer above lib/), which registers them with registerJobs().
 */
export type RunnableJob<N extends JobEventName = JobEventName> = {
  config: JobConfig<N>;
  // Method syntax keeps RunnableJob<"a/b"> assignable to RunnableJob (the list of all jobs).
  handler(ctx: JobContext<N>): Promise<unknown>;
};
