import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createTeam, createUser, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { auditEntries, workspaceState } from "@/tests/helpers/workspace-state";
import { onboardUser } from "@/lib/workspaces/onboard-user";
import { listMemberships } from "@/lib/workspaces/get-membership";
import { listInvitationsForUser } from "@/lib/members/answer-invitation";
import { inviteMemberAction } from "@/lib/actions/members/invite-member";
import { cancelInvitationAction } from "@/lib/actions/members/cancel-invitation";
import { acceptInvitationAction } from "./accept-invitation";
import { declineInvitationAction } from "./decline-invitation";

vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));
vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn() }));
const cookieJar = vi.hoisted(() => ({ set: vi.fn() }));
vi.mock("next/headers", () => ({ cookies: async () => cookieJar }));

let t: TestDb;
beforeAll(async () => {
  process.env.DATABASE_URL = "postgres://not-embedded";
  t = await createTestDb();
});
afterAll(async () => {
  delete process.env.DATABASE_URL;
  await t.close();
});

/** An admin invites `email` to a fresh workspace; the invitee then signs up (their first sign-in). */
async function invite(email: string, role: "member" | "viewer" | "admin" = "member") {
  const team = await createTeam(t.db, "Acme");
  await signInAs(team.admin);
  expect(await inviteMemberAction(null, { workspaceId: team.workspaceId, email, role })).toMatchObject({ ok: true });
  return team;
}

async function signUp(email: string) {
  const user = await createUser(t.db, email);
  await onboardUser(t.db, user.id);
  return user;
}

describe("invitations are offers", () => {
  it("a stranger invited before signing up gets their own workspace, sees the offer, and joins only on accepting", async () => {
    const team = await invite("New.Person@example.com", "viewer");
    const invitee = await signUp("new.person@example.com");

    expect((await listMemberships(t.db, invitee.id)).map((m) => m.role)).toEqual(["owner"]);
    const offers = await listInvitationsForUser(t.db, invitee.id);
    expect(offers).toEqual([expect.objectContaining({ workspaceName: "Acme", role: "viewer", inviterName: team.admin.name })]);

    await signInAs(invitee);
    cookieJar.set.mockClear();
    expect(await acceptInvitationAction(null, { invitationId: offers[0].id })).toMatchObject({
      ok: true,
      message: "You joined Acme: it is open now. Your other workspaces are in the workspace menu.",
    });
    // The workspace they came for is the one the dashboard shows next.
    expect(cookieJar.set).toHaveBeenCalledWith("lumen_workspace", team.workspaceId, expect.objectContaining({ httpOnly: true }));

    const state = await workspaceState(t.db, team.workspaceId);
    expect(state.members).toContainEqual({ userId: invitee.id, role: "viewer" });
    expect(await listInvitationsForUser(t.db, invitee.id)).toEqual([]);
    expect((await auditEntries(t.db, team.workspaceId)).map((e) => e.action)).toContain("invitation.accepted");
  });

  it("declining removes the offer and joins nothing", async () => {
    const team = await invite("decliner@example.com");
    const invitee = await signUp("decliner@example.com");
    const [offer] = await listInvitationsForUser(t.db, invitee.id);

    await signInAs(invitee);
    expect(await declineInvitationAction(null, { invitationId: offer.id })).toMatchObject({ ok: true });

    const state = await workspaceState(t.db, team.workspaceId);
    expect(state.members.map((m) => m.userId)).not.toContain(invitee.id);
    expect(state.invitations).toEqual([]);
    expect(await acceptInvitationAction(null, { invitationId: offer.id })).toMatchObject({ ok: false, error: expect.stringMatching(/no longer exists/) });
  });

  it("nobody can accept or decline an invitation addressed to someone else", async () => {
    const team = await invite("rightful@example.com", "admin");
    const rightful = await signUp("rightful@example.com");
    const [offer] = await listInvitationsForUser(t.db, rightful.id);
    const before = await workspaceState(t.db, team.workspaceId);
    cookieJar.set.mockClear();

    for (const intruder of [await signUp("intruder@example.com"), team.viewer, team.owner]) {
      await signInAs(intruder);
      expect(await acceptInvitationAction(null, { invitationId: offer.id })).toMatchObject({ ok: false, error: expect.stringMatching(/no longer exists/) });
      expect(await declineInvitationAction(null, { invitationId: offer.id })).toMatchObject({ ok: false });
    }
    expect(await workspaceState(t.db, team.workspaceId)).toEqual(before);
    expect(cookieJar.set).not.toHaveBeenCalled();
  });

  it("rejects a malformed id and a missing session, changing nothing", async () => {
    const team = await invite("careful@example.com");
    const invitee = await signUp("careful@example.com");
    const before = await workspaceState(t.db, team.workspaceId);
    await signInAs(invitee);
    expect(await acceptInvitationAction(null, { invitationId: "1 OR 1=1" })).toMatchObject({ ok: false, error: "Choose an invitation" });
    await signInAs(null);
    const [offer] = await listInvitationsForUser(t.db, invitee.id);
    expect(await acceptInvitationAction(null, { invitationId: offer.id })).toMatchObject({ ok: false, error: expect.stringMatching(/sign in/) });
    expect(await workspaceState(t.db, team.workspaceId)).toEqual(before);
  });
});

describe("cancelInvitationAction", () => {
  it("an admin cancels a pending (e.g. mistyped) invitation; the invitee no longer sees it", async () => {
    const team = await invite("mistyped@exmaple.com");
    const invitee = await signUp("mistyped@exmaple.com");
    const [offer] = await listInvitationsForUser(t.db, invitee.id);

    await signInAs(team.admin);
    expect(await cancelInvitationAction(null, { workspaceId: team.workspaceId, invitationId: offer.id })).toMatchObject({ ok: true });

    expect((await workspaceState(t.db, team.workspaceId)).invitations).toEqual([]);
    expect(await listInvitationsForUser(t.db, invitee.id)).toEqual([]);
    expect((await auditEntries(t.db, team.workspaceId)).map((e) => e.action)).toContain("invitation.cancelled");
  });

  it("refuses a viewer, a member, and an admin of another workspace", async () => {
    const team = await invite("keep@example.com");
    const invitee = await signUp("keep@example.com");
    const [offer] = await listInvitationsForUser(t.db, invitee.id);
    const other = await workspaceWithUser(t.db, "owner", "Other");
    const before = await workspaceState(t.db, team.workspaceId);

    for (const user of [team.viewer, team.member]) {
      await signInAs(user);
      expect(await cancelInvitationAction(null, { workspaceId: team.workspaceId, invitationId: offer.id })).toMatchObject({
        ok: false,
        error: expect.stringMatching(/admin role or higher/),
      });
    }
    // Their own workspace, someone else's invitation id.
    await signInAs(other.user);
    expect(await cancelInvitationAction(null, { workspaceId: other.workspaceId, invitationId: offer.id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no longer exists/),
    });
    expect(await workspaceState(t.db, team.workspaceId)).toEqual(before);
  });
});
