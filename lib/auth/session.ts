import "server-only";
import { auth } from "./auth";

export type SessionUser = { id: string; email: string; name: string | null };

/** The signed-in user, or null. The only place that reads the Auth.js session. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}
