import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import type { ApiKeyKind } from "@/db/schema";
import { hashApiKey } from "./hash-api-key";

export type ApiKeyAuth = { keyId: string; workspaceId: string };

/**
 * The workspace a key of the given kind belongs to, or null when the key is unknown,
 * revoked or of another kind. One statement: last_used_at is refreshed in the same round
 * trip, and only when it is over a minute old, so steady traffic does not turn every
 * request into a write on the same api_keys row.
 */
export async function authenticateApiKey(db: DbOrTx, key: string, kind: ApiKeyKind): Promise<ApiKeyAuth | null> {
  if (!key) return null;
  const rows = await queryRows<{ id: string; workspace_id: string }>(
    db,
    sql`
      WITH k AS (
        SELECT id, workspace_id FROM api_keys
        WHERE hash = ${hashApiKey(key)} AND kind = ${kind}::api_key_kind AND revoked_at IS NULL
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
