import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { setDemoStatus } from "./demo-status";

afterEach(() => setDemoStatus("ready"));

describe("first start of the embedded default", () => {
  it("answers pages with 'Preparing the demo workspace' (503, Retry-After, reloads itself) while the demo data is created", async () => {
    setDemoStatus("preparing");
    const response = proxy(new NextRequest("http://localhost:3000/segments"));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("3");
    const html = await response.text();
    expect(html).toContain("<h1>Preparing the demo workspace</h1>");
    expect(html).toContain('<meta http-equiv="refresh" content="3">');
    expect(html).not.toContain("<script");
  });

  it("serves pages as usual once the demo workspace is ready, or when preparing it failed", () => {
    for (const state of ["ready", "failed"] as const) {
      setDemoStatus(state);
      const response = proxy(new NextRequest("http://localhost:3000/segments"));
      expect(response.status, state).toBe(200);
      expect(response.headers.get("x-middleware-next")).toBe("1");
    }
  });
});
