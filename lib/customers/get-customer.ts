import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customers, events, segmentMembers, segments } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { customerNameSql } from "./customer-name";

export const RECENT_EVENTS_LIMIT = 50;

export type CustomerDetail = {
  id: number;
  email: string | null;
  /** From attributes: `name`, else first and last name (see customerNameSql). */
  name: string | null;
  externalId: string | null;
  attributes: Record<string, unknown>;
  country: string | null;
  region: string | null;
  city: string | null;
  timezone: string | null;
  lastSeenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type CustomerEvent = {
  id: number;
  type: "track" | "page";
  name: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
};

export type CustomerSegment = {
  id: number;
  publicId: string;
  name: string;
  type: "automatic" | "manual";
  enteredAt: Date;
  source: string;
};

export type CustomerWithActivity = { customer: CustomerDetail; recentEvents: CustomerEvent[]; segments: CustomerSegment[] };

/** A customer id from a URL, or null when it cannot be one (the page then 404s without a query). */
export function parseCustomerId(value: string): number | null {
  if (!/^[1-9]\d{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * One customer of the workspace with their newest events and their segments. A customer of
 * another workspace is reported exactly like a missing one.
 */
export async function getCustomerOrThrow(db: DbOrTx, workspaceId: string, customerId: number): Promise<CustomerWithActivity> {
  if (!Number.isSafeInteger(customerId) || customerId <= 0) throw new NotFoundError("Customer not found");
  const [customer] = await db
    .select({
      id: customers.id,
      email: customers.email,
      name: customerNameSql('"customers"'),
      externalId: customers.externalId,
      attributes: customers.attributes,
      country: customers.country,
      region: customers.region,
      city: customers.city,
      timezone: customers.timezone,
      lastSeenAt: customers.lastSeenAt,
      createdAt: customers.createdAt,
      updatedAt: customers.updatedAt,
    })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)))
    .limit(1);
  if (!customer) throw new NotFoundError("Customer not found");

  const [recentEvents, memberships] = await Promise.all([
    db
      .select({ id: events.id, type: events.type, name: events.name, properties: events.properties, occurredAt: events.occurredAt })
      .from(events)
      .where(and(eq(events.workspaceId, workspaceId), eq(events.customerId, customerId)))
      .orderBy(desc(events.occurredAt), desc(events.id))
      .limit(RECENT_EVENTS_LIMIT),
    db
      .select({
        id: segments.id,
        publicId: segments.publicId,
        name: segments.name,
        type: segments.type,
        enteredAt: segmentMembers.enteredAt,
        source: segmentMembers.source,
      })
      .from(segmentMembers)
      .innerJoin(segments, eq(segments.id, segmentMembers.segmentId))
      .where(and(eq(segments.workspaceId, workspaceId), eq(segmentMembers.customerId, customerId), isNull(segments.deletedAt)))
      .orderBy(asc(segments.name)),
  ]);

  return { customer, recentEvents, segments: memberships };
}
