import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Public segment ids (`seg_…`): shown in URLs and the API, never the internal bigint. */
export function newSegmentPublicId(): string {
  const bytes = randomBytes(14);
  let id = "seg_";
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}
