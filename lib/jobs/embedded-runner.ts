import type { RunnableJob as Job, JobStep } from "./job-types";
import type { JobEvent } from "./events";

type RunRecord = { jobId: string; runId: string; status: "running" | "completed" | "failed"; error?: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs the same job handlers as Inngest, in this process, when no Inngest server is
 * configured (the embedded default and tests). Steps run inline and are memoised per
 * run, so a retry resumes after the last step that succeeded, as with Inngest. Failed
 * runs are retried with backoff and logged; events for batched jobs are collected for
 * the batch timeout; cron triggers fire on a timer.
 */
export class EmbeddedRunner {
  private pending = new Set<Promise<unknown>>();
  private batches = new Map<string, { events: JobEvent[]; timer: ReturnType<typeof setTimeout> }>();
  private timers: ReturnType<typeof setInterval>[] = [];
  /** Tail of the queue per concurrency key: runs with the same key go one after another. */
  private lanes = new Map<string, Promise<unknown>>();
  readonly runs: RunRecord[] = [];
  private seq = 0;

  constructor(
    private readonly jobs: Job[],
    private readonly options: { retryBaseMs?: number; log?: Pick<Console, "info" | "error"> } = {},
  ) {}

  /** Routes events to every job triggered by them. Returns once they are queued, not run. */
  send(events: JobEvent | JobEvent[]): void {
    for (const event of Array.isArray(events) ? events : [events]) {
      for (const job of this.jobs) {
        if (!job.config.triggers.some((t) => "event" in t && t.event === event.name)) continue;
        if (job.config.batchEvents) this.addToBatch(job, event);
        else this.track(this.enqueue(job, [event]));
      }
    }
  }

  /** Resolves when every queued event and batch has been processed (tests use this). */
  async idle(): Promise<void> {
    while (this.pending.size > 0 || this.batches.size > 0) {
      for (const key of [...this.batches.keys()]) this.flushBatch(key);
      await Promise.allSettled([...this.pending]);
    }
  }

  /** Starts timers for cron-triggered jobs. Supports minute steps ("*\/5 * * * *") and hourly/daily forms. */
  startCrons(): void {
    for (const job of this.jobs) {
      for (const trigger of job.config.triggers) {
        if (!("cron" in trigger)) continue;
        const everyMs = cronIntervalMs(trigger.cron);
        const timer = setInterval(() => this.track(this.execute(job, [])), everyMs);
        timer.unref?.();
        this.timers.push(timer);
      }
    }
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    for (const { timer } of this.batches.values()) clearTimeout(timer);
  }

  private addToBatch(job: Job, event: JobEvent) {
    const key = job.config.id;
    const batch = this.batches.get(key);
    if (batch) {
      batch.events.push(event);
      if (batch.events.length >= job.config.batchEvents!.maxSize) this.flushBatch(key);
      return;
    }
    const timer = setTimeout(() => this.flushBatch(key), job.config.batchEvents!.timeoutMs);
    timer.unref?.();
    this.batches.set(key, { events: [event], timer });
  }

  private flushBatch(key: string) {
    const batch = this.batches.get(key);
    if (!batch) return;
    clearTimeout(batch.timer);
    this.batches.delete(key);
    const job = this.jobs.find((j) => j.config.id === key)!;
    this.track(this.enqueue(job, batch.events));
  }

  /** Honours `concurrency: { limit: 1, key }` as Inngest does: one run per key at a time. */
  private enqueue(job: Job, events: JobEvent[]): Promise<unknown> {
    const concurrency = job.config.concurrency;
    if (!concurrency || concurrency.limit !== 1) return this.execute(job, events);
    const lane = `${job.config.id}:${concurrency.key ? String(readPath(events[0], concurrency.key)) : ""}`;
    const previous = this.lanes.get(lane) ?? Promise.resolve();
    const run = previous.then(() => this.execute(job, events));
    this.lanes.set(lane, run);
    void run.finally(() => {
      if (this.lanes.get(lane) === run) this.lanes.delete(lane);
    });
    return run;
  }

  private track(promise: Promise<unknown>) {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  private async execute(job: Job, events: JobEvent[]): Promise<unknown> {
    const runId = `run_${Date.now().toString(36)}_${(this.seq++).toString(36)}`;
    const record: RunRecord = { jobId: job.config.id, runId, status: "running" };
    this.runs.push(record);
    const memo = new Map<string, unknown>();
    const step: JobStep = {
      run: async <T>(id: string, fn: () => Promise<T> | T): Promise<T> => {
        if (memo.has(id)) return memo.get(id) as T;
        const result = await fn();
        // Inngest serialises step results to JSON; do the same so handlers behave alike.
        const stored = result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as T);
        memo.set(id, stored);
        return stored as T;
      },
      sleep: async (id, durationMs) => {
        if (memo.has(id)) return;
        await sleep(durationMs);
        memo.set(id, null);
      },
      sendEvent: async (id, evts) => {
        if (memo.has(id)) return memo.get(id);
        this.send(evts);
        memo.set(id, null);
        return null;
      },
    };
    const retries = job.config.retries ?? 3;
    const base = this.options.retryBaseMs ?? 500;
    const log = this.options.log ?? console;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await job.handler({ event: events[0] ?? cronEvent(), events, step, attempt, runId } as never);
        record.status = "completed";
        return result;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt >= retries) {
          record.status = "failed";
          record.error = message;
          log.error(`[jobs] ${job.config.id} ${runId} failed after ${attempt + 1} attempts: ${message}`);
          return undefined;
        }
        log.error(`[jobs] ${job.config.id} ${runId} attempt ${attempt + 1} failed, retrying: ${message}`);
        await sleep(base * 2 ** attempt);
      }
    }
  }
}

/** Reads "event.data.segmentId" style paths, the subset of Inngest's key expressions we use. */
function readPath(event: JobEvent | undefined, path: string): unknown {
  const parts = path.replace(/^event\./, "").split(".");
  let value: unknown = event;
  for (const part of parts) value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

function cronEvent() {
  return { name: "inngest/scheduled.timer", data: {} };
}

export function cronIntervalMs(expression: string): number {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`Unsupported cron expression "${expression}"`);
  const [minute, hour, dom, month, dow] = parts;
  const rest = [dom, month, dow].every((p) => p === "*");
  if (minute === "*" && hour === "*" && rest) return 60_000;
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step && hour === "*" && rest) return Number(step[1]) * 60_000;
  if (/^\d+$/.test(minute) && hour === "*" && rest) return 3_600_000;
  if (/^\d+$/.test(minute) && /^\d+$/.test(hour) && rest) return 86_400_000;
  throw new Error(`Unsupported cron expression "${expression}" for the embedded runner`);
}
