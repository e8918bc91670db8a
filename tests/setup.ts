import { vi } from "vitest";

// Outside a Next request there is no cache to revalidate; actions call these after writes.
vi.mock("next/cache", () => ({
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  updateTag: vi.fn(),
  refresh: vi.fn(),
}));

// The app's entry point (instrumentation.ts) registers the jobs for the in-process runner;
// tests register the same list, so code under test that sends job events runs them.
const { registerJobs } = await import("@/lib/jobs/send-job-event");
registerJobs(async () => (await import("@/inngest")).jobs);
