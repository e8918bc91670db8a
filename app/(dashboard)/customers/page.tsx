import { Search, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/page-header";
import { Timestamp } from "@/components/dashboard/timestamp";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { IntentLink } from "@/components/ui/intent-link";
import { parseCustomerId } from "@/lib/customers/get-customer";
import { countCustomers, CUSTOMER_SEARCH_RULES, customerOrders, listCustomers, type CustomerOrder } from "@/lib/customers/list-customers";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Customers" };

const PAGE_SIZE = 50;

type SearchParams = Promise<{ q?: string | string[]; after?: string | string[]; before?: string | string[]; order?: string | string[] }>;

const orderLabels: Record<CustomerOrder, string> = { newest: "Newest first", oldest: "Oldest first" };

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export default async function CustomersPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const q = single(params.q).trim().slice(0, 200);
  const after = parseCustomerId(single(params.after)) ?? undefined;
  const before = after === undefined ? (parseCustomerId(single(params.before)) ?? undefined) : undefined;
  const order: CustomerOrder = (customerOrders as readonly string[]).includes(single(params.order)) ? (single(params.order) as CustomerOrder) : "newest";
  const { db, workspaceId } = await getWorkspaceContext();
  const [page, total] = await Promise.all([
    listCustomers(db, workspaceId, { search: q || undefined, after, before, order, limit: PAGE_SIZE }),
    countCustomers(db, workspaceId),
  ]);

  const href = (extra: Record<string, string>) => {
    const query = new URLSearchParams({ ...(q ? { q } : {}), ...(order !== "newest" ? { order } : {}), ...extra });
    return query.size ? `/customers?${query}` : "/customers";
  };
  const nextHref = page.nextCursor ? href({ after: String(page.nextCursor) }) : null;
  const prevHref = page.prevCursor ? href({ before: String(page.prevCursor) }) : null;
  const firstHref = href({});
  const paged = after !== undefined || before !== undefined;

  return (
    <>
      <PageHeader
        title="Customers"
        description={`${total.toLocaleString("en-US")} ${total === 1 ? "customer" : "customers"} in this workspace. Open a customer to see their attributes, events and segments.`}
      />

      <form role="search" action="/customers" method="get" className="mb-4 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="customer-search" className="sr-only">
          Search customers
        </label>
        <div className="relative flex-1">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-400" />
          <Input
            id="customer-search"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Email, external ID or name"
            className="pl-9"
            aria-describedby="customer-search-help"
          />
        </div>
        <div className="flex gap-2">
          <label htmlFor="customer-order" className="sr-only">
            Order
          </label>
          <Select id="customer-order" name="order" defaultValue={order} className="w-36">
            {customerOrders.map((o) => (
              <option key={o} value={o}>
                {orderLabels[o]}
              </option>
            ))}
          </Select>
          <Button type="submit" variant="secondary">
            Search
          </Button>
          {q ? (
            <Link href="/customers" className={buttonClasses({ variant: "ghost" })}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      <p id="customer-search-help" className="-mt-2 mb-4 text-xs text-gray-500">
        {CUSTOMER_SEARCH_RULES}
      </p>

      {page.customers.length === 0 ? (
        <Card>
          {q ? (
            <EmptyState
              icon={<Search />}
              title={`No customers match “${q}”`}
              action={
                <Link href="/customers" className={buttonClasses({ variant: "secondary" })}>
                  Show all customers
                </Link>
              }
            >
              {CUSTOMER_SEARCH_RULES}
            </EmptyState>
          ) : paged ? (
            <EmptyState
              icon={<Users />}
              title="No more customers"
              action={
                <Link href={firstHref} prefetch={false} className={buttonClasses({ variant: "secondary" })}>
                  Back to the first page
                </Link>
              }
            >
              You have reached the end of the list.
            </EmptyState>
          ) : (
            <EmptyState icon={<Users />} title="No customers yet">
              Customers appear here as soon as this workspace has any, each with their attributes, location and the events
              they perform.
            </EmptyState>
          )}
        </Card>
      ) : (
        <Card>
          <Table>
            <caption className="sr-only">{q ? `Customers matching “${q}”, ${orderLabels[order].toLowerCase()}` : `Customers, ${orderLabels[order].toLowerCase()}`}</caption>
            <TableHeader>
              <TableRow>
                <TableHead>Email</TableHead>
                {/* A phone shows who and when; the rest is on the customer's page, without a sideways scroll. */}
                <TableHead className="hidden sm:table-cell">Name</TableHead>
                <TableHead className="hidden md:table-cell">External ID</TableHead>
                <TableHead className="hidden sm:table-cell">Country</TableHead>
                <TableHead>Last seen</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.customers.map((c) => (
                <TableRow key={c.id} className="relative hover:bg-gray-50 has-[a:focus-visible]:bg-brand-50 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:-outline-offset-2 has-[a:focus-visible]:outline-brand-500">
                  <TableCell className="max-w-72 truncate font-medium text-gray-900">
                    {/* The link covers the whole row (after:inset-0), so any cell opens the customer. */}
                    <IntentLink href={`/customers/${c.id}`} className="after:absolute after:inset-0 focus-visible:outline-none">
                      {c.email ?? <span className="text-gray-500 italic">No email</span>}
                    </IntentLink>
                  </TableCell>
                  <TableCell className="hidden max-w-56 truncate sm:table-cell">{c.name ?? <span className="text-gray-400">—</span>}</TableCell>
                  <TableCell className="hidden max-w-48 truncate font-mono text-xs text-gray-600 md:table-cell">
                    {c.externalId ?? <span className="font-sans text-sm text-gray-400">—</span>}
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">{c.country ?? <span className="text-gray-400">—</span>}</TableCell>
                  <TableCell className="whitespace-nowrap text-gray-600">
                    <Timestamp date={c.lastSeenAt} fallback="Never" />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 border-t border-gray-100 px-4 py-3 text-sm">
            <span className="text-gray-500">
              {paged
                ? `${page.customers.length} on this page`
                : page.nextCursor
                  ? `Showing the first ${page.customers.length}`
                  : `${page.customers.length} ${page.customers.length === 1 ? "customer" : "customers"}`}
            </span>
            <div className="flex gap-2">
              {paged ? (
                <Link href={firstHref} prefetch={false} className={buttonClasses({ variant: "ghost", size: "sm" })}>
                  First page
                </Link>
              ) : null}
              {prevHref ? (
                <Link href={prevHref} prefetch={false} className={buttonClasses({ variant: "secondary", size: "sm" })}>
                  Previous page
                </Link>
              ) : null}
              {nextHref ? (
                <Link href={nextHref} prefetch={false} className={buttonClasses({ variant: "secondary", size: "sm" })}>
                  Next page
                </Link>
              ) : (
                <span className="self-center text-gray-500">End of list</span>
              )}
            </div>
          </nav>
        </Card>
      )}
    </>
  );
}
