import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { desc } from "drizzle-orm";
import { devOutbox } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { appUrlProblem, linkOnAppUrl } from "@/lib/app-url";
import { handlers } from "./auth";

let t: TestDb;
beforeAll(async () => {
  process.env.AUTH_SECRET = "sign-in-link-test-secret";
  t = await createTestDb();
});
afterAll(async () => t.close());
afterEach(() => {
  delete process.env.APP_URL;
  delete process.env.PORT;
});

/** Posts the sign-in form as a browser would (CSRF cookie and token first), with extra headers. */
async function requestSignIn(email: string, headers: Record<string, string>) {
  // Next builds the request URL from the Host header, as here.
  const origin = `http://${headers["x-forwarded-host"] ?? "localhost:3000"}`;
  const csrf = await handlers.GET(new Request(`${origin}/api/auth/csrf`, { headers }) as never);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await handlers.POST(
    new Request(`${origin}/api/auth/signin/resend`, {
      method: "POST",
      headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: "/segments" }),
    }) as never,
  );
  expect(response.status).toBeLessThan(400);
  const [message] = await t.db.select().from(devOutbox).orderBy(desc(devOutbox.id)).limit(1);
  expect(message.to).toBe(email);
  return [...message.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
}

describe("sign-in links", () => {
  it("are built from the configured base URL, not from a forged Host / X-Forwarded-Host", async () => {
    process.env.APP_URL = "https://lumen.example.com";
    const links = await requestSignIn("victim@example.com", { "x-forwarded-host": "evil.example" });
    const signIn = links.find((href) => href.includes("/api/auth/callback/resend"));
    expect(signIn).toMatch(/^https:\/\/lumen\.example\.com\/api\/auth\/callback\/resend\?/);
    expect(new URL(signIn!).searchParams.get("token")).toBeTruthy();
    expect(links.join(" ")).not.toContain("evil.example");
  });

  it("use http://localhost:$PORT on the embedded default when nothing is configured", async () => {
    process.env.PORT = "3111";
    const links = await requestSignIn("dev@example.com", { "x-forwarded-host": "evil.example" });
    expect(links.find((href) => href.includes("/api/auth/callback/resend"))).toMatch(/^http:\/\/localhost:3111\/api\/auth\/callback\/resend\?/);
    expect(links.join(" ")).not.toContain("evil.example");
  });

  it("keep the callback URL on the base URL", () => {
    const link = linkOnAppUrl(
      "http://evil.example/api/auth/callback/resend?callbackUrl=http%3A%2F%2Fevil.example%2Fsegments&token=t&email=a%40b.c",
      "https://lumen.example.com",
    );
    const url = new URL(link);
    expect(url.origin).toBe("https://lumen.example.com");
    expect(url.searchParams.get("callbackUrl")).toBe("https://lumen.example.com/segments");
    expect(url.searchParams.get("token")).toBe("t");
  });

  it("a production server on an external database refuses to start without a base URL, saying what to set", () => {
    expect(appUrlProblem({ NODE_ENV: "production", DATABASE_URL: "postgres://x/y" })).toMatch(/set APP_URL/);
    expect(appUrlProblem({ NODE_ENV: "production", DATABASE_URL: "postgres://x/y", APP_URL: "https://a.example" })).toBeNull();
    expect(appUrlProblem({ NODE_ENV: "production" })).toBeNull();
    expect(appUrlProblem({ NODE_ENV: "development", DATABASE_URL: "postgres://x/y" })).toBeNull();
  });
});
