import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segmentExports } from "@/db/schema";

/** Which workspace an export belongs to, so the download route can check the user's membership of it. */
export async function getExportWorkspaceId(db: DbOrTx, exportId: string): Promise<string | null> {
  const [row] = await db.select({ workspaceId: segmentExports.workspaceId }).from(segmentExports).where(eq(segmentExports.id, exportId));
  return row?.workspaceId ?? null;
}
