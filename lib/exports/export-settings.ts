/** Rows per build chunk: one keyset read, one CSV part, one stored part; well inside a 60 s step at any size. */
export function exportChunkRows(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.LUMEN_EXPORT_CHUNK_ROWS);
  return Number.isInteger(n) && n > 0 ? n : 50_000;
}

/**
 * Build chunks run as parallel steps, this many at a time (LUMEN_EXPORT_PARALLEL_CHUNKS, default 2).
 * bench:export at 1M members on 2 cores, with the JavaScript CSV writer: 2 at a time 13.9 s, 4 at a time no
 * faster and 100+ MB more. With COPY a chunk's work is nearly all in Postgres, so more chunks at a time
 * than the database has cores only queue (not re-measured at 3 or 4 since).
 */
export function exportParallelChunks(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.LUMEN_EXPORT_PARALLEL_CHUNKS);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 16) : 2;
}

/** Files up to this size (5 MB) are attached to the email; larger ones are sent as a signed link. */
export function attachmentLimitBytes(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.LUMEN_EXPORT_ATTACHMENT_LIMIT_BYTES);
  return Number.isInteger(n) && n >= 0 && env.LUMEN_EXPORT_ATTACHMENT_LIMIT_BYTES !== "" && env.LUMEN_EXPORT_ATTACHMENT_LIMIT_BYTES !== undefined ? n : 5 * 1024 * 1024;
}

/** A built file, and every link to it, is valid for 7 days after it was built; the hourly cron then deletes it. */
export const EXPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Simple per-workspace limit until a shared rate limiter exists: exports requested per rolling hour. */
export const EXPORTS_PER_WORKSPACE_PER_HOUR = 10;

/** An export still queued or building after this long lost its job (e.g. a deploy without Inngest): the cron fails it. */
export const STALE_EXPORT_MS = 24 * 60 * 60 * 1000;
