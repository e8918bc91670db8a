import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("layering", () => {
  // inngest/ (the jobs) imports lib/; lib/ importing inngest/ back would load every job
  // wherever an event is sent. The job list is handed to lib/jobs by the entry points.
  it("lib/ and db/ never import from inngest/", () => {
    const offenders = [...sourceFiles(path.join(root, "lib")), ...sourceFiles(path.join(root, "db"))].filter((file) =>
      /from\s+["'](@\/inngest|(\.\.\/)+inngest)(\/|["'])|import\(\s*["'](@\/inngest|(\.\.\/)+inngest)/.test(readFileSync(file, "utf8")),
    );
    expect(offenders.map((file) => path.relative(root, file))).toEqual([]);
  });
});
