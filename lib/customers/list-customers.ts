import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { customers } from "@/db/schema";
import { searchIdsSql, type CompiledCustomerFilters } from "./customer-filter-sql";
import { customerNameSql } from "./customer-name";

export type CustomerListItem = {
  id: number;
  email: string | null;
  name: string | null;
  externalId: string | null;
  country: string | null;
  lastSeenAt: Date | null;
};

export const customerOrders = ["newest", "oldest"] as const;
export type CustomerOrder = (typeof customerOrders)[number];

export type CustomerPage = {
  customers: CustomerListItem[];
  /** Pass as `after` to get the next page; null on the last page. */
  nextCursor: number | null;
  /** Pass as `before` to get the previous page; null on the first page. */
  prevCursor: number | null;
};

/**
 * `after` pages forward from a cursor, `before` pages back from one; at most one of them.
 * `filters` are the Customers tab's compiled filters (their search is used when `search` is not given).
 */
export type ListCustomersOptions = { search?: string; filters?: CompiledCustomerFilters; after?: number; before?: number; order?: CustomerOrder; limit: number };

export const MAX_CUSTOMER_PAGE_SIZE = 100;

/** The text that tells a marketer how the search box matches; shown under it and in empty results. */
export const CUSTOMER_SEARCH_RULES = "Matches the start of an email address, an exact external ID, or part of a name.";

function validCursor(value: number | undefined): number | undefined {
  return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/**
 * One page of a workspace's customers, newest or oldest first, by keyset on
 * (workspace_id, id) in either direction, so page 1000 costs the same as page 1. Filters
 * narrow the same walk (the planner stops once it has a page of matches).
 */
export async function listCustomers(db: DbOrTx, workspaceId: string, options: ListCustomersOptions): Promise<CustomerPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit) || 1, 1), MAX_CUSTOMER_PAGE_SIZE);
  const after = validCursor(options.after);
  const before = after === undefined ? validCursor(options.before) : undefined;
  const newestFirst = (options.order ?? "newest") === "newest";
  const filters = options.filters ?? { where: [], search: undefined, segmentName: undefined };
  const search = options.search?.trim() || filters.search || "";
  const take = limit + 1;

  // Paging back reads the rows just before the cursor in reverse, then flips them.
  const backwards = before !== undefined;
  const descending = newestFirst !== backwards;
  const cursor = after ?? before;
  const keyset = cursor === undefined ? undefined : descending ? sql`c.id < ${cursor}` : sql`c.id > ${cursor}`;

  const conditions: SQL[] = [sql`c.workspace_id = ${workspaceId}`, ...filters.where];
  if (keyset) conditions.push(keyset);
  // The filters go into each search branch too, so a branch's `take` rows are all real matches.
  if (search) conditions.push(sql`c.id in (${searchIdsSql(workspaceId, search, filters.where, { keyset, descending, take })})`);

  const rows = await queryRows<{ id: unknown; email: string | null; name: string | null; external_id: string | null; country: string | null; last_seen_at: unknown }>(
    db,
    sql`select c.id, c.email, ${customerNameSql("c")} as name, c.external_id, c.country, c.last_seen_at
        from customers c
        where ${sql.join(conditions, sql` and `)}
        order by c.id ${descending ? sql`desc` : sql`asc`}
        limit ${take}`,
  );
  const items: CustomerListItem[] = rows.map((r) => ({
    id: toNumber(r.id),
    email: r.email,
    name: r.name,
    externalId: r.external_id,
    country: r.country,
    lastSeenAt: r.last_seen_at === null || r.last_seen_at === undefined ? null : r.last_seen_at instanceof Date ? r.last_seen_at : new Date(String(r.last_seen_at)),
  }));

  const more = items.length > limit;
  const page = items.slice(0, limit);
  if (backwards) page.reverse();
  const first = page[0]?.id ?? null;
  const last = page[page.length - 1]?.id ?? null;
  return {
    customers: page,
    nextCursor: backwards ? last : more ? last : null,
    prevCursor: backwards ? (more ? first : null) : after !== undefined ? first : null,
  };
}

/** How many customers the workspace has: an index-only count, for the list's header. */
export async function countCustomers(db: DbOrTx, workspaceId: string): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)` }).from(customers).where(eq(customers.workspaceId, workspaceId));
  return toNumber(row?.count ?? 0);
}
