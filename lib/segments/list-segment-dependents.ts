import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";

export type SegmentDependent = { publicId: string; name: string };

/** Live segments whose conditions use this one ("in segment" / "not in segment"), by name. */
export async function listSegmentDependents(db: DbOrTx, workspaceId: string, publicId: string): Promise<SegmentDependent[]> {
  const rows = await queryRows<{ public_id: string; name: string }>(
    db,
    sql`SELECT public_id, name FROM segments
        WHERE workspace_id = ${workspaceId}::uuid AND type = 'automatic' AND deleted_at IS NULL AND public_id <> ${publicId}
          AND jsonb_path_exists(conditions, '$.** ? (@.type == "segment" && @.segmentId == $id)', jsonb_build_object('id', ${publicId}::text))
        ORDER BY lower(name), id`,
  );
  return rows.map((r) => ({ publicId: r.public_id, name: r.name }));
}
