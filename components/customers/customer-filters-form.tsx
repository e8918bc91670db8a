import { Search, SlidersHorizontal } from "lucide-react";
import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CUSTOMER_SEARCH_RULES, customerOrders, type CustomerOrder } from "@/lib/customers/list-customers";
import { MAX_FILTER_DAYS, type CustomerFilters } from "@/lib/customers/customer-filters";
import type { SegmentChoice } from "@/lib/segments/list-segment-choices";

const orderLabels: Record<CustomerOrder, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
};

const labelClasses = "mb-1 block text-xs font-medium text-gray-700";

/**
 * The Customers tab's search and filters: a plain GET form, so the state lives in the URL
 * (shareable, back button, works before JavaScript) and the server validates it. On a phone
 * the filters fold away behind "Filters" unless one is set.
 */
export function CustomerFiltersForm({
  filters,
  order,
  segments,
  activeCount,
  open,
}: {
  filters: CustomerFilters;
  order: CustomerOrder;
  segments: SegmentChoice[];
  /** how many filters (not the search) are set: opens the panel and shows on its summary */
  activeCount: number;
  /** the panel starts open (a filter is set, or the URL's filters were refused) */
  open: boolean;
}) {
  const anything = activeCount > 0 || Boolean(filters.q);
  return (
    <form role="search" aria-label="Customers" action="/customers" method="get" className="mb-4 space-y-3">
      <div className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor="customer-search" className="sr-only">
          Search customers
        </label>
        <div className="relative flex-1">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-400" />
          <Input
            id="customer-search"
            name="q"
            type="search"
            defaultValue={filters.q}
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
          {anything ? (
            <Link href="/customers" className={buttonClasses({ variant: "ghost" })}>
              Clear
            </Link>
          ) : null}
        </div>
      </div>
      <p id="customer-search-help" className="-mt-1 text-xs text-gray-500">
        {CUSTOMER_SEARCH_RULES}
      </p>
      <details open={open} className="group rounded-lg border border-gray-200 bg-white">
        <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg px-4 py-2.5 text-sm font-medium text-gray-800 select-none hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-brand-500 [&::-webkit-details-marker]:hidden">
          <SlidersHorizontal aria-hidden className="size-4 text-gray-500" />
          <span>Filters</span>
          {activeCount > 0 ? <span className="rounded-full bg-brand-50 px-2 text-xs text-brand-700">{activeCount} on</span> : null}
          <span className="ml-auto text-xs font-normal text-gray-500 group-open:hidden">Country, last seen, attribute, segment</span>
        </summary>
        <div className="grid gap-4 border-t border-gray-100 px-4 py-4 sm:grid-cols-2 xl:grid-cols-4">
          <div>
            <label htmlFor="filter-country" className={labelClasses}>
              Country
            </label>
            <Input id="filter-country" name="country" defaultValue={filters.country} placeholder="e.g. DE or Germany" maxLength={64} autoComplete="off" />
          </div>
          <fieldset className="min-w-0">
            <legend className={labelClasses}>Last seen</legend>
            <div className="flex gap-2">
              <Select name="seen" defaultValue={filters.seen ?? ""} aria-label="Last seen" className="min-w-0 flex-1">
                <option value="">Any time</option>
                <option value="within">Within the last</option>
                <option value="over">More than … ago</option>
                <option value="never">Never</option>
              </Select>
              <Input
                name="days"
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_FILTER_DAYS}
                defaultValue={filters.days}
                aria-label="Days"
                placeholder="days"
                className="w-20"
              />
            </div>
          </fieldset>
          <fieldset className="min-w-0">
            <legend className={labelClasses}>Attribute is</legend>
            <div className="flex gap-2">
              <Input
                name="attr"
                defaultValue={filters.attr}
                aria-label="Attribute name"
                placeholder="e.g. plan"
                maxLength={200}
                autoComplete="off"
                className="min-w-0"
              />
              <Input
                name="value"
                defaultValue={filters.value}
                aria-label="Attribute value"
                placeholder="value"
                maxLength={500}
                autoComplete="off"
                className="min-w-0"
              />
            </div>
          </fieldset>
          <fieldset className="min-w-0">
            <legend className={labelClasses}>Segment</legend>
            <div className="flex gap-2">
              <Select name="segmentOp" defaultValue={filters.segmentOp ?? "in"} aria-label="In or not in the segment" className="w-24 shrink-0">
                <option value="in">In</option>
                <option value="not_in">Not in</option>
              </Select>
              <Select name="segment" defaultValue={filters.segment ?? ""} aria-label="Segment" className="min-w-0 flex-1">
                <option value="">Any segment</option>
                {segments.map((s) => (
                  <option key={s.publicId} value={s.publicId}>
                    {s.name}
                  </option>
                ))}
              </Select>
            </div>
          </fieldset>
          <div className="flex items-center gap-2 sm:col-span-2 xl:col-span-4">
            <Button type="submit">Apply filters</Button>
            {activeCount > 0 ? (
              <Link
                href={filters.q ? `/customers?${new URLSearchParams({ q: filters.q })}` : "/customers"}
                className={buttonClasses({ variant: "ghost" })}
              >
                Clear filters
              </Link>
            ) : null}
          </div>
        </div>
      </details>
    </form>
  );
}
