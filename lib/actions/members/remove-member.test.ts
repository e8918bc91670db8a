import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { addMember, createTeam, createUser, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { auditEntries, workspaceState } from "@/tests/helpers/workspace-state";
import { removeMemberAction } from "./remove-member";

// A factory, not automock: automocking would load the real module, and with it next-auth.
vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

const team = (name?: string) => createTeam(t.db, name);

async function memberIds(workspaceId: string) {
  return (await workspaceState(t.db, workspaceId)).members.map((m) => m.userId);
}

describe("removeMemberAction", () => {
  it("lets an admin remove a member, keeps their account, and records it", async () => {
    const { workspaceId, admin, member } = await team();
    await signInAs(admin);

    const result = await removeMemberAction(null, { workspaceId, userId: member.id });

    expect(result).toMatchObject({ ok: true, message: "Member removed." });
    expect(await memberIds(workspaceId)).not.toContain(member.id);
    expect(await t.db.select({ id: users.id }).from(users).where(eq(users.id, member.id))).toHaveLength(1);
    expect(await auditEntries(t.db, workspaceId)).toEqual([
      { action: "member.removed", actorUserId: admin.id, target: member.id, data: { role: "member" } },
    ]);
  });

  it("lets only owners remove an owner", async () => {
    const { workspaceId, owner, admin } = await team();
    const second = await createUser(t.db);
    await addMember(t.db, workspaceId, second.id, "owner");
    const before = await workspaceState(t.db, workspaceId);

    await signInAs(admin);
    expect(await removeMemberAction(null, { workspaceId, userId: second.id })).toMatchObject({
      ok: false,
      error: "Only owners can remove an owner.",
    });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);

    await signInAs(owner);
    expect(await removeMemberAction(null, { workspaceId, userId: second.id })).toMatchObject({ ok: true });
    expect(await memberIds(workspaceId)).not.toContain(second.id);
  });

  it("never removes the last owner, not even by their own hand", async () => {
    const { workspaceId, owner } = await team();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(owner);

    const result = await removeMemberAction(null, { workspaceId, userId: owner.id });

    expect(result).toEqual({ ok: false, error: "A workspace needs at least one owner. Make someone else an owner first." });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it.each([
    ["an unknown member id", "no-such-user", /not a member of this workspace/],
    ["no member id", undefined, /Choose a member/],
  ])("rejects %s with a clear message and changes nothing", async (_label, userId, message) => {
    const { workspaceId, admin } = await team();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(admin);

    expect(await removeMemberAction(null, { workspaceId, userId })).toMatchObject({ ok: false, error: expect.stringMatching(message) });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it("refuses a user of another workspace, even aiming at a member of it through their own workspace", async () => {
    const a = await team("A");
    const b = await workspaceWithUser(t.db, "owner", "B");
    const before = await workspaceState(t.db, a.workspaceId);
    await signInAs(b.user);

    expect(await removeMemberAction(null, { workspaceId: a.workspaceId, userId: a.member.id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a member/),
    });
    expect(await removeMemberAction(null, { workspaceId: b.workspaceId, userId: a.member.id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a member of this workspace/),
    });
    expect(await workspaceState(t.db, a.workspaceId)).toEqual(before);
  });

  it.each(["viewer", "member"] as const)("refuses a %s", async (role) => {
    const members = await team();
    const before = await workspaceState(t.db, members.workspaceId);
    await signInAs(members[role]);

    const result = await removeMemberAction(null, { workspaceId: members.workspaceId, userId: members.viewer.id });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/admin role or higher/) });
    expect(await workspaceState(t.db, members.workspaceId)).toEqual(before);
  });

  it("asks to sign in again when there is no session", async () => {
    const { workspaceId, member } = await team();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(null);
    expect(await removeMemberAction(null, { workspaceId, userId: member.id })).toMatchObject({ ok: false, error: expect.stringMatching(/sign in/) });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });
});
