import { describe, expect, it, vi } from "vitest";
import { getWorkspaceContext } from "./current-workspace";

const requestHeaders = { current: new Headers() };
vi.mock("next/headers", () => ({
  headers: vi.fn(async () => requestHeaders.current),
  cookies: vi.fn(async () => new Map()),
}));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn(async () => null) }));

async function redirectOf(run: () => Promise<unknown>): Promise<string> {
  const error = (await run().then(
    () => undefined,
    (e: unknown) => e,
  )) as { digest?: string } | undefined;
  expect(error?.digest).toMatch(/^NEXT_REDIRECT;/);
  return error!.digest!.split(";")[2];
}

describe("a signed-out visitor", () => {
  it("is sent to sign-in with the page they asked for, so the link brings them back to it", async () => {
    requestHeaders.current = new Headers({ "x-lumen-request-path": "/customers/5000?tab=events" });
    expect(await redirectOf(getWorkspaceContext)).toBe("/sign-in?callbackUrl=%2Fcustomers%2F5000%3Ftab%3Devents");
  });

  it("to plain sign-in when the page is the default one, or the path is not a page of this site", async () => {
    for (const path of ["/segments", "//evil.example/x", ""]) {
      requestHeaders.current = new Headers(path ? { "x-lumen-request-path": path } : {});
      expect(await redirectOf(getWorkspaceContext), path).toBe("/sign-in");
    }
  });
});
