import "server-only";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import { UserError } from "@/lib/errors";

/**
 * Segment names are unique in a workspace (ignoring case and deleted segments): two "VIP list"
 * segments cannot be told apart in the pickers, so a customer would be added to the wrong one.
 * Checked inside the writing transaction; a race of two creates at the same instant is not
 * excluded (no unique index, since deleted segments keep their names until their rows go).
 */
export async function assertSegmentNameFree(tx: DbOrTx, workspaceId: string, name: string, exceptSegmentId?: number): Promise<void> {
  if (await segmentNameTaken(tx, workspaceId, name, exceptSegmentId)) {
    throw new UserError(`A segment named “${name}” already exists. Choose another name.`);
  }
}

async function segmentNameTaken(tx: DbOrTx, workspaceId: string, name: string, exceptSegmentId?: number): Promise<boolean> {
  const rows = await tx
    .select({ id: segments.id })
    .from(segments)
    .where(
      and(
        eq(segments.workspaceId, workspaceId),
        isNull(segments.deletedAt),
        sql`lower(${segments.name}) = lower(${name})`,
        exceptSegmentId === undefined ? undefined : ne(segments.id, exceptSegmentId),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** `candidates(n)` for n = 1, 2, …: the first name no live segment of the workspace has. */
export async function firstFreeSegmentName(tx: DbOrTx, workspaceId: string, candidate: (n: number) => string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const name = candidate(n);
    if (!(await segmentNameTaken(tx, workspaceId, name))) return name;
  }
  throw new UserError("Could not find a free name for the copy. Rename some of the copies first.");
}
