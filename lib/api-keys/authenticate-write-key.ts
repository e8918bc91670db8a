import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { hashApiKey } from "./hash-api-key";

export type WriteKeyAuth = { keyId: string; workspaceId: string };

/**
 * The workspace a write key belongs to, or null when the key is unknown, revoked or not
 * a write key. One statement: last_used_at is refreshed in the same round trip, and only
 * when it is over a minute old, so steady traffic does not turn every request into a write
 * on the same api_keys row.
 */
export async function authenticateWriteKey(db: DbOrTx, key: string): Promise<WriteKeyAuth | null> {
  if (!key) return null;
  const rows = await queryRows<{ id: string; workspace_id: string }>(
    db,
    sql`
      WITH k AS (
        SELECT id, workspace_id FROM api_keys
        WHERE hash = ${hashApiKey(key)} AND kind = 'write' AND revoked_at IS NULL
      ),
      touch AS (
        UPDATE api_keys SET last_used_at = now()
        FROM k
        -- Tested on the row itself, so concurrent requests re-check after the first one's update.
        WHERE api_keys.id = k.id AND (api_keys.last_used_at IS NULL OR api_keys.last_used_at < now() - interval '1 minute')
      )
      SELECT id, workspace_id FROM k
    `,
  );
  const row = rows[0];
  return row ? { keyId: row.id, workspaceId: row.workspace_id } : null;
}
