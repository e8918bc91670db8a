import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sessions } from "@/db/schema";

/** Ends every session of the user on every device ("sign out everywhere"). Returns how many. */
export async function endAllSessions(db: DbOrTx, userId: string): Promise<number> {
  const ended = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ token: sessions.sessionToken });
  return ended.length;
}
