import { describe, expect, it } from "vitest";
import type { NextConfig } from "next";
import { NextRequest } from "next/server";
import { config as proxyConfig, proxy } from "@/proxy";
import { contentSecurityPolicy, createNonce } from "./content-security-policy";
import { REQUEST_PATH_HEADER, safeCallbackPath } from "./request-path";

const nextConfig = ((await import("../../next.config.js" as string)) as { default: NextConfig }).default;

type Rule = { source: string; headers: { key: string; value: string }[] };
const headersOf = (rule: Rule | undefined) => Object.fromEntries((rule?.headers ?? []).map((h) => [h.key.toLowerCase(), h.value]));

describe("security headers", () => {
  it("every path gets X-Frame-Options, nosniff and Referrer-Policy; API responses a policy that allows nothing", async () => {
    const rules = (await nextConfig.headers!()) as Rule[];
    const all = headersOf(rules.find((r) => r.source === "/:path*"));
    expect(all["x-frame-options"]).toBe("DENY");
    expect(all["x-content-type-options"]).toBe("nosniff");
    expect(all["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    // Pages get theirs from proxy.ts; two policies on one page would both apply.
    expect(all["content-security-policy"]).toBeUndefined();
    const api = headersOf(rules.find((r) => r.source === "/api/:path*"));
    expect(api["content-security-policy"]).toContain("default-src 'none'");
    expect(api["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  it("the build never traces the local database", () => {
    expect(nextConfig.outputFileTracingExcludes?.["*"]).toContain(".data/**");
  });
});

describe("page Content-Security-Policy", () => {
  it("allows scripts only with the request's nonce: no 'unsafe-inline', no eval in production", () => {
    const policy = contentSecurityPolicy("abc123", { dev: false });
    const scriptSrc = policy.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
    expect(contentSecurityPolicy("abc123", { dev: true })).toContain("'unsafe-eval'");
  });

  it("nonces are fresh and 128 bits", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of [...nonces].slice(0, 20)) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("proxy.ts sends the policy to the browser and the same nonce to the renderer, with the requested path", () => {
    const request = new NextRequest("http://localhost:3000/customers/42?tab=events", {
      headers: { [REQUEST_PATH_HEADER]: "/forged" },
    });
    const response = proxy(request);
    const policy = response.headers.get("content-security-policy")!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    // NextResponse.next({ request: { headers } }) hands the rewritten request headers on as x-middleware-request-*.
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(response.headers.get(`x-middleware-request-${REQUEST_PATH_HEADER}`)).toBe("/customers/42?tab=events");
    expect(proxy(request).headers.get("content-security-policy")).not.toBe(policy);
  });

  it("runs for pages, not for API routes or built assets", () => {
    const matcher = new RegExp(`^${proxyConfig.matcher[0]}$`);
    for (const page of ["/", "/segments", "/customers/42", "/dev/outbox/abc", "/sign-in"]) expect(matcher.test(page), page).toBe(true);
    for (const other of ["/api/v1/batch", "/api/auth/session", "/_next/static/chunks/a.js", "/favicon.svg"]) {
      expect(matcher.test(other), other).toBe(false);
    }
  });
});

describe("safeCallbackPath", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/customers/5000")).toBe("/customers/5000");
    expect(safeCallbackPath("/segments?type=manual&q=vip")).toBe("/segments?type=manual&q=vip");
  });
  it("refuses other sites, sign-in loops and junk", () => {
    for (const bad of ["//evil.example/x", "/\\evil.example", "/\t/evil.example", "https://evil.example", "evil", "/sign-in", "/sign-in?x=1", "/sign-in/check-email", "/api/auth/signout", "/a\u0000b", "/" + "a".repeat(2001), "", null, undefined]) {
      expect(safeCallbackPath(bad), String(bad)).toBeUndefined();
    }
  });
});
