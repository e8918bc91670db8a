import "server-only";
import type { Db } from "@/db/client";
import type { MutationActor } from "./create-segment";
import { updateSegment } from "./update-segment";

/** Replaces an automatic segment's conditions (see updateSegment: new version, recompute, audit row). */
export async function updateSegmentConditions(db: Db, workspaceId: string, publicId: string, conditions: unknown, actor: MutationActor) {
  return updateSegment(db, workspaceId, publicId, { conditions: conditions as never }, actor);
}
