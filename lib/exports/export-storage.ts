import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { exportFileParts } from "@/db/schema";

/**
 * Where built export files live. A file is written as numbered parts (one per build chunk,
 * so a retried chunk rewrites only its own part) and read back in order. Postgres is the
 * default, so the embedded default and a plain Neon deploy need nothing else; object storage
 * (S3, R2, Vercel Blob) can implement the same four methods.
 */
export interface ExportStorage {
  /** Writes part `part` of the file; writing the same part again replaces it (retries). */
  putPart(exportId: string, part: number, content: Buffer): Promise<{ byteSize: number }>;
  /** The parts in order, one at a time: the whole file is never in memory. */
  readParts(exportId: string): AsyncIterable<Buffer>;
  /** Total size in bytes of the stored parts. */
  size(exportId: string): Promise<number>;
  remove(exportId: string): Promise<void>;
}

export function postgresExportStorage(db: DbOrTx): ExportStorage {
  return {
    async putPart(exportId, part, content) {
      const byteSize = content.byteLength;
      await db
        .insert(exportFileParts)
        .values({ exportId, part, content, byteSize })
        // excluded.*: the part's bytes are sent once, not a second time for the update.
        .onConflictDoUpdate({
          target: [exportFileParts.exportId, exportFileParts.part],
          set: { content: sql`excluded.content`, byteSize: sql`excluded.byte_size` },
        });
      return { byteSize };
    },
    async *readParts(exportId) {
      const parts = await db
        .select({ part: exportFileParts.part })
        .from(exportFileParts)
        .where(eq(exportFileParts.exportId, exportId))
        .orderBy(asc(exportFileParts.part));
      for (const { part } of parts) {
        const [row] = await db
          .select({ content: exportFileParts.content })
          .from(exportFileParts)
          .where(and(eq(exportFileParts.exportId, exportId), eq(exportFileParts.part, part)));
        if (row) yield row.content;
      }
    },
    async size(exportId) {
      const [row] = await queryRows<{ total: unknown }>(
        db,
        sql`SELECT coalesce(sum(byte_size), 0) AS total FROM export_file_parts WHERE export_id = ${exportId}::uuid`,
      );
      return toNumber(row.total);
    },
    async remove(exportId) {
      await db.delete(exportFileParts).where(eq(exportFileParts.exportId, exportId));
    },
  };
}

/** The storage the app uses. One place to switch to object storage later. */
export function exportStorage(db: DbOrTx): ExportStorage {
  return postgresExportStorage(db);
}
