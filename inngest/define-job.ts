import type { InngestFunction } from "inngest";
import { inngest } from "./client";
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

export type Job<N extends JobEventName = JobEventName> = {
  config: JobConfig<N>;
  // Method syntax keeps Job<"a/b"> assignable to Job (the list of all jobs).
  handler(ctx: JobContext<N>): Promise<unknown>;
  /** The same handler registered with Inngest, served at /api/inngest. */
  fn: InngestFunction.Any;
};

/**
 * Defines a background job once: the handler is registered with Inngest and kept for the
 * embedded runner, so both run the very same code.
 */
export function defineJob<N extends JobEventName>(config: JobConfig<N>, handler: (ctx: JobContext<N>) => Promise<unknown>): Job<N> {
  const fn = inngest.createFunction(
    {
      id: config.id,
      triggers: config.triggers as never,
      retries: (config.retries ?? 3) as never,
      ...(config.batchEvents
        ? { batchEvents: { maxSize: config.batchEvents.maxSize, timeout: `${Math.max(1, Math.round(config.batchEvents.timeoutMs / 1000))}s` } }
        : {}),
      ...(config.concurrency ? { concurrency: config.concurrency } : {}),
    },
    // Inngest's step tools are a superset of JobStep; its serialisation of step results to JSON is what our handlers expect.
    ((ctx: { event: JobEvent<N>; events: JobEvent<N>[]; step: JobStep; attempt: number; runId: string }) =>
      handler({ event: ctx.event, events: ctx.events ?? [ctx.event], step: ctx.step, attempt: ctx.attempt, runId: ctx.runId })) as never,
  );
  return { config, handler, fn: fn as unknown as InngestFunction.Any };
}
