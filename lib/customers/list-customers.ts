import "server-only";
import { and, asc, desc, eq, gt, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customers } from "@/db/schema";
import { toNumber } from "@/db/client";
import { customerNameSql } from "./customer-name";
import { emailKey } from "./email-key";

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

/** `after` pages forward from a cursor, `before` pages back from one; at most one of them. */
export type ListCustomersOptions = { search?: string; after?: number; before?: number; order?: CustomerOrder; limit: number };

export const MAX_CUSTOMER_PAGE_SIZE = 100;

/** The text that tells a marketer how the search box matches; shown under it and in empty results. */
export const CUSTOMER_SEARCH_RULES = "Matches the start of an email address, an exact external ID, or part of a name.";

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function validCursor(value: number | undefined): number | undefined {
  return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/**
 * The ids matching a search in the order a page reads them, one branch per way of matching so
 * each can use its own index (an OR across them would fall back to scanning the whole
 * workspace): email prefix via customers_email_prefix_idx, exact external id via
 * customers_external_id_idx, and name in attributes. Each branch stops at `take` rows.
 */
function searchIds(workspaceId: string, search: string, keyset: SQL | undefined, descending: boolean, take: number): SQL {
  const keysetClause = keyset ? sql` and ${keyset}` : sql``;
  const direction = descending ? sql`desc` : sql`asc`;
  const branch = (where: SQL) =>
    sql`(select c.id from customers c where c.workspace_id = ${workspaceId} and ${where}${keysetClause} order by c.id ${direction} limit ${take})`;
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
 * One page of a workspace's customers, newest or oldest first, by keyset on
 * (workspace_id, id) in either direction, so page 1000 costs the same as page 1.
 */
export async function listCustomers(db: DbOrTx, workspaceId: string, options: ListCustomersOptions): Promise<CustomerPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit) || 1, 1), MAX_CUSTOMER_PAGE_SIZE);
  const after = validCursor(options.after);
  const before = after === undefined ? validCursor(options.before) : undefined;
  const newestFirst = (options.order ?? "newest") === "newest";
  const search = options.search?.trim() ?? "";
  const take = limit + 1;

  // Paging back reads the rows just before the cursor in reverse, then flips them.
  const backwards = before !== undefined;
  const descending = newestFirst !== backwards;
  const cursor = after ?? before;
  const keyset = cursor === undefined ? undefined : descending ? lt(customers.id, cursor) : gt(customers.id, cursor);
  const rawKeyset = cursor === undefined ? undefined : descending ? sql`c.id < ${cursor}` : sql`c.id > ${cursor}`;

  const conditions: SQL[] = [eq(customers.workspaceId, workspaceId)];
  if (keyset) conditions.push(keyset);
  if (search) conditions.push(sql`${customers.id} in (${searchIds(workspaceId, search, rawKeyset, descending, take)})`);

  const rows = await db
    .select({
      id: customers.id,
      email: customers.email,
      name: customerNameSql('"customers"'),
      externalId: customers.externalId,
      country: customers.country,
      lastSeenAt: customers.lastSeenAt,
    })
    .from(customers)
    .where(and(...conditions))
    .orderBy(descending ? desc(customers.id) : asc(customers.id))
    .limit(take);

  const more = rows.length > limit;
  const page = rows.slice(0, limit);
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
