import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { escapeLike } from "@/lib/segments/list-segments";
import { customerNameSql } from "./customer-name";
import type { CustomerFilters } from "./customer-filters";
import { emailKey } from "./email-key";

/**
 * The filters of the Customers tab compiled to SQL over `customers c`. Every value is a bound
 * parameter (the attribute key too), and no predicate wraps an indexed column in a function:
 * country is an equality on (workspace_id, country), last seen compares the column with a
 * cutoff computed here, segment membership probes segment_members' primary key.
 */
export type CompiledCustomerFilters = {
  /** Conditions on alias `c`, to AND with `c.workspace_id = …`. */
  where: SQL[];
  search: string | undefined;
  /** The filter segment's name, for describing the selection. */
  segmentName: string | undefined;
};

export const filterSegmentNotFound = () => new NotFoundError("The segment in the filter does not exist, or was deleted");

export async function compileCustomerFilters(
  db: DbOrTx,
  workspaceId: string,
  filters: CustomerFilters,
  now: Date = new Date(),
): Promise<CompiledCustomerFilters> {
  const where: SQL[] = [];
  if (filters.country !== undefined) where.push(sql`c.country = ${filters.country}`);
  if (filters.seen === "never") where.push(sql`c.last_seen_at IS NULL`);
  if (filters.seen === "within" || filters.seen === "over") {
    const cutoff = new Date(now.getTime() - filters.days! * 86_400_000).toISOString();
    where.push(filters.seen === "within" ? sql`c.last_seen_at >= ${cutoff}::timestamptz` : sql`c.last_seen_at < ${cutoff}::timestamptz`);
  }
  // ->> compares as text, so "true", "42" and "pro" all match what a profile shows.
  if (filters.attr !== undefined) where.push(sql`c.attributes ->> ${filters.attr}::text = ${filters.value ?? ""}::text`);
  let segmentName: string | undefined;
  if (filters.segment) {
    const [segment] = await db
      .select({ id: segments.id, name: segments.name })
      .from(segments)
      .where(and(eq(segments.workspaceId, workspaceId), eq(segments.publicId, filters.segment), isNull(segments.deletedAt)))
      .limit(1);
    if (!segment) throw filterSegmentNotFound();
    segmentName = segment.name;
    const member = sql`SELECT 1 FROM segment_members sm WHERE sm.segment_id = ${toNumber(segment.id)}::bigint AND sm.customer_id = c.id`;
    where.push(filters.segmentOp === "not_in" ? sql`NOT EXISTS (${member})` : sql`EXISTS (${member})`);
  }
  return { where, search: filters.q?.trim() || undefined, segmentName };
}

/**
 * The ids matching a search (and the filters), one branch per way of matching so each can use
 * its own index (an OR across them would fall back to scanning the whole workspace): email
 * prefix via customers_email_prefix_idx, exact external id via customers_external_id_idx, and
 * name in attributes. With `page`, each branch walks in page order and stops at `take` rows;
 * without, the branches are the whole matching set.
 */
export function searchIdsSql(
  workspaceId: string,
  search: string,
  where: SQL[],
  page?: { keyset: SQL | undefined; descending: boolean; take: number },
): SQL {
  const extra = [...where, ...(page?.keyset ? [page.keyset] : [])];
  const extraClause = extra.length ? sql` and ${sql.join(extra, sql` and `)}` : sql``;
  const tail = page ? sql` order by c.id ${page.descending ? sql`desc` : sql`asc`} limit ${page.take}` : sql``;
  const branch = (match: SQL) => sql`(select c.id from customers c where c.workspace_id = ${workspaceId} and ${match}${extraClause}${tail})`;
  const branches = [
    // The pattern is keyed by lower() too (a constant once bound, so the prefix index applies).
    branch(sql`${emailKey(sql`c.email`)} like ${emailKey(escapeLike(search))} || '%'`),
    branch(sql`c.external_id = ${search}`),
  ];
  // Names have no index: this branch walks the workspace in page order until it has a page,
  // which for a rare name means the whole workspace (about 1 s at a million customers).
  // Addresses and ids are not names, so a search with "@" or a digit skips it.
  if (!/[@\d]/.test(search)) branches.push(branch(sql`${customerNameSql("c")} ilike ${`%${escapeLike(search)}%`}`));
  return sql.join(branches, sql` union `);
}

/**
 * Every customer id of the workspace matching the compiled filters, as one SQL set (one bigint
 * column): what "select all N customers matching" means. The membership module consumes it as
 * its workspace-scoped query, so the ids never travel through JavaScript.
 */
export function matchingCustomerIdsSql(workspaceId: string, compiled: CompiledCustomerFilters): SQL {
  if (compiled.search) return sql`select id from (${searchIdsSql(workspaceId, compiled.search, compiled.where)}) matching`;
  const extra = compiled.where.length ? sql` and ${sql.join(compiled.where, sql` and `)}` : sql``;
  return sql`select c.id from customers c where c.workspace_id = ${workspaceId}${extra}`;
}

/** How many customers match: counted when the marketer asks for "all matching", not on every page view. */
export async function countMatchingCustomers(db: DbOrTx, workspaceId: string, compiled: CompiledCustomerFilters): Promise<number> {
  const [row] = await queryRows<{ n: unknown }>(db, sql`select count(*) as n from (${matchingCustomerIdsSql(workspaceId, compiled)}) s`);
  return toNumber(row?.n ?? 0);
}
