import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, toNumber, type Db } from "@/db/client";
import { segments } from "@/db/schema";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import type { MutationActor } from "./create-segment";
import { getSegmentOrThrow } from "./get-segment";
import { lockReferencedSegments } from "./lock-referenced-segments";
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
 * same members, copied in one set-based statement with their sources and an "entered" row
 * each in the new segment's history.
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
    if (!automatic) {
      const at = now.toISOString();
      await queryRows(
        tx,
        sql`WITH copied AS (
              INSERT INTO segment_members (segment_id, customer_id, entered_at, source)
              SELECT ${id}::bigint, customer_id, ${at}::timestamptz, source FROM segment_members WHERE segment_id = ${source.id}
              RETURNING customer_id
            ),
            history AS (
              INSERT INTO segment_member_changes (segment_id, customer_id, change, at)
              SELECT ${id}::bigint, customer_id, 'entered', ${at}::timestamptz FROM copied
            )
            UPDATE segments SET member_count = (SELECT count(*) FROM copied),
              membership_changed_at = CASE WHEN (SELECT count(*) FROM copied) > 0 THEN ${at}::timestamptz END
            WHERE id = ${id}::bigint`,
      );
    }
    await recordAuditLog(tx, workspaceId, {
      actorUserId,
      action: "segment.duplicated",
      target: row.publicId,
      data: { name: row.name, from: source.publicId, fromName: source.name, type: source.type },
    });
    return { id, publicId: row.publicId, version: row.definitionVersion, automatic };
  });
  if (created.automatic) {
    await sendJobEvent({ name: "segments/recompute.requested", data: { workspaceId, segmentId: created.id, version: created.version } });
  }
  return { publicId: created.publicId };
}
