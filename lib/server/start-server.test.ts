import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunnableJob } from "@/lib/jobs/job-types";
import { registerJobs } from "@/lib/jobs/send-job-event";
import { startServer } from "./start-server";

const flags = globalThis as unknown as { __lumenCronsStarted?: boolean };

function cronJob(handler: () => Promise<unknown>): RunnableJob {
  return { config: { id: "every-minute", triggers: [{ cron: "* * * * *" }] }, handler } as RunnableJob;
}

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete flags.__lumenCronsStarted;
  // Back to the app's jobs (stops this test's runner and its timers).
  registerJobs(async () => (await import("@/inngest")).jobs);
});

describe("startServer", () => {
  it("runs the cron jobs in process with DATABASE_URL set and no Inngest (a self-hosted server with its own Postgres)", async () => {
    vi.useFakeTimers();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const handler = vi.fn(async () => "ran");
    registerJobs([cronJob(handler)]);

    await startServer({ NODE_ENV: "production", DATABASE_URL: "postgres://db.example/lumen", APP_URL: "https://lumen.example.com" });
    await vi.advanceTimersByTimeAsync(60_000);

    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("leaves the crons to Inngest when Inngest is configured", async () => {
    vi.useFakeTimers();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const handler = vi.fn(async () => "ran");
    registerJobs([cronJob(handler)]);

    await startServer({ DATABASE_URL: "postgres://db.example/lumen", INNGEST_EVENT_KEY: "key" });
    await vi.advanceTimersByTimeAsync(120_000);

    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses to start in production on an external database without a base URL, and says what to set", async () => {
    await expect(startServer({ NODE_ENV: "production", DATABASE_URL: "postgres://db.example/lumen" })).rejects.toThrow(/set APP_URL/);
  });

  it("warns at start that email is not configured with DATABASE_URL and no RESEND_API_KEY", async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    registerJobs([]);
    await startServer({ DATABASE_URL: "postgres://db.example/lumen" });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Email is not configured: set RESEND_API_KEY/));
  });
});
