import type { DbOrTx } from "@/db/client";
import { authenticateApiKey, type ApiKeyAuth } from "./authenticate-api-key";
import { hashApiKey } from "./hash-api-key";

export type WriteKeyAuth = ApiKeyAuth;

/**
 * How long this process trusts a write key it has checked. Every tracking request carries
 * the key, and looking it up was a round trip of its own on each of them (one statement of
 * six per batch). Write keys only allow adding data and are public by design (they ship in
 * web pages); a key revoked here is forgotten at once, one revoked from another server
 * process still works there for at most this long. Secret keys are always looked up.
 */
export const WRITE_KEY_TRUST_MS = 10_000;
const MAX_CACHED_KEYS = 1_000;

// On globalThis: the route bundles and the server actions (revoke) are separate module graphs in one process.
const cache = ((globalThis as unknown as { __lumenWriteKeys?: Map<string, { auth: WriteKeyAuth; until: number }> }).__lumenWriteKeys ??= new Map());

/** The workspace a write key belongs to, or null when the key is unknown, revoked or not a write key. */
export async function authenticateWriteKey(db: DbOrTx, key: string): Promise<WriteKeyAuth | null> {
  if (!key) return null;
  const hash = hashApiKey(key);
  const hit = cache.get(hash);
  if (hit && hit.until > Date.now()) return hit.auth;
  // Unknown keys are not remembered: guessing keys must not fill the cache.
  const auth = await authenticateApiKey(db, key, "write");
  cache.delete(hash);
  if (auth) {
    // Oldest first in a Map: the first entry is the one checked longest ago.
    if (cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value!);
    cache.set(hash, { auth, until: Date.now() + WRITE_KEY_TRUST_MS });
  }
  return auth;
}

/** Stops trusting a write key in this process (called when it is revoked). */
export function forgetWriteKey(hash: string): void {
  cache.delete(hash);
}
