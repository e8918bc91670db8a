import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workspaceInvitations, workspaceMembers, workspaces } from "@/db/schema";
import { emailKey } from "@/lib/customers/email-key";
import { demoWorkspaceEnabled } from "@/lib/demo/demo-enabled";

/**
 * Runs on a user's first sign-in: every new user gets a workspace of their own. Pending
 * invitations stay offers the user accepts or declines (an invitation never decides where a
 * stranger lands). In the embedded default (or with LUMEN_DEMO_WORKSPACE=1) every new user also joins the demo workspace, so
 * the first screen has data to look at — unless the demo workspace invited them: then the
 * invitation stays the offer it is, and accepting it gives the role the inviter chose (joining
 * as owner first would make the chosen role meaningless).
 */
export async function onboardUser(db: Db, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
    if (!user) return;
    const email = user.email ?? "";

    const label = user.name?.trim() || email.split("@")[0] || "My";
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: `${label}'s workspace` })
      .returning({ id: workspaces.id });
    await tx.insert(workspaceMembers).values({ workspaceId: workspace.id, userId, role: "owner" });

    if (demoWorkspaceEnabled()) {
      const demo = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.isDemo, true)).limit(1);
      const invited =
        demo[0] &&
        (
          await tx
            .select({ id: workspaceInvitations.id })
            .from(workspaceInvitations)
            .where(
              and(
                eq(workspaceInvitations.workspaceId, demo[0].id),
                sql`${emailKey(workspaceInvitations.email)} = ${emailKey(email)}`,
                isNull(workspaceInvitations.acceptedAt),
              ),
            )
            .limit(1)
        ).length > 0;
      if (demo[0] && !invited) {
        await tx.insert(workspaceMembers).values({ workspaceId: demo[0].id, userId, role: "owner" }).onConflictDoNothing();
      }
    }
  });
}
