import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { workspaceInvitations, workspaceMembers, workspaces } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createUser, createWorkspace } from "@/tests/helpers/fixtures";
import { listMemberships } from "./get-membership";
import { acceptInvitation } from "@/lib/members/answer-invitation";
import { onboardUser } from "./onboard-user";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());
afterEach(() => {
  delete process.env.DATABASE_URL;
  delete process.env.LUMEN_DEMO_WORKSPACE;
});

describe("onboardUser", () => {
  it("gives a new user who was not invited a workspace of their own, as owner", async () => {
    process.env.DATABASE_URL = "postgres://not-embedded";
    const user = await createUser(t.db, "maria@example.com");
    await onboardUser(t.db, user.id);
    const memberships = await listMemberships(t.db, user.id);
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ role: "owner", isDemo: false });
  });

  it("gives an invited new user their own workspace too, and leaves the invitation an offer", async () => {
    process.env.DATABASE_URL = "postgres://not-embedded";
    const workspaceId = await createWorkspace(t.db, "Team");
    await t.db.insert(workspaceInvitations).values({ workspaceId, email: "Invited@Example.com", role: "viewer" });
    const user = await createUser(t.db, "invited@example.com");
    await onboardUser(t.db, user.id);
    const memberships = await listMemberships(t.db, user.id);
    expect(memberships.map((m) => [m.role, m.isDemo])).toEqual([["owner", false]]);
    expect(memberships[0].workspaceId).not.toBe(workspaceId);
    const [invitation] = await t.db.select().from(workspaceInvitations).where(eq(workspaceInvitations.workspaceId, workspaceId));
    expect(invitation.acceptedAt).toBeNull();
  });

  it("adds every new user to the demo workspace on the embedded default", async () => {
    const [demo] = await t.db.insert(workspaces).values({ name: "Demo", isDemo: true }).returning();
    const user = await createUser(t.db);
    await onboardUser(t.db, user.id);
    const rows = await t.db
      .select()
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.userId, user.id), eq(workspaceMembers.workspaceId, demo.id)));
    expect(rows).toHaveLength(1);
    expect(await listMemberships(t.db, user.id)).toHaveLength(2);
  });

  it("leaves a user the demo workspace invited to accept the invitation, with the role it offers", async () => {
    const [demo] = await t.db.select().from(workspaces).where(eq(workspaces.isDemo, true));
    const [invitation] = await t.db
      .insert(workspaceInvitations)
      .values({ workspaceId: demo.id, email: "Tom.Teammate@example.com", role: "member" })
      .returning();
    const user = await createUser(t.db, "tom.teammate@example.com");
    await onboardUser(t.db, user.id);
    expect((await listMemberships(t.db, user.id)).map((m) => [m.role, m.isDemo])).toEqual([["owner", false]]);
    const [offer] = await t.db.select().from(workspaceInvitations).where(eq(workspaceInvitations.id, invitation.id));
    expect(offer.acceptedAt).toBeNull();

    await acceptInvitation(t.db, { actorUserId: user.id, invitationId: invitation.id });
    const demoMembership = (await listMemberships(t.db, user.id)).find((m) => m.isDemo);
    expect(demoMembership?.role).toBe("member");
  });

  it("keeps new users out of a demo workspace on a server with its own database, unless LUMEN_DEMO_WORKSPACE=1", async () => {
    const [demo] = await t.db.select().from(workspaces).where(eq(workspaces.isDemo, true));
    process.env.DATABASE_URL = "postgres://not-embedded";
    const outsider = await createUser(t.db, "outsider@example.com");
    await onboardUser(t.db, outsider.id);
    expect((await listMemberships(t.db, outsider.id)).map((m) => [m.role, m.isDemo])).toEqual([["owner", false]]);

    process.env.LUMEN_DEMO_WORKSPACE = "1";
    const trial = await createUser(t.db, "trial@example.com");
    await onboardUser(t.db, trial.id);
    expect((await listMemberships(t.db, trial.id)).find((m) => m.workspaceId === demo.id)?.role).toBe("owner");
  });
});
