"use server";

import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/auth";
import { endAllSessions } from "@/lib/auth/end-sessions";
import { getSessionUser } from "@/lib/auth/session";

/** Ends the user's sessions on every device, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) await endAllSessions(await getDb(), user.id);
  await signOut({ redirectTo: "/sign-in" });
}
