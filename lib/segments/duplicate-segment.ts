import "server-only";
import { sql } from "drizzle-orm";
import { toNumber, type Db } from "@/db/client";
import { segments } from "@/db/schema";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import type { MutationActor } from "./create-segment";
import { getSegmentOrThrow } from "./get-segment";
import { lockReferencedSegments } from "./lock-referenced-segments";
import { queueDependentsOfChange, writeManualSegmentMembers, type PendingDependents } from "./membership/change-manual-members";
import { newSegmentPublicId } from "./public-id";
import { firstFreeSegmentName } from "./segment-name";

const MAX_NAME = 120;

/** "<name> (copy)", then "<name> (copy 2)", … within the name length limit. */
export function copyName(name: string, n = 1): string {
  const suffix = n === 1 ? " (copy)" : ` (copy ${n})`;
  return name.length + suffix.length <= MAX_NAME ? `${name}${suffix}` : `${name.slice(0, MAX_NAME - suffix.length)}${suffix}`;
}

/**
 * A copy of a segment named "<name> (copy)". Automatic: the same definition, computed from
 * scratch by its own recompute (so its history starts with its own entries). Manual: the
 * same members, copied by one set-based INSERT … SELECT through the membership module as
 * hand-added ("selection") members, with an "entered" row each in the copy's history; the
 * copy is linked to no data store, so only a person removes them.
 */
export async function duplicateSegment(db: Db, workspaceId: string, publicId: string, { actorUserId }: MutationActor): Promise<{ publicId: string }> {
  const created = await db.transaction(async (tx) => {
    const source = await getSegmentOrThrow(tx, workspaceId, publicId);
    const automatic = source.type === "automatic";
    if (automatic) await lockReferencedSegments(tx, workspaceId, source.conditions);
    const now = new Date();
    const [row] = await tx
      .insert(segments)
      .values({
        workspaceId,
        publicId: newSegmentPublicId(),
        name: await firstFreeSegmentName(tx, workspaceId, (n) => copyName(source.name, n)),
        description: source.description,
        type: source.type,
        conditions: source.conditions,
        dataStoreId: null,
        computeStatus: automatic ? "queued" : "ready",
        computedAt: automatic ? null : now,
        createdBy: actorUserId,
      })
      .returning({ id: segments.id, publicId: segments.publicId, definitionVersion: segments.definitionVersion, name: segments.name });
    const id = toNumber(row.id);
    await recordAuditLog(tx, workspaceId, {
      actorUserId,
      action: "segment.duplicated",
      target: row.publicId,
      data: { name: row.name, from: source.publicId, fromName: source.name, type: source.type },
    });
    let pending: PendingDependents = null;
    if (!automatic) {
      // Like "Save as manual segment": the copy follows no data store, so its members are a
      // person's ("selection") whoever added them to the original. Copying the original's
      // sources would leave the store's members owned by a store the copy is not linked to
      // (no hand bit), and a later link of the copy would let that store remove them.
      // The source's id comes from this workspace's segment row, so its members are this workspace's customers.
      ({ pending } = await writeManualSegmentMembers(
        tx,
        workspaceId,
        { id, publicId: row.publicId, name: row.name, dataStoreId: null },
        {
          op: "add",
          source: "selection",
          customers: { workspaceScopedQuery: sql`SELECT sm.customer_id FROM segment_members sm WHERE sm.segment_id = ${source.id}::bigint` },
          actorUserId,
          audit: { copyOf: source.publicId },
          now,
        },
      ));
    }
    return { id, publicId: row.publicId, version: row.definitionVersion, automatic, pending };
  });
  await queueDependentsOfChange(created.pending);
  if (created.automatic) {
    await sendJobEvent({ name: "segments/recompute.requested", data: { workspaceId, segmentId: created.id, version: created.version } });
  }
  return { publicId: created.publicId };
}
