"use server";

import { signOut } from "@/lib/auth/auth";

/** Not a workspaceAction: signing out needs no workspace, and must work even when membership is gone. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
