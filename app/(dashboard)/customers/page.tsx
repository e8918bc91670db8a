import { Search, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/dashboard/page-header";
import { Timestamp } from "@/components/dashboard/timestamp";
import { CustomerFiltersForm } from "@/components/customers/customer-filters-form";
import { MatchingCount } from "@/components/customers/matching-count";
import { CustomerSelectionBar } from "@/components/customers/customer-selection-bar";
import { PageCheckbox, RowCheckbox, SelectionProvider } from "@/components/customers/selection";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { IntentLink } from "@/components/ui/intent-link";
import { parseCustomerId } from "@/lib/customers/get-customer";
import { compileCustomerFilters, countMatchingCustomers } from "@/lib/customers/customer-filter-sql";
import {
  describeFilters,
  filterKeys,
  filtersToParams,
  hasFilters,
  parseCustomerFilters,
  type CustomerFilters,
} from "@/lib/customers/customer-filters";
import { countCustomers, CUSTOMER_SEARCH_RULES, customerOrders, listCustomers, type CustomerOrder } from "@/lib/customers/list-customers";
import { UserError } from "@/lib/errors";
import { listSegmentChoices } from "@/lib/segments/list-segment-choices";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Customers" };

const PAGE_SIZE = 50;
// Up to this many customers a filtered list counts its matches on every view (milliseconds);
// above it, on request ("How many match?"), as a count over a million customers is not free.
const AUTO_COUNT_LIMIT = 100_000;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const orderLabels: Record<CustomerOrder, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
};

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

const noFilters = parseCustomerFilters({}) as {
  ok: true;
  filters: CustomerFilters;
};

export default async function CustomersPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  // The filter form is a GET form: it sends its empty fields too. Drop them (and the default
  // order) so the address stays short and shareable.
  const kept = Object.entries(params).filter(([key, value]) => typeof value === "string" && value !== "" && !(key === "order" && value === "newest"));
  if (kept.length !== Object.keys(params).length) {
    const query = new URLSearchParams(kept as [string, string][]);
    redirect(query.size ? `/customers?${query}` : "/customers");
  }
  const after = parseCustomerId(single(params.after)) ?? undefined;
  const before = after === undefined ? (parseCustomerId(single(params.before)) ?? undefined) : undefined;
  const order: CustomerOrder = (customerOrders as readonly string[]).includes(single(params.order))
    ? (single(params.order) as CustomerOrder)
    : "newest";
  const { db, workspaceId, can } = await getWorkspaceContext();
  const canEdit = can("member");

  // Filters come from the URL: validated, then compiled to SQL scoped by this workspace. A bad
  // one (or a segment that is gone) is said plainly and the list shows without filters.
  const parsed = parseCustomerFilters(params);
  let filterError = parsed.ok ? null : parsed.error;
  let filters = parsed.ok ? parsed.filters : noFilters.filters;
  let compiled;
  try {
    compiled = await compileCustomerFilters(db, workspaceId, filters);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    filterError = error.message;
    filters = noFilters.filters;
    compiled = await compileCustomerFilters(db, workspaceId, filters);
  }
  const q = filters.q ?? "";
  const activeFilters = filterKeys.filter((k) => k !== "q" && k !== "days" && k !== "value" && k !== "segmentOp" && filters[k] !== undefined).length;
  const filtered = hasFilters(filters);

  const [page, total, segmentChoices] = await Promise.all([
    listCustomers(db, workspaceId, {
      filters: compiled,
      after,
      before,
      order,
      limit: PAGE_SIZE,
    }),
    countCustomers(db, workspaceId),
    listSegmentChoices(db, workspaceId),
  ]);
  const matching = filtered && total <= AUTO_COUNT_LIMIT ? await countMatchingCustomers(db, workspaceId, compiled) : null;
  const manualSegments = segmentChoices.filter((s) => s.type === "manual").map(({ publicId, name }) => ({ publicId, name }));

  const href = (extra: Record<string, string>) => {
    const query = new URLSearchParams({
      ...filtersToParams(filters),
      ...(order !== "newest" ? { order } : {}),
      ...extra,
    });
    return query.size ? `/customers?${query}` : "/customers";
  };
  const nextHref = page.nextCursor ? href({ after: String(page.nextCursor) }) : null;
  const prevHref = page.prevCursor ? href({ before: String(page.prevCursor) }) : null;
  const firstHref = href({});
  const paged = after !== undefined || before !== undefined;
  const summary = describeFilters(filters, compiled.segmentName);

  return (
    <>
      <PageHeader
        title="Customers"
        description={`${
          matching !== null
            ? `${matching.toLocaleString("en-US")} of the ${total.toLocaleString("en-US")} ${total === 1 ? "customer" : "customers"} in this workspace ${matching === 1 ? "is one" : "are those"} ${summary}.`
            : filtered
              ? `${total.toLocaleString("en-US")} ${total === 1 ? "customer" : "customers"} in this workspace; the list shows those ${summary}.`
              : `${total.toLocaleString("en-US")} ${total === 1 ? "customer" : "customers"} in this workspace.`
        } Open a customer to see their attributes, events and segments.`}
      />

      <CustomerFiltersForm filters={filters} order={order} segments={segmentChoices} activeCount={activeFilters} open={activeFilters > 0 || filterError !== null} />
      {filterError ? (
        <Notice tone="warning" role="alert" className="mb-4">
          {filterError.replace(/\.?$/, ".")} The list below is not filtered.
        </Notice>
      ) : null}

      {page.customers.length === 0 ? (
        <Card>
          {filtered ? (
            <EmptyState
              icon={<Search />}
              title={q && summary === `matching “${q}”` ? `No customers match “${q}”` : `No customers ${summary}`}
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
            <EmptyState
              icon={<Users />}
              title="No customers yet"
              action={
                can("admin") ? (
                  <Link href="/settings#api-keys" className={buttonClasses({ variant: "secondary" })}>
                    Create an API key
                  </Link>
                ) : undefined
              }
            >
              Customers appear here as soon as this workspace has any, each with their attributes, location and the events they perform.
              Send them from your website or app with a write key, or upload a CSV of customers into a manual segment.
            </EmptyState>
          )}
        </Card>
      ) : (
        <Card>
          <SelectionProvider pageIds={page.customers.map((c) => c.id)}>
            {canEdit ? (
              <CustomerSelectionBar
                workspaceId={workspaceId}
                filters={filters}
                filtered={filtered}
                hasMorePages={paged || page.nextCursor !== null}
                manualSegments={manualSegments}
              />
            ) : null}
            <Table>
              <caption className="sr-only">
                {filtered ? `Customers ${summary}, ${orderLabels[order].toLowerCase()}` : `Customers, ${orderLabels[order].toLowerCase()}`}
              </caption>
              <TableHeader>
                <TableRow>
                  {canEdit ? (
                    <TableHead className="w-10 pr-0">
                      <PageCheckbox label="Select every customer on this page" />
                    </TableHead>
                  ) : null}
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
                  <TableRow
                    key={c.id}
                    className="relative hover:bg-gray-50 has-[a:focus-visible]:bg-brand-50 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:-outline-offset-2 has-[a:focus-visible]:outline-brand-500"
                  >
                    {canEdit ? (
                      <TableCell className="w-10 pr-0">
                        <RowCheckbox id={c.id} label={`Select ${c.email ?? c.name ?? c.externalId ?? `customer ${c.id}`}`} />
                      </TableCell>
                    ) : null}
                    <TableCell className="max-w-40 font-medium break-all text-gray-900 sm:max-w-72 sm:truncate">
                      {/* The link covers the whole row (after:inset-0), so any cell opens the customer. */}
                      <IntentLink href={`/customers/${c.id}`} className="after:absolute after:inset-0 focus-visible:outline-none">
                        {c.email ?? <span className="text-gray-500 italic">No email</span>}
                      </IntentLink>
                      {/* A phone has no Name column: the name under the email tells customers apart. There the
                          email wraps rather than losing its domain to an ellipsis. */}
                      {c.name ? <span className="block truncate text-xs font-normal text-gray-500 sm:hidden">{c.name}</span> : null}
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
              <span className="flex flex-wrap items-center gap-x-3 text-gray-500">
                {paged
                  ? `${page.customers.length} on this page`
                  : page.nextCursor
                    ? `Showing the first ${page.customers.length}`
                    : `${page.customers.length} ${page.customers.length === 1 ? "customer" : "customers"}`}
                {/* The workspace's total is in the header (with the matches, in a smaller workspace); a larger
                    workspace's filtered list with more pages counts them on request. */}
                {filtered && matching === null && (paged || page.nextCursor) ? <MatchingCount key={JSON.stringify(filters)} workspaceId={workspaceId} filters={filters} /> : null}
              </span>
              <div className="flex gap-2">
                {paged ? (
                  <Link href={firstHref} prefetch={false} className={buttonClasses({ variant: "ghost", size: "sm" })}>
                    First page
                  </Link>
                ) : null}
                {prevHref ? (
                  <Link
                    href={prevHref}
                    prefetch={false}
                    className={buttonClasses({
                      variant: "secondary",
                      size: "sm",
                    })}
                  >
                    Previous page
                  </Link>
                ) : null}
                {nextHref ? (
                  <Link
                    href={nextHref}
                    prefetch={false}
                    className={buttonClasses({
                      variant: "secondary",
                      size: "sm",
                    })}
                  >
                    Next page
                  </Link>
                ) : (
                  <span className="self-center text-gray-500">End of list</span>
                )}
              </div>
            </nav>
          </SelectionProvider>
        </Card>
      )}
    </>
  );
}
