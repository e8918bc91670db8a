import { describe, expect, it, vi } from "vitest";
import { EmbeddedRunner, cronIntervalMs } from "./embedded-runner";
import type { RunnableJob as Job } from "./job-types";

function job(config: Partial<Job["config"]>, handler: Job["handler"]): Job {
  return {
    config: { id: "test-job", triggers: [{ event: "customers/changed" }], ...config },
    handler,
  } as Job;
}

const changed = (id: number) => ({
  name: "customers/changed" as const,
  data: { workspaceId: "00000000-0000-4000-8000-000000000000", customerIds: [id], reason: "track" as const },
});

describe("EmbeddedRunner", () => {
  it("runs the handler of a job whose trigger matches, and no other", async () => {
    const seen: number[] = [];
    const other = vi.fn();
    const runner = new EmbeddedRunner([
      job({}, async ({ event }) => {
        seen.push((event.data as { customerIds: number[] }).customerIds[0]);
      }),
      job({ id: "other", triggers: [{ event: "workspace/member.invited" }] }, other),
    ]);
    runner.send([changed(1), changed(2)]);
    await runner.idle();
    expect(seen.sort()).toEqual([1, 2]);
    expect(other).not.toHaveBeenCalled();
  });

  it("retries a failed run and resumes after the steps that succeeded", async () => {
    const first = vi.fn(async () => "done");
    let calls = 0;
    const runner = new EmbeddedRunner(
      [
        job({ retries: 2 }, async ({ step }) => {
          await step.run("first", first);
          return step.run("flaky", async () => {
            calls += 1;
            if (calls < 3) throw new Error("boom");
            return calls;
          });
        }),
      ],
      { retryBaseMs: 1, log: { info: vi.fn(), error: vi.fn() } },
    );
    runner.send(changed(1));
    await runner.idle();
    expect(calls).toBe(3);
    expect(first).toHaveBeenCalledTimes(1);
    expect(runner.runs[0].status).toBe("completed");
  });

  it("records a run that keeps failing as failed, with its error, after the retries", async () => {
    const log = { info: vi.fn(), error: vi.fn() };
    const runner = new EmbeddedRunner(
      [
        job({ retries: 1 }, async () => {
          throw new Error("database down");
        }),
      ],
      { retryBaseMs: 1, log },
    );
    runner.send(changed(1));
    await runner.idle();
    expect(runner.runs[0]).toMatchObject({ status: "failed", error: "database down" });
    expect(log.error).toHaveBeenCalledTimes(2);
  });

  it("delivers batched events together", async () => {
    const batches: number[] = [];
    const runner = new EmbeddedRunner([
      job({ batchEvents: { maxSize: 3, timeoutMs: 50 } }, async ({ events }) => {
        batches.push(events.length);
      }),
    ]);
    runner.send([changed(1), changed(2), changed(3), changed(4)]);
    await runner.idle();
    expect(batches).toEqual([3, 1]);
  });

  it("understands the cron forms it supports and rejects others", () => {
    expect(cronIntervalMs("*/5 * * * *")).toBe(300_000);
    expect(cronIntervalMs("* * * * *")).toBe(60_000);
    expect(cronIntervalMs("0 3 * * *")).toBe(86_400_000);
    expect(() => cronIntervalMs("0 3 1 * *")).toThrow(/Unsupported/);
  });

  it("runs jobs with the same concurrency key one at a time, and different keys in parallel", async () => {
    let running = 0;
    let maxRunning = 0;
    const runner = new EmbeddedRunner([
      job({ concurrency: { limit: 1, key: "event.data.workspaceId" } }, async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 10));
        running -= 1;
      }),
    ]);
    runner.send([changed(1), changed(2), changed(3)]);
    await runner.idle();
    expect(maxRunning).toBe(1);
    expect(runner.runs.map((r) => r.status)).toEqual(["completed", "completed", "completed"]);
  });
});
