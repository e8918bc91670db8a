import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { addMember, createTeam, createUser, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { auditEntries, workspaceState } from "@/tests/helpers/workspace-state";
import { changeMemberRoleAction } from "./change-member-role";

// A factory, not automock: automocking would load the real module, and with it next-auth.
vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

const team = (name?: string) => createTeam(t.db, name);

async function roleOf(workspaceId: string, userId: string) {
  return (await workspaceState(t.db, workspaceId)).members.find((m) => m.userId === userId)?.role;
}

describe("changeMemberRoleAction", () => {
  it("lets an admin change a member's role and records it", async () => {
    const { workspaceId, admin, member } = await team();
    await signInAs(admin);

    const result = await changeMemberRoleAction(null, { workspaceId, userId: member.id, role: "viewer" });

    expect(result).toMatchObject({ ok: true, message: "Role changed to Viewer." });
    expect(await roleOf(workspaceId, member.id)).toBe("viewer");
    expect(await auditEntries(t.db, workspaceId)).toEqual([
      { action: "member.role_changed", actorUserId: admin.id, target: member.id, data: { from: "member", to: "viewer" } },
    ]);
  });

  it("does nothing, and says so, when the role is already the one asked for", async () => {
    const { workspaceId, admin, member } = await team();
    await signInAs(admin);
    expect(await changeMemberRoleAction(null, { workspaceId, userId: member.id, role: "member" })).toMatchObject({
      ok: true,
      message: "Already Member.",
    });
    expect((await workspaceState(t.db, workspaceId)).auditRows).toBe(0);
  });

  it("lets only owners make or unmake owners", async () => {
    const { workspaceId, owner, admin, member } = await team();
    await signInAs(admin);
    const before = await workspaceState(t.db, workspaceId);
    expect(await changeMemberRoleAction(null, { workspaceId, userId: member.id, role: "owner" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Only owners/),
    });
    expect(await changeMemberRoleAction(null, { workspaceId, userId: owner.id, role: "admin" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Only owners/),
    });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);

    await signInAs(owner);
    expect(await changeMemberRoleAction(null, { workspaceId, userId: admin.id, role: "owner" })).toMatchObject({ ok: true });
    expect(await roleOf(workspaceId, admin.id)).toBe("owner");
    // With a second owner in place, the first may step down.
    expect(await changeMemberRoleAction(null, { workspaceId, userId: owner.id, role: "admin" })).toMatchObject({ ok: true });
    expect(await roleOf(workspaceId, owner.id)).toBe("admin");
  });

  it("never demotes the last owner, not even by their own hand", async () => {
    const { workspaceId, owner } = await team();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(owner);

    const result = await changeMemberRoleAction(null, { workspaceId, userId: owner.id, role: "admin" });

    expect(result).toEqual({ ok: false, error: "A workspace needs at least one owner. Make someone else an owner first." });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it("keeps one owner when two owners demote each other at the same time", async () => {
    const { workspaceId, owner } = await team();
    const second = await createUser(t.db);
    await addMember(t.db, workspaceId, second.id, "owner");
    const { changeMemberRole } = await import("@/lib/members/change-member-role");

    const results = await Promise.allSettled([
      changeMemberRole(t.db, workspaceId, { actorUserId: owner.id, userId: second.id, role: "admin" }),
      changeMemberRole(t.db, workspaceId, { actorUserId: second.id, userId: owner.id, role: "admin" }),
    ]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const owners = (await workspaceState(t.db, workspaceId)).members.filter((m) => m.role === "owner");
    expect(owners).toHaveLength(1);
  });

  it.each([
    ["an unknown member id", { userId: "no-such-user", role: "viewer" }, /not a member of this workspace/],
    ["an empty member id", { userId: "", role: "viewer" }, /Choose a member/],
    ["an unknown role", { role: "superuser" }, /Choose a role/],
  ])("rejects %s with a clear message and changes nothing", async (_label, input, message) => {
    const { workspaceId, admin, member } = await team();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(admin);

    const result = await changeMemberRoleAction(null, { workspaceId, userId: member.id, ...input });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(message) });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it("refuses a user of another workspace, even aiming at a member of it through their own workspace", async () => {
    const a = await team("A");
    const b = await workspaceWithUser(t.db, "owner", "B");
    const before = await workspaceState(t.db, a.workspaceId);
    await signInAs(b.user);

    expect(await changeMemberRoleAction(null, { workspaceId: a.workspaceId, userId: a.owner.id, role: "viewer" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a member/),
    });
    expect(await changeMemberRoleAction(null, { workspaceId: b.workspaceId, userId: a.owner.id, role: "viewer" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a member of this workspace/),
    });
    expect(await workspaceState(t.db, a.workspaceId)).toEqual(before);
  });

  it.each(["viewer", "member"] as const)("refuses a %s", async (role) => {
    const members = await team();
    const actor = members[role];
    const before = await workspaceState(t.db, members.workspaceId);
    await signInAs(actor);

    const result = await changeMemberRoleAction(null, { workspaceId: members.workspaceId, userId: actor.id, role: "admin" });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/admin role or higher/) });
    expect(await workspaceState(t.db, members.workspaceId)).toEqual(before);
  });

  it("asks to sign in again when there is no session", async () => {
    const { workspaceId, member } = await team();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(null);
    expect(await changeMemberRoleAction(null, { workspaceId, userId: member.id, role: "admin" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/sign in/),
    });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });
});
