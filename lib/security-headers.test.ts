import { describe, expect, it } from "vitest";
import type { NextConfig } from "next";

const nextConfig = ((await import("../next.config.js" as string)) as { default: NextConfig }).default;

describe("security headers", () => {
  it("every path gets the security headers (CSP frame-ancestors, X-Frame-Options, nosniff, Referrer-Policy)", async () => {
    const rules = (await nextConfig.headers!()) as { source: string; headers: { key: string; value: string }[] }[];
    const all = rules.find((r) => r.source === "/:path*");
    const headers = Object.fromEntries(all!.headers.map((h) => [h.key.toLowerCase(), h.value]));
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).toContain("object-src 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("the build never traces the local database", () => {
    expect(nextConfig.outputFileTracingExcludes?.["*"]).toContain(".data/**");
  });
});
