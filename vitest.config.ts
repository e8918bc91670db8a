import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // "server-only" throws outside React Server Components; tests are server code.
      "server-only": path.resolve(import.meta.dirname, "tests/stubs/empty.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    globalSetup: ["tests/global-setup.ts"],
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses;
    // inlined, Vite resolves it (tests drive Auth.js's real route handlers).
    server: { deps: { inline: ["next-auth"] } },
    setupFiles: ["tests/setup.ts"],
    // PGlite takes ~800 MB and a core per instance: keep workers few on this 2-core machine.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
