import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createTeam, signInAs } from "@/tests/helpers/fixtures";
import { workspaceState } from "@/tests/helpers/workspace-state";
import { signIn, handlers } from "@/lib/auth/auth";
import { signInAction } from "@/lib/auth/sign-in-action";
import { inviteMemberAction } from "@/lib/actions/members/invite-member";
import * as authRoute from "@/app/api/auth/[...nextauth]/route";
import { consumeRateLimit, rateLimits } from "./rate-limit";

vi.mock("@/lib/auth/auth", () => ({
  signIn: vi.fn(async () => undefined),
  handlers: { GET: vi.fn(), POST: vi.fn(async () => new Response(null, { status: 302 })) },
}));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));
vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn() }));
const requestHeaders = { current: new Headers() };
vi.mock("next/headers", () => ({ headers: vi.fn(async () => requestHeaders.current) }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());
beforeEach(() => {
  vi.mocked(signIn).mockClear();
  vi.mocked(handlers.POST).mockClear();
});

/** A sent link ends the action with a redirect to the app's own "Check your email" page. */
async function expectCheckEmail(result: Promise<unknown>) {
  await expect(result).rejects.toMatchObject({ digest: expect.stringContaining(";/sign-in/check-email;") });
}

const form = (email: string) => {
  const data = new FormData();
  data.set("email", email);
  return data;
};

describe("sign-in email limits", () => {
  it("refuses a 6th sign-in email to one address within 15 minutes, saying when to try again", async () => {
    requestHeaders.current = new Headers({ "x-forwarded-for": "203.0.113.1" });
    for (let i = 0; i < 5; i++) await expectCheckEmail(signInAction(null, form("Victim@example.com")));
    // Another client, same inbox: still the same address.
    requestHeaders.current = new Headers({ "x-forwarded-for": "198.51.100.7" });
    const refused = await signInAction(null, form("victim@example.com"));
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/Too many sign-in emails .* try again in \d+ (seconds|minutes)/) });
    expect(signIn).toHaveBeenCalledTimes(5);
  });

  it("refuses one client spraying many addresses", async () => {
    requestHeaders.current = new Headers({ "x-forwarded-for": "192.0.2.50, 10.0.0.1" });
    for (let i = 0; i < rateLimits.signInPerIp.limit; i++) await expectCheckEmail(signInAction(null, form(`spray${i}@example.com`)));
    expect(await signInAction(null, form("one-more@example.com"))).toMatchObject({ ok: false, error: expect.stringMatching(/from your network/) });
  });

  it("limits Auth.js's sign-in endpoint posted directly: 429 with Retry-After", async () => {
    const post = () =>
      authRoute.POST(
        new NextRequest("http://localhost:3000/api/auth/signin/resend", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.99" },
          body: new URLSearchParams({ email: "direct@example.com", csrfToken: "x" }),
        }),
      );
    for (let i = 0; i < 5; i++) expect((await post()).status).toBe(302);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toMatch(/try again in/);
    expect(handlers.POST).toHaveBeenCalledTimes(5);
  });
});

describe("invitation limits", () => {
  it("refuses the 21st invitation of a workspace within an hour, and invites no one", async () => {
    const team = await createTeam(t.db);
    await signInAs(team.admin);
    for (let i = 0; i < rateLimits.invitationsPerWorkspace.limit; i++) {
      expect(await inviteMemberAction(null, { workspaceId: team.workspaceId, email: `loop${i}@example.com`, role: "member" })).toMatchObject({ ok: true });
    }
    const before = await workspaceState(t.db, team.workspaceId);
    expect(await inviteMemberAction(null, { workspaceId: team.workspaceId, email: "loop-last@example.com", role: "member" })).toEqual({
      ok: false,
      error: expect.stringMatching(/too many invitations .* try again in/),
    });
    expect(await workspaceState(t.db, team.workspaceId)).toEqual(before);
    // Another workspace is not affected.
    const other = await createTeam(t.db, "Other");
    await signInAs(other.admin);
    expect(await inviteMemberAction(null, { workspaceId: other.workspaceId, email: "fine@example.com", role: "member" })).toMatchObject({ ok: true });
  });
});

describe("consumeRateLimit", () => {
  it("starts counting again in the next window, and says how long until then", async () => {
    const limit = { limit: 2, windowMs: 60_000 };
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));
    expect(await consumeRateLimit(t.db, "k", limit, at(10))).toEqual({ ok: true });
    expect(await consumeRateLimit(t.db, "k", limit, at(20))).toEqual({ ok: true });
    expect(await consumeRateLimit(t.db, "k", limit, at(45))).toEqual({ ok: false, retryAfterSeconds: 15 });
    expect(await consumeRateLimit(t.db, "k", limit, at(61))).toEqual({ ok: true });
  });

  it("counts concurrent requests exactly (one atomic upsert)", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => consumeRateLimit(t.db, "burst", { limit: 10, windowMs: 60_000 })));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
  });
});
