import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiKeys, type ApiKeyKind } from "@/db/schema";

export type ApiKeyRow = {
  id: string;
  name: string;
  kind: ApiKeyKind;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
};

/** Active (not revoked) keys, newest first. Never selects the hash. */
export async function listApiKeys(db: DbOrTx, workspaceId: string): Promise<ApiKeyRow[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      kind: apiKeys.kind,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
}
