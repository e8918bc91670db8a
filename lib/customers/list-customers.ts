import "server-only";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customers } from "@/db/schema";
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

export type CustomerPage = {
  customers: CustomerListItem[];
  /** Pass as `after` to get the next page; null on the last page. */
  nextCursor: number | null;
};

export type ListCustomersOptions = { search?: string; after?: number; limit: number };

export const MAX_CUSTOMER_PAGE_SIZE = 100;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The ids matching a search, newest first, one branch per way of matching so each can use
 * its own index (an OR across them would fall back to scanning the whole workspace):
 * email prefix via customers_email_prefix_idx, exact external id via
 * customers_external_id_idx, and name in attributes. Each branch stops at `take` rows.
 */
function searchIds(workspaceId: string, search: string, after: number | undefined, take: number): SQL {
  const afterClause = after === undefined ? sql`` : sql` and c.id < ${after}`;
  const branch = (where: SQL) =>
    sql`(select c.id from customers c where c.workspace_id = ${workspaceId} and ${where}${afterClause} order by c.id desc limit ${take})`;
  const branches = [
    // The pattern is keyed by lower() too (a constant once bound, so the prefix index applies).
    branch(sql`${emailKey(sql`c.email`)} like ${emailKey(escapeLike(search))} || '%'`),
    branch(sql`c.external_id = ${search}`),
  ];
  // Names have no index: this branch walks the workspace newest-first until it has a page,
  // which for a rare name means the whole workspace (about 1 s at a million customers).
  // Addresses and ids are not names, so a search with "@" or a digit skips it.
  if (!/[@\d]/.test(search)) branches.push(branch(sql`${customerNameSql("c")} ilike ${`%${escapeLike(search)}%`}`));
  return sql.join(branches, sql` union `);
}

/**
 * One page of a workspace's customers, newest first, by keyset on (workspace_id, id) so
 * page 1000 costs the same as page 1. Never counts the table.
 */
export async function listCustomers(db: DbOrTx, workspaceId: string, options: ListCustomersOptions): Promise<CustomerPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit) || 1, 1), MAX_CUSTOMER_PAGE_SIZE);
  const after = options.after !== undefined && Number.isSafeInteger(options.after) && options.after > 0 ? options.after : undefined;
  const search = options.search?.trim() ?? "";
  const take = limit + 1;

  const conditions: SQL[] = [eq(customers.workspaceId, workspaceId)];
  if (after !== undefined) conditions.push(lt(customers.id, after));
  if (search) conditions.push(sql`${customers.id} in (${searchIds(workspaceId, search, after, take)})`);

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
    .orderBy(desc(customers.id))
    .limit(take);

  const page = rows.slice(0, limit);
  return {
    customers: page,
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}
