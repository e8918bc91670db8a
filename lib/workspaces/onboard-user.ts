import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isEmbedded } from "@/db/client";
import { users, workspaceInvitations, workspaceMembers, workspaces } from "@/db/schema";

/**
 * Runs on a user's first sign-in: pending invitations become memberships, and a user who
 * was not invited anywhere gets a workspace of their own. In the embedded default every
 * new user also joins the demo workspace, so the first screen has data to look at.
 */
export async function onboardUser(db: Db, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
    if (!user) return;
    const email = user.email ?? "";

    const invitations = await tx
      .update(workspaceInvitations)
      .set({ acceptedAt: new Date() })
      .where(and(sql`lower(${workspaceInvitations.email}) = lower(${email})`, isNull(workspaceInvitations.acceptedAt)))
      .returning({ workspaceId: workspaceInvitations.workspaceId, role: workspaceInvitations.role });
    if (invitations.length > 0) {
      await tx
        .insert(workspaceMembers)
        .values(invitations.map((i) => ({ workspaceId: i.workspaceId, userId, role: i.role })))
        .onConflictDoNothing();
    }

    if (invitations.length === 0) {
      const label = user.name?.trim() || email.split("@")[0] || "My";
      const [workspace] = await tx
        .insert(workspaces)
        .values({ name: `${label}'s workspace` })
        .returning({ id: workspaces.id });
      await tx.insert(workspaceMembers).values({ workspaceId: workspace.id, userId, role: "owner" });
    }

    if (isEmbedded()) {
      const demo = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.isDemo, true)).limit(1);
      if (demo[0]) {
        await tx.insert(workspaceMembers).values({ workspaceId: demo[0].id, userId, role: "owner" }).onConflictDoNothing();
      }
    }
  });
}
