import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";

/**
 * Attribute keys to offer as export columns: those of the workspace's 2,000 most recent
 * customers (a bounded read, not a scan of every profile), at most 100, sorted.
 */
export async function listExportAttributeKeys(db: DbOrTx, workspaceId: string): Promise<string[]> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`SELECT DISTINCT k.key
        FROM (SELECT attributes FROM customers WHERE workspace_id = ${workspaceId}::uuid ORDER BY id DESC LIMIT 2000) c,
             jsonb_object_keys(c.attributes) AS k(key)
        ORDER BY k.key
        LIMIT 100`,
  );
  return rows.map((r) => r.key);
}
