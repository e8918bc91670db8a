import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "@/db/client";
import { escapeLike } from "@/lib/segments/list-segments";
import { getDataStoreOrThrow } from "./get-data-store";

export type DataStoreRecordRow = { key: string; customer: string; data: Record<string, unknown>; updatedAt: Date; customerId: number | null };
export type DataStoreRecordsPage = { rows: DataStoreRecordRow[]; nextCursor: string | null };

export const listRecordsQuerySchema = z.object({
  q: z.string().trim().max(255).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListRecordsOptions = z.input<typeof listRecordsQuerySchema>;

/**
 * One page of a store's records in key order, by keyset on (data_store_id, key), optionally
 * only keys starting with `q` (the text_pattern_ops index). Each row says which customer
 * the record names today, if any.
 */
export async function listDataStoreRecords(db: DbOrTx, workspaceId: string, publicId: string, options: ListRecordsOptions = {}): Promise<DataStoreRecordsPage> {
  const { q, cursor, limit } = listRecordsQuerySchema.parse(options);
  const store = await getDataStoreOrThrow(db, workspaceId, publicId);
  const where: SQL[] = [sql`r.data_store_id = ${store.id}::bigint`];
  if (cursor) where.push(sql`r.key > ${cursor}`);
  if (q) where.push(sql`r.key LIKE ${`${escapeLike(q)}%`}`);
  const match = store.identifierKind === "email" ? sql`lower(c.email) = page.customer_identifier` : sql`c.external_id = page.customer_identifier`;
  const rows = await queryRows<{ key: string; customer_identifier: string; data: unknown; updated_at: unknown; customer_id: unknown }>(
    db,
    sql`WITH page AS MATERIALIZED (
          SELECT r.key, r.customer_identifier, r.data, r.updated_at FROM data_store_records r
          WHERE ${sql.join(where, sql` AND `)}
          ORDER BY r.key
          LIMIT ${limit + 1}
        )
        SELECT page.*, (SELECT c.id FROM customers c WHERE c.workspace_id = ${workspaceId}::uuid AND ${match} LIMIT 1) AS customer_id
        FROM page ORDER BY page.key`,
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit).map((r) => ({
    key: r.key,
    customer: r.customer_identifier,
    data: (typeof r.data === "string" ? JSON.parse(r.data) : r.data) as Record<string, unknown>,
    updatedAt: new Date(r.updated_at as string),
    customerId: r.customer_id === null || r.customer_id === undefined ? null : Number(r.customer_id),
  }));
  return { rows: page, nextCursor: more ? page[page.length - 1].key : null };
}
