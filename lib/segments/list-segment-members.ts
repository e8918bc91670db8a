import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { customerNameSql } from "@/lib/customers/customer-name";
import { getSegmentOrThrow } from "./get-segment";
import { escapeLike } from "./list-segments";
import { listMembersQuerySchema, parseOptions, type ListMembersOptions } from "./segment-schemas";

export type SegmentMemberRow = {
  customerId: number;
  email: string | null;
  name: string | null;
  externalId: string | null;
  enteredAt: Date;
  source: "condition" | "csv" | "selection" | "api" | "data_store";
};

export type SegmentMembersPage = {
  rows: SegmentMemberRow[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
};

/**
 * Candidate member ids for a search, one branch per way of matching so each uses its own
 * index, each stopping at `take` (as the customer list's search does): email prefix
 * (customers_email_prefix_idx, then a primary-key probe of the membership), exact external
 * id, and the name, which has no index and walks the members newest first.
 */
function searchMemberIds(workspaceId: string, segmentId: number, search: string, cursor: number | undefined, take: number): SQL {
  const before = cursor === undefined ? sql`` : sql` AND c.id < ${cursor}`;
  const isMember = sql`EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = ${segmentId} AND m.customer_id = x.id)`;
  // Sorted first, behind OFFSET 0 so the planner keeps it that way, then probed for membership
  // newest first until a page is found: a common prefix ("ana": ~5,600 customers at a million)
  // costs one sort and a page of probes, not a probe per match.
  const customerBranch = (where: SQL) =>
    sql`(SELECT x.id FROM (
          SELECT c.id FROM customers c WHERE c.workspace_id = ${workspaceId}::uuid AND ${where}${before} ORDER BY c.id DESC OFFSET 0
        ) x WHERE ${isMember} LIMIT ${take})`;
  const branches = [
    customerBranch(sql`lower(c.email) LIKE ${`${escapeLike(search.toLowerCase())}%`}`),
    customerBranch(sql`c.external_id = ${search}`),
  ];
  if (!/[@\d]/.test(search)) {
    const memberBefore = cursor === undefined ? sql`` : sql` AND m.customer_id < ${cursor}`;
    branches.push(
      sql`(SELECT m.customer_id FROM segment_members m JOIN customers c ON c.id = m.customer_id
           WHERE m.segment_id = ${segmentId}${memberBefore} AND ${customerNameSql("c")} ILIKE ${`%${escapeLike(search)}%`}
           ORDER BY m.customer_id DESC LIMIT ${take})`,
    );
  }
  return sql.join(branches, sql` UNION `);
}

/**
 * One page of a segment's members, newest customers first, by keyset on the membership's
 * primary key (segment_id, customer_id): page 500 costs what page 1 costs. Never counts.
 */
export async function listSegmentMembers(db: DbOrTx, workspaceId: string, publicId: string, options: ListMembersOptions = {}): Promise<SegmentMembersPage> {
  const { q, cursor: rawCursor, limit } = parseOptions(listMembersQuerySchema, options);
  const segment = await getSegmentOrThrow(db, workspaceId, publicId);
  const cursor = rawCursor === undefined ? undefined : Number(rawCursor);
  const take = limit + 1;
  const where: SQL[] = [sql`sm.segment_id = ${segment.id}`];
  if (cursor !== undefined) where.push(sql`sm.customer_id < ${cursor}`);
  if (q) where.push(sql`sm.customer_id IN (${searchMemberIds(workspaceId, segment.id, q, cursor, take)})`);
  const rows = await queryRows<{ customer_id: unknown; email: string | null; name: string | null; external_id: string | null; entered_at: unknown; source: SegmentMemberRow["source"] }>(
    db,
    // The page of memberships first (a walk of the primary key from the cursor), then its
    // customers by primary key: joined directly, the planner may merge-join against the whole
    // customers index from the top, which costs O(cursor depth) instead of O(page).
    sql`WITH page AS MATERIALIZED (
          SELECT sm.customer_id, sm.entered_at, sm.source FROM segment_members sm
          WHERE ${sql.join(where, sql` AND `)}
          ORDER BY sm.customer_id DESC
          LIMIT ${take}
        )
        SELECT page.customer_id, c.email, ${customerNameSql("c")} AS name, c.external_id, page.entered_at, page.source
        FROM page
        JOIN customers c ON c.id = page.customer_id AND c.workspace_id = ${workspaceId}::uuid
        ORDER BY page.customer_id DESC`,
  );
  const page = rows.slice(0, limit).map(
    (r): SegmentMemberRow => ({
      customerId: toNumber(r.customer_id),
      email: r.email,
      name: r.name,
      externalId: r.external_id,
      enteredAt: r.entered_at instanceof Date ? r.entered_at : new Date(String(r.entered_at)),
      source: r.source,
    }),
  );
  return { rows: page, nextCursor: rows.length > limit ? String(page[page.length - 1].customerId) : null };
}
