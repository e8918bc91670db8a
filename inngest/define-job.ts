import type { InngestFunction } from "inngest";
import { inngest } from "@/lib/jobs/inngest-client";
import type { JobEvent, JobEventName } from "@/lib/jobs/events";
import type { JobConfig, JobContext, JobStep, RunnableJob } from "@/lib/jobs/job-types";

export type { JobConfig, JobContext, JobStep, JobTrigger } from "@/lib/jobs/job-types";

export type Job<N extends JobEventName = JobEventName> = RunnableJob<N> & {
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
