import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";

/** Stores that some live segment follows: in one workspace, or (no workspace) everywhere, for the scheduled sync. */
export async function listStoresToSync(db: DbOrTx, workspaceId?: string): Promise<{ workspaceId: string; dataStoreId: number }[]> {
  const rows = await queryRows<{ workspace_id: string; id: unknown }>(
    db,
    sql`SELECT d.workspace_id, d.id FROM data_stores d
        WHERE ${workspaceId ? sql`d.workspace_id = ${workspaceId}::uuid AND` : sql``}
          EXISTS (SELECT 1 FROM segments s WHERE s.data_store_id = d.id AND s.deleted_at IS NULL)
        ORDER BY d.id`,
  );
  return rows.map((r) => ({ workspaceId: r.workspace_id, dataStoreId: toNumber(r.id) }));
}
