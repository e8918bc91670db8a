import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { addMember, createUser, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { auditEntries, workspaceState } from "@/tests/helpers/workspace-state";
import { onboardUser } from "@/lib/workspaces/onboard-user";
import { inviteMemberAction } from "./invite-member";

// A factory, not automock: automocking would load the real module, and with it next-auth.
vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));
vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn() }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());
beforeEach(() => {
  vi.mocked(sendJobEvent).mockReset();
});

async function adminOf(name = "Acme") {
  const { user: owner, workspaceId } = await workspaceWithUser(t.db, "owner", name);
  const admin = await createUser(t.db);
  await addMember(t.db, workspaceId, admin.id, "admin");
  return { owner, admin, workspaceId };
}

describe("inviteMemberAction", () => {
  it("invites someone without an account: a pending invitation, an email job, an audit row", async () => {
    const { admin, workspaceId } = await adminOf("Acme");
    await signInAs(admin);

    const result = await inviteMemberAction(null, { workspaceId, email: "  New.Person@Example.COM ", role: "member" });

    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/new\.person@example\.com is invited/) });
    const state = await workspaceState(t.db, workspaceId);
    expect(state.invitations).toEqual([{ email: "new.person@example.com", role: "member", acceptedAt: null }]);
    expect(state.members).toHaveLength(2);
    expect(sendJobEvent).toHaveBeenCalledWith({
      name: "workspace/member.invited",
      data: { workspaceId, workspaceName: "Acme", email: "new.person@example.com", role: "member", inviterName: admin.name },
    });
    expect(await auditEntries(t.db, workspaceId)).toEqual([
      expect.objectContaining({ action: "member.invited", actorUserId: admin.id, data: { email: "new.person@example.com", role: "member" } }),
    ]);
  });

  it("answers the same whether or not the address has an account, and adds no one before they accept", async () => {
    const { admin, workspaceId } = await adminOf();
    await createUser(t.db, "Existing.User@example.com");
    await signInAs(admin);

    const existing = await inviteMemberAction(null, { workspaceId, email: "existing.user@example.com", role: "viewer" });
    const stranger = await inviteMemberAction(null, { workspaceId, email: "nobody.yet@example.com", role: "viewer" });

    expect(existing).toEqual({ ...stranger, message: stranger.ok ? stranger.message!.replace("nobody.yet", "existing.user") : "" });
    expect(existing).toMatchObject({ ok: true, message: expect.stringMatching(/is invited and joins once they accept/) });
    const state = await workspaceState(t.db, workspaceId);
    expect(state.members).toHaveLength(2);
    expect(state.invitations.map((i) => i.email)).toEqual(["existing.user@example.com", "nobody.yet@example.com"]);
    expect(sendJobEvent).toHaveBeenCalledTimes(2);
    expect((await auditEntries(t.db, workspaceId)).map((e) => e.action)).toEqual(["member.invited", "member.invited"]);
  });

  it("refuses a second invitation to the same address, whatever its case", async () => {
    const { admin, workspaceId } = await adminOf();
    await signInAs(admin);
    await inviteMemberAction(null, { workspaceId, email: "twice@example.com", role: "member" });
    const before = await workspaceState(t.db, workspaceId);
    vi.mocked(sendJobEvent).mockReset();

    const result = await inviteMemberAction(null, { workspaceId, email: "TWICE@example.com", role: "admin" });

    expect(result).toEqual({ ok: false, error: "twice@example.com has already been invited and has not answered yet." });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
    expect(sendJobEvent).not.toHaveBeenCalled();
  });

  it("refuses to invite someone who is already a member", async () => {
    const { owner, admin, workspaceId } = await adminOf();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(admin);

    const result = await inviteMemberAction(null, { workspaceId, email: owner.email.toUpperCase(), role: "member" });

    expect(result).toEqual({ ok: false, error: `${owner.email} is already a member of this workspace.` });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
    expect(sendJobEvent).not.toHaveBeenCalled();
  });

  it("lets only owners invite owners", async () => {
    const { owner, admin, workspaceId } = await adminOf();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(admin);
    expect(await inviteMemberAction(null, { workspaceId, email: "boss@example.com", role: "owner" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Only owners/),
    });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);

    await signInAs(owner);
    expect(await inviteMemberAction(null, { workspaceId, email: "boss@example.com", role: "owner" })).toMatchObject({ ok: true });
    expect((await workspaceState(t.db, workspaceId)).invitations).toEqual([{ email: "boss@example.com", role: "owner", acceptedAt: null }]);
  });

  it.each([
    ["an invalid email", { email: "not-an-email", role: "member" }, /valid email address/, "email"],
    ["an empty email", { email: "  ", role: "member" }, /valid email address/, "email"],
    ["an unknown role", { email: "ok@example.com", role: "superuser" }, /Choose a role/, "role"],
    ["no role", { email: "ok@example.com" }, /Choose a role/, "role"],
  ])("rejects %s with a clear message and changes nothing", async (_label, input, message, field) => {
    const { admin, workspaceId } = await adminOf();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(admin);

    const result = await inviteMemberAction(null, { workspaceId, ...input });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(message), fieldErrors: { [field]: [expect.stringMatching(message)] } });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
    expect(sendJobEvent).not.toHaveBeenCalled();
  });

  it("refuses a user of another workspace and leaves this one alone", async () => {
    const a = await adminOf("A");
    const b = await workspaceWithUser(t.db, "owner", "B");
    const before = await workspaceState(t.db, a.workspaceId);
    await signInAs(b.user);

    const result = await inviteMemberAction(null, { workspaceId: a.workspaceId, email: "spy@example.com", role: "owner" });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not a member/) });
    expect(await workspaceState(t.db, a.workspaceId)).toEqual(before);
    expect(sendJobEvent).not.toHaveBeenCalled();
  });

  it.each(["viewer", "member"] as const)("refuses a %s", async (role) => {
    const { workspaceId } = await adminOf();
    const user = await createUser(t.db);
    await addMember(t.db, workspaceId, user.id, role);
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(user);

    const result = await inviteMemberAction(null, { workspaceId, email: "friend@example.com", role: "member" });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/admin role or higher/) });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
    expect(sendJobEvent).not.toHaveBeenCalled();
  });

  it("asks to sign in again when there is no session", async () => {
    const { workspaceId } = await adminOf();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(null);
    expect(await inviteMemberAction(null, { workspaceId, email: "x@example.com", role: "member" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/sign in/),
    });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it("keeps the invitation and says so when the email job cannot be queued", async () => {
    const { admin, workspaceId } = await adminOf();
    vi.mocked(sendJobEvent).mockRejectedValueOnce(new Error("Inngest unreachable"));
    vi.spyOn(console, "error").mockImplementationOnce(() => {});
    await signInAs(admin);

    const result = await inviteMemberAction(null, { workspaceId, email: "offline@example.com", role: "member" });

    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/could not be sent/) });
    expect((await workspaceState(t.db, workspaceId)).invitations).toHaveLength(1);
  });

  it("does not make the invitee a member on their first sign-in: they get their own workspace", async () => {
    const { admin, workspaceId } = await adminOf();
    await signInAs(admin);
    await inviteMemberAction(null, { workspaceId, email: "later@example.com", role: "admin" });

    const invitee = await createUser(t.db, "later@example.com");
    await onboardUser(t.db, invitee.id);

    const state = await workspaceState(t.db, workspaceId);
    expect(state.members.map((m) => m.userId)).not.toContain(invitee.id);
    expect(state.invitations).toEqual([{ email: "later@example.com", role: "admin", acceptedAt: null }]);
  });
});
