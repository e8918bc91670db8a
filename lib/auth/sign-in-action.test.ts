import { beforeEach, describe, expect, it, vi } from "vitest";
import { signIn } from "./auth";
import { signInAction } from "./sign-in-action";

vi.mock("./auth", () => ({ signIn: vi.fn(async () => "http://localhost:3000/api/auth/verify-request?provider=resend&type=email") }));
vi.mock("@/db/client", () => ({ getDb: vi.fn(async () => ({})) }));
vi.mock("@/lib/rate-limit/rate-limit", () => ({ clientIp: () => "203.0.113.9", limitSignInEmail: vi.fn(async () => undefined), RateLimitedError: class extends Error {} }));
vi.mock("next/headers", () => ({ headers: vi.fn(async () => new Headers()) }));

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

async function redirectOf(result: Promise<unknown>): Promise<string> {
  const error = (await result.then(
    () => undefined,
    (e: unknown) => e,
  )) as { digest?: string } | undefined;
  expect(error?.digest, "the action should end in a redirect").toMatch(/^NEXT_REDIRECT;/);
  return error!.digest!.split(";")[2];
}

beforeEach(() => vi.mocked(signIn).mockClear());

describe("signInAction", () => {
  it("lands on the app's own check-email page, not Auth.js's /api/auth/verify-request", async () => {
    expect(await redirectOf(signInAction(null, form({ email: "Ann@Example.com" })))).toBe("/sign-in/check-email");
    expect(signIn).toHaveBeenCalledWith("resend", { email: "ann@example.com", redirectTo: "/segments", redirect: false });
  });

  it("carries the page the visitor asked for into the link, and only pages of this site", async () => {
    await redirectOf(signInAction(null, form({ email: "ann@example.com", callbackUrl: "/customers/5000" })));
    expect(vi.mocked(signIn).mock.calls[0][1]).toMatchObject({ redirectTo: "/customers/5000" });
    for (const hostile of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      vi.mocked(signIn).mockClear();
      await redirectOf(signInAction(null, form({ email: "ann@example.com", callbackUrl: hostile })));
      expect(vi.mocked(signIn).mock.calls[0][1], hostile).toMatchObject({ redirectTo: "/segments" });
    }
  });

  it("a bad address sends nothing and says why", async () => {
    expect(await signInAction(null, form({ email: "not-an-email" }))).toEqual({ ok: false, error: "Enter a valid email address" });
    expect(signIn).not.toHaveBeenCalled();
  });
});
