import path from "node:path";
import { defineConfig } from "vitest/config";

// End-to-end tests: a real browser against the built app (`npm run build` first).
// Not the unit config's globalSetup: each test file starts its own server, from a copy of the
// data directory e2e/global-setup.ts prepares once.
export default defineConfig({
  resolve: {
    alias: { "@": path.resolve(import.meta.dirname) },
  },
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    // One server and one browser at a time on a 2-core machine.
    fileParallelism: false,
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
