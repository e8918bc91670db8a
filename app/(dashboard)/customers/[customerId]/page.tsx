import { ArrowLeft, MapPin } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Timestamp } from "@/components/dashboard/timestamp";
import { CustomerSegmentsCard, type CustomerSegmentsManage } from "@/components/segments/customer-segments-card";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import {
  getCustomerOrThrow,
  parseCustomerId,
  RECENT_EVENTS_LIMIT,
  type CustomerEvent,
  type CustomerWithActivity,
} from "@/lib/customers/get-customer";
import { NotFoundError } from "@/lib/errors";
import { eventLabel, humanize } from "@/lib/segments/describe-conditions";
import { listSegmentChoices } from "@/lib/segments/list-segment-choices";
import { formatDate, formatDateTime } from "@/lib/utils/format-date";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

type Params = Promise<{ customerId: string }>;

export const metadata: Metadata = { title: "Customer" };

async function loadCustomer(customerIdParam: string): Promise<CustomerWithActivity & { manage?: CustomerSegmentsManage }> {
  const customerId = parseCustomerId(customerIdParam);
  if (customerId === null) notFound();
  const { db, workspaceId, can } = await getWorkspaceContext();
  try {
    const found = await getCustomerOrThrow(db, workspaceId, customerId);
    if (!can("member")) return found;
    // Members and up may change the customer's manual segments; viewers see them only.
    const manualSegments = (await listSegmentChoices(db, workspaceId, { type: "manual" })).map(({ publicId, name }) => ({ publicId, name }));
    return { ...found, manage: { workspaceId, customerId, manualSegments } };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** Attribute and property values as short text; nested values as compact JSON. */
function formatValue(value: unknown, max = 160): string {
  if (value === "") return "(empty)";
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export default async function CustomerPage({ params }: { params: Params }) {
  const { customerId } = await params;
  const { customer, recentEvents, segments, manage } = await loadCustomer(customerId);
  const name = customer.name;
  const title = name ?? customer.email ?? customer.externalId ?? `Customer ${customer.id}`;

  return (
    <>
      <Link href="/customers" className="mb-4 inline-flex items-center gap-1.5 rounded-md text-sm text-gray-600 hover:text-gray-900">
        <ArrowLeft aria-hidden className="size-4" />
        Customers
      </Link>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight break-words text-gray-900">{title}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-gray-600">
          {name && customer.email ? <span className="break-all">{customer.email}</span> : null}
          <span>
            Last seen <Timestamp date={customer.lastSeenAt} fallback="never" />
          </span>
          <span>Added {formatDate(customer.createdAt)}</span>
        </div>
      </header>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        {/* min-w-0: a grid item may not grow past its track for a long unbroken value. */}
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <AttributesCard attributes={customer.attributes} />
          <EventsCard events={recentEvents} />
        </div>
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader>
              <CardTitle>Profile</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="space-y-3 text-sm">
                <Detail label="Email" value={customer.email} />
                <Detail label="External ID" value={customer.externalId} mono />
                <Detail label="Lumen ID" value={String(customer.id)} mono />
                <Detail label="Updated" value={formatDateTime(customer.updatedAt)} />
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <MapPin aria-hidden className="size-4 text-gray-400" />
                Location
              </CardTitle>
            </CardHeader>
            <CardContent>
              {customer.country || customer.region || customer.city || customer.timezone ? (
                <dl className="space-y-3 text-sm">
                  <Detail label="Country" value={customer.country} />
                  <Detail label="Region" value={customer.region} />
                  <Detail label="City" value={customer.city} />
                  <Detail label="Time zone" value={customer.timezone} />
                </dl>
              ) : (
                <p className="text-sm text-gray-500">No location known for this customer.</p>
              )}
            </CardContent>
          </Card>
          <CustomerSegmentsCard segments={segments} manage={manage} />
        </div>
      </div>
    </>
  );
}

function Detail({ label, value, mono = false }: { label: string; value: string | null; mono?: boolean }) {
  return (
    <div className="flex items-baseline justify-between gap-4">
      <dt className="shrink-0 text-gray-500">{label}</dt>
      <dd className={`min-w-0 text-right break-all text-gray-900 ${mono ? "font-mono text-xs" : ""}`}>
        {value ?? <span className="text-gray-400">—</span>}
      </dd>
    </div>
  );
}

function AttributesCard({ attributes }: { attributes: Record<string, unknown> }) {
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Attributes</CardTitle>
          <CardDescription>Properties stored on this customer&apos;s profile.</CardDescription>
        </div>
      </CardHeader>
      {entries.length === 0 ? (
        <CardContent>
          <p className="text-sm text-gray-500">This customer has no attributes.</p>
        </CardContent>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="w-2/5 sm:w-1/3">Attribute</TableHead>
              <TableHead>Value</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map(([key, value]) => (
              <TableRow key={key}>
                <TableCell className="text-sm break-words text-gray-900">
                  {/* As the builder says it ("Lifetime value"), the key the data and the API use small beside it (under it on a phone: the column is narrow). */}
                  {humanize(key)}
                  {humanize(key).toLowerCase() !== key.toLowerCase() ? (
                    <>
                      {/* A space, so the key wraps alone instead of taking the label's last word with it. */}{" "}
                      <span className="block font-mono text-xs [overflow-wrap:anywhere] text-gray-500 sm:ml-1 sm:inline">{key}</span>
                    </>
                  ) : null}
                </TableCell>
                <TableCell className="[overflow-wrap:anywhere]">
                  {value === null ? <span className="text-gray-400">empty</span> : formatValue(value, 300)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

function EventsCard({ events }: { events: CustomerEvent[] }) {
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Recent events</CardTitle>
          <CardDescription>
            {events.length === RECENT_EVENTS_LIMIT
              ? `The ${RECENT_EVENTS_LIMIT} most recent events, newest first.`
              : "What this customer did, newest first."}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {events.length === 0 ? (
          <p className="text-sm text-gray-500">No events recorded for this customer yet.</p>
        ) : (
          <ol className="relative space-y-5 border-l border-gray-200 pl-5">
            {events.map((event) => (
              <li key={event.id} className="relative">
                <span aria-hidden className="absolute top-1.5 -left-[25px] size-2.5 rounded-full bg-brand-500 ring-4 ring-white" />
                <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                  <EventName event={event} />
                  <span className="text-xs whitespace-nowrap text-gray-500">
                    <Timestamp date={event.occurredAt} />
                  </span>
                </div>
                <PropertiesSummary properties={event.properties} />
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * "Placed an order" with order_completed small beside it: the marketer's words first, as the
 * builder and the why-lookup say them, and the name the data and the API use still visible.
 */
function EventName({ event }: { event: CustomerEvent }) {
  const label = eventLabel(event.name);
  return (
    <p className="min-w-0 text-sm font-medium break-words text-gray-900">
      {label}
      {label !== event.name ? <span className="ml-2 font-mono text-xs font-normal text-gray-500">{event.name}</span> : null}
      {event.type === "page" && label === event.name ? (
        <Badge tone="gray" className="ml-2 align-middle">
          Page view
        </Badge>
      ) : null}
    </p>
  );
}

function PropertiesSummary({ properties }: { properties: Record<string, unknown> }) {
  const entries = Object.entries(properties);
  if (entries.length === 0) return null;
  const shown = entries.slice(0, 4);
  return (
    <p className="mt-1 text-xs break-words text-gray-600">
      {shown.map(([key, value], i) => (
        <span key={key}>
          {i > 0 ? <span className="text-gray-300"> · </span> : null}
          <span className="text-gray-500">{key}:</span> {formatValue(value, 60)}
        </span>
      ))}
      {entries.length > shown.length ? <span className="text-gray-400"> · +{entries.length - shown.length} more</span> : null}
    </p>
  );
}
