import "server-only";
import type { Db } from "@/db/client";
import { apiKeys, type ApiKeyKind } from "@/db/schema";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import { displayPrefix, generateApiKey, hashApiKey } from "./hash-api-key";

export type CreatedApiKey = { id: string; name: string; kind: ApiKeyKind; prefix: string; key: string };

/** Stores only the hash and a display prefix; the returned `key` is the one and only time the full key exists. */
export async function createApiKey(
  db: Db,
  workspaceId: string,
  input: { actorUserId: string; name: string; kind: ApiKeyKind },
): Promise<CreatedApiKey> {
  const key = generateApiKey(input.kind);
  const prefix = displayPrefix(key);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ workspaceId, name: input.name, kind: input.kind, prefix, hash: hashApiKey(key), createdBy: input.actorUserId })
      .returning({ id: apiKeys.id });
    await recordAuditLog(tx, workspaceId, {
      actorUserId: input.actorUserId,
      action: "api_key.created",
      target: row.id,
      data: { name: input.name, kind: input.kind, prefix },
    });
    return { id: row.id, name: input.name, kind: input.kind, prefix, key };
  });
}
