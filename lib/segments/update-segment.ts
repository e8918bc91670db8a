import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { segments } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import type { MutationActor } from "./create-segment";
import { getSegmentOrThrow } from "./get-segment";
import { lockReferencedSegments } from "./lock-referenced-segments";
import { assertSegmentNameFree } from "./segment-name";
import { updateSegmentSchema, type UpdateSegmentInput } from "./segment-schemas";
import { validateSegmentReferences } from "./validate-segment-references";

export type UpdatedSegment = { publicId: string; definitionVersion: number; recomputing: boolean };

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Edits a segment's name, description and (automatic only) definition. A new definition
 * raises the definition version, so a recompute still running for the old one stops at its
 * next chunk, and queues a recompute whose diff writes the entered/exited history: the
 * history stays a faithful record of membership across edits.
 */
export async function updateSegment(db: Db, workspaceId: string, publicId: string, input: UpdateSegmentInput, { actorUserId }: MutationActor): Promise<UpdatedSegment> {
  const data = updateSegmentSchema.parse(input);
  const result = await db.transaction(async (tx) => {
    const current = await getSegmentOrThrow(tx, workspaceId, publicId, { forUpdate: true });
    const changed: string[] = [];
    const set: Record<string, unknown> & { name?: string } = {};
    if (data.name !== undefined && data.name !== current.name) {
      await assertSegmentNameFree(tx, workspaceId, data.name, current.id);
      set.name = data.name;
      changed.push("name");
    }
    if (data.description !== undefined && data.description !== current.description) {
      set.description = data.description;
      changed.push("description");
    }
    const newDefinition = data.conditions !== undefined && !sameJson(data.conditions, current.conditions);
    if (data.conditions !== undefined && current.type !== "automatic") {
      throw new UserError("Manual segments have no conditions: customers are added to them instead");
    }
    if (newDefinition) {
      await validateSegmentReferences(tx, workspaceId, data.conditions!, { publicId });
      await lockReferencedSegments(tx, workspaceId, data.conditions);
      Object.assign(set, { conditions: data.conditions, computeStatus: "queued", computeProgress: null, computeError: null });
      set.definitionVersion = sql`${segments.definitionVersion} + 1`;
      changed.push("conditions");
    }
    if (changed.length === 0) return { publicId, definitionVersion: current.definitionVersion, recomputing: false, id: current.id };
    const [row] = await tx
      .update(segments)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(segments.id, current.id), eq(segments.workspaceId, workspaceId)))
      .returning({ definitionVersion: segments.definitionVersion });
    await recordAuditLog(tx, workspaceId, {
      actorUserId,
      action: "segment.updated",
      target: publicId,
      data: {
        changed,
        ...(set.name !== undefined && { name: set.name, previousName: current.name }),
        ...(newDefinition && { definitionVersion: row.definitionVersion }),
      },
    });
    return { publicId, definitionVersion: row.definitionVersion, recomputing: newDefinition, id: current.id };
  });
  if (result.recomputing) {
    await sendJobEvent({ name: "segments/recompute.requested", data: { workspaceId, segmentId: result.id, version: result.definitionVersion } });
  }
  return { publicId: result.publicId, definitionVersion: result.definitionVersion, recomputing: result.recomputing };
}
