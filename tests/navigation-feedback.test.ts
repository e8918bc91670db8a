import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * After a click the router shows the nearest loading.tsx at once, while the server renders the
 * next page; without one, nothing changes for 0.2–0.6 s in production (seconds in dev). Every
 * dashboard page must have one in its folder or a folder above it inside the dashboard.
 */
const DASHBOARD = path.resolve(import.meta.dirname, "../app/(dashboard)");

function pages(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pages(full);
    return entry.name === "page.tsx" ? [full] : [];
  });
}

function nearestLoading(pageFile: string): string | undefined {
  for (let dir = path.dirname(pageFile); dir.startsWith(DASHBOARD); dir = path.dirname(dir)) {
    const candidate = path.join(dir, "loading.tsx");
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

describe("navigation feedback", () => {
  it("every dashboard page has a loading skeleton (its own or a parent's), shown the moment a link is followed", () => {
    const all = pages(DASHBOARD);
    expect(all.length).toBeGreaterThan(5);
    const without = all.filter((p) => !nearestLoading(p)).map((p) => path.relative(DASHBOARD, p));
    expect(without).toEqual([]);
  });

  it("a page with its own data-heavy layout has its own skeleton, not only the generic one", () => {
    for (const route of ["segments", "segments/[segmentId]", "customers", "customers/[customerId]"]) {
      expect(fs.existsSync(path.join(DASHBOARD, route, "loading.tsx")), route).toBe(true);
    }
  });
});
