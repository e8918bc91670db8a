import { createHash, randomBytes } from "node:crypto";
import type { ApiKeyKind } from "@/db/schema";

const prefixes: Record<ApiKeyKind, string> = { write: "lk_write_", secret: "lk_secret_" };

/** A new random key, e.g. `lk_write_3q2…`. Shown to the user once; only its hash is stored. */
export function generateApiKey(kind: ApiKeyKind): string {
  return prefixes[kind] + randomBytes(24).toString("base64url");
}

/** Keys are long random strings, so a plain SHA-256 is the right hash (no salt or KDF needed). */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** What is shown in lists to tell keys apart, e.g. `lk_write_3q2a…`. */
export function displayPrefix(key: string): string {
  return `${key.slice(0, key.indexOf("_", 3) + 5)}…`;
}
