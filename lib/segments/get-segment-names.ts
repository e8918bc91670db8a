import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";

/** Names of the workspace's segments with these public ids (for "is in segment …" conditions). */
export async function getSegmentNames(db: DbOrTx, workspaceId: string, publicIds: string[]): Promise<Record<string, string>> {
  if (publicIds.length === 0) return {};
  const rows = await db
    .select({ publicId: segments.publicId, name: segments.name })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), inArray(segments.publicId, publicIds)));
  return Object.fromEntries(rows.map((r) => [r.publicId, r.name]));
}
