import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A random public id (`<prefix>…`): shown in URLs and the API, never the internal bigint. */
export function newPublicId(prefix: string): string {
  const bytes = randomBytes(14);
  let id = prefix;
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}

/** Public segment ids (`seg_…`). */
export function newSegmentPublicId(): string {
  return newPublicId("seg_");
}
