import { Search, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/page-header";
import { Timestamp } from "@/components/dashboard/timestamp";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { IntentLink } from "@/components/ui/intent-link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { parseCustomerId } from "@/lib/customers/get-customer";
import { listCustomers } from "@/lib/customers/list-customers";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Customers" };

const PAGE_SIZE = 50;

type SearchParams = Promise<{ q?: string | string[]; after?: string | string[] }>;

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export default async function CustomersPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const q = single(params.q).trim().slice(0, 200);
  const after = parseCustomerId(single(params.after)) ?? undefined;
  const { db, workspaceId } = await getWorkspaceContext();
  const page = await listCustomers(db, workspaceId, { search: q || undefined, after, limit: PAGE_SIZE });

  const nextHref = page.nextCursor ? `/customers?${new URLSearchParams({ ...(q ? { q } : {}), after: String(page.nextCursor) })}` : null;
  const firstHref = q ? `/customers?${new URLSearchParams({ q })}` : "/customers";

  return (
    <>
      <PageHeader title="Customers" description="Everyone in this workspace, newest first. Open a customer to see their attributes, events and segments." />

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
      <p id="customer-search-help" className="sr-only">
        Matches the start of an email address, an exact external ID, or part of a name.
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
              Search matches the start of an email address, an exact external ID, or part of a name.
            </EmptyState>
          ) : after ? (
            <EmptyState
              icon={<Users />}
              title="No more customers"
              action={
                <Link href={firstHref} className={buttonClasses({ variant: "secondary" })}>
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
            <caption className="sr-only">{q ? `Customers matching “${q}”` : "Customers, newest first"}</caption>
            <TableHeader>
              <TableRow>
                <TableHead>Email</TableHead>
                <TableHead>Name</TableHead>
                <TableHead>External ID</TableHead>
                <TableHead>Country</TableHead>
                <TableHead>Last seen</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.customers.map((c) => (
                <TableRow key={c.id} className="relative hover:bg-gray-50 has-[a:focus-visible]:bg-brand-50 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:-outline-offset-2 has-[a:focus-visible]:outline-brand-500">
                  <TableCell className="max-w-72 truncate font-medium text-gray-900">
                    {/* The link covers the whole row (after:inset-0), so any cell opens the customer; it prefetches on intent only. */}
                    <IntentLink href={`/customers/${c.id}`} className="after:absolute after:inset-0 focus-visible:outline-none">
                      {c.email ?? <span className="text-gray-500 italic">No email</span>}
                    </IntentLink>
                  </TableCell>
                  <TableCell className="max-w-56 truncate">{c.name ?? <span className="text-gray-400">—</span>}</TableCell>
                  <TableCell className="max-w-48 truncate font-mono text-xs text-gray-600">
                    {c.externalId ?? <span className="font-sans text-sm text-gray-400">—</span>}
                  </TableCell>
                  <TableCell>{c.country ?? <span className="text-gray-400">—</span>}</TableCell>
                  <TableCell className="whitespace-nowrap text-gray-600">
                    <Timestamp date={c.lastSeenAt} fallback="Never" />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-gray-100 px-4 py-3 text-sm">
            {after ? (
              <Link href={firstHref} prefetch={false} className={buttonClasses({ variant: "ghost", size: "sm" })}>
                First page
              </Link>
            ) : (
              <span className="text-gray-500">
                {page.nextCursor
                  ? `Showing the newest ${page.customers.length}`
                  : `${page.customers.length} ${page.customers.length === 1 ? "customer" : "customers"}`}
              </span>
            )}
            {nextHref ? (
              <Link href={nextHref} prefetch={false} className={buttonClasses({ variant: "secondary", size: "sm" })}>
                Next page
              </Link>
            ) : (
              <span className="text-gray-500">End of list</span>
            )}
          </nav>
        </Card>
      )}
    </>
  );
}
