import path from "node:path";
import { defineConfig } from "vitest/config";

// End-to-end tests: a real browser against the built app (`npm run build` first).
// No globalSetup from the unit config: each test file starts its own server.
export default defineConfig({
  resolve: {
    alias: { "@": path.resolve(import.meta.dirname) },
  },
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.ts"],
    // One server and one browser at a time on a 2-core machine.
    fileParallelism: false,
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
