import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { addMember, createUser, createWorkspace, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { switchWorkspaceAction } from "./switch-workspace";

// A factory, not automock: automocking would load the real module, and with it next-auth.
vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));

const cookieJar = vi.hoisted(() => ({ set: vi.fn() }));
vi.mock("next/headers", () => ({ cookies: async () => cookieJar }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());
beforeEach(() => cookieJar.set.mockClear());

describe("switchWorkspaceAction", () => {
  it("remembers a workspace the user belongs to, even as a viewer", async () => {
    const { user } = await workspaceWithUser(t.db, "owner", "Home");
    const other = await createWorkspace(t.db, "Agency client");
    await addMember(t.db, other, user.id, "viewer");
    await signInAs(user);

    const result = await switchWorkspaceAction(null, { workspaceId: other });

    expect(result).toMatchObject({ ok: true, message: "Switched to Agency client." });
    expect(cookieJar.set).toHaveBeenCalledWith("lumen_workspace", other, expect.objectContaining({ httpOnly: true, path: "/" }));
  });

  it("refuses a workspace the user is not in and sets no cookie", async () => {
    const { user } = await workspaceWithUser(t.db, "owner", "Mine");
    const theirs = await workspaceWithUser(t.db, "owner", "Theirs");
    await signInAs(user);

    const result = await switchWorkspaceAction(null, { workspaceId: theirs.workspaceId });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not a member/) });
    expect(cookieJar.set).not.toHaveBeenCalled();
  });

  it.each([["a missing workspace id", undefined], ["a malformed one", "'; drop table workspaces; --"]])(
    "refuses %s",
    async (_label, workspaceId) => {
      const { user } = await workspaceWithUser(t.db, "owner");
      await signInAs(user);
      expect(await switchWorkspaceAction(null, { workspaceId })).toMatchObject({ ok: false });
      expect(cookieJar.set).not.toHaveBeenCalled();
    },
  );

  it("asks to sign in again when there is no session", async () => {
    const { workspaceId } = await workspaceWithUser(t.db, "owner");
    await signInAs(null);
    expect(await switchWorkspaceAction(null, { workspaceId })).toMatchObject({ ok: false, error: expect.stringMatching(/sign in/) });
    expect(cookieJar.set).not.toHaveBeenCalled();
  });

  it("switches between the user's own workspaces only", async () => {
    const user = await createUser(t.db);
    const kept = await createWorkspace(t.db, "Kept");
    await addMember(t.db, kept, user.id, "member");
    const left = await createWorkspace(t.db, "Left");
    await signInAs(user);
    expect(await switchWorkspaceAction(null, { workspaceId: left })).toMatchObject({ ok: false });
    expect(await switchWorkspaceAction(null, { workspaceId: kept })).toMatchObject({ ok: true });
  });
});
