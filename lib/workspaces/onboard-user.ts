import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isEmbedded } from "@/db/client";
import { users, workspaceMembers, workspaces } from "@/db/schema";

/**
 * Runs on a user's first sign-in: every new user gets a workspace of their own. Pending
 * invitations stay offers the user accepts or declines (an invitation never decides where a
 * stranger lands). In the embedded default every new user also joins the demo workspace, so
 * the first screen has data to look at.
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

    if (isEmbedded()) {
      const demo = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.isDemo, true)).limit(1);
      if (demo[0]) {
        await tx.insert(workspaceMembers).values({ workspaceId: demo[0].id, userId, role: "owner" }).onConflictDoNothing();
      }
    }
  });
}
