import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { referencedSegmentIds, type ConditionTree } from "./condition-schema";

/**
 * Inside the transaction that saves `tree`: share-locks the segments it refers to, so a
 * concurrent Delete Segment (which locks its row for update, then looks for dependents)
 * either finishes first — and this finds the reference gone — or waits and then sees the
 * new dependent.
 */
export async function lockReferencedSegments(tx: DbOrTx, workspaceId: string, tree: ConditionTree | null | undefined): Promise<void> {
  const ids = tree ? [...new Set(referencedSegmentIds(tree))] : [];
  if (ids.length === 0) return;
  const rows = await tx
    .select({ publicId: segments.publicId })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), inArray(segments.publicId, ids), isNull(segments.deletedAt)))
    .for("share");
  const found = new Set(rows.map((r) => r.publicId));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new UserError(`This condition refers to a segment that does not exist (${missing.join(", ")}). Choose another segment.`);
  }
}
