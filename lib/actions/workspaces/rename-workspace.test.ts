import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { revalidatePath } from "next/cache";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { addMember, createUser, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { auditEntries, workspaceState } from "@/tests/helpers/workspace-state";
import { renameWorkspaceAction } from "./rename-workspace";

// A factory, not automock: automocking would load the real module, and with it next-auth.
vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

describe("renameWorkspaceAction", () => {
  it("renames the workspace for an admin and records who did it", async () => {
    const { workspaceId } = await workspaceWithUser(t.db, "owner", "Acme");
    const admin = await createUser(t.db);
    await addMember(t.db, workspaceId, admin.id, "admin");
    await signInAs(admin);

    const result = await renameWorkspaceAction(null, { workspaceId, name: "  Acme Marketing  " });

    expect(result).toEqual({ ok: true, message: "Workspace renamed.", data: undefined });
    expect((await workspaceState(t.db, workspaceId)).name).toBe("Acme Marketing");
    expect(await auditEntries(t.db, workspaceId)).toEqual([
      { action: "workspace.renamed", actorUserId: admin.id, target: workspaceId, data: { from: "Acme", to: "Acme Marketing" } },
    ]);
    expect(revalidatePath).toHaveBeenCalled();
  });

  it("accepts FormData, as submitted by the settings form", async () => {
    const { user, workspaceId } = await workspaceWithUser(t.db, "owner", "Form Co");
    await signInAs(user);
    const form = new FormData();
    form.set("workspaceId", workspaceId);
    form.set("name", "Form Company");
    expect(await renameWorkspaceAction(null, form)).toMatchObject({ ok: true });
    expect((await workspaceState(t.db, workspaceId)).name).toBe("Form Company");
  });

  it("writes nothing when the name is unchanged", async () => {
    const { user, workspaceId } = await workspaceWithUser(t.db, "owner", "Same");
    await signInAs(user);
    expect(await renameWorkspaceAction(null, { workspaceId, name: "Same" })).toMatchObject({ ok: true, message: "The name is unchanged." });
    expect((await workspaceState(t.db, workspaceId)).auditRows).toBe(0);
  });

  it("refuses a user of another workspace and leaves this one alone", async () => {
    const a = await workspaceWithUser(t.db, "owner", "A");
    const b = await workspaceWithUser(t.db, "owner", "B");
    const before = await workspaceState(t.db, a.workspaceId);
    await signInAs(b.user);

    const result = await renameWorkspaceAction(null, { workspaceId: a.workspaceId, name: "Hijacked" });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not a member/) });
    expect(await workspaceState(t.db, a.workspaceId)).toEqual(before);
  });

  it.each(["viewer", "member"] as const)("refuses a %s", async (role) => {
    const { workspaceId } = await workspaceWithUser(t.db, "owner", "Roles");
    const user = await createUser(t.db);
    await addMember(t.db, workspaceId, user.id, role);
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(user);

    const result = await renameWorkspaceAction(null, { workspaceId, name: "Renamed" });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/admin role or higher/) });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it.each([
    ["an empty name", "   ", /Enter a workspace name/],
    ["no name", undefined, /Enter a workspace name/],
    ["a name that is too long", "x".repeat(81), /80 characters/],
  ])("rejects %s with a clear message", async (_label, name, message) => {
    const { user, workspaceId } = await workspaceWithUser(t.db, "owner", "Valid");
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(user);

    const result = await renameWorkspaceAction(null, { workspaceId, name });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(message), fieldErrors: { name: [expect.stringMatching(message)] } });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it("asks to sign in again when there is no session", async () => {
    const { workspaceId } = await workspaceWithUser(t.db, "owner", "NoSession");
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(null);
    expect(await renameWorkspaceAction(null, { workspaceId, name: "X" })).toMatchObject({ ok: false, error: expect.stringMatching(/sign in/) });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });
});
