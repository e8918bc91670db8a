import type { DbOrTx } from "@/db/client";
import { authenticateApiKey, type ApiKeyAuth } from "./authenticate-api-key";

export type WriteKeyAuth = ApiKeyAuth;

/** The workspace a write key belongs to, or null when the key is unknown, revoked or not a write key. */
export async function authenticateWriteKey(db: DbOrTx, key: string): Promise<WriteKeyAuth | null> {
  return authenticateApiKey(db, key, "write");
}
