import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customers } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

export type CustomerLookup = { email: string } | { externalId: string } | { customerId: number };

/**
 * What a person or API client types to name a customer, as a lookup: an address (has "@")
 * is an email; otherwise the external id, and when none has that external id, a number is
 * Lumen's own customer id.
 */
export async function findCustomerIdOrThrow(db: DbOrTx, workspaceId: string, lookup: CustomerLookup | string): Promise<number> {
  const candidates: CustomerLookup[] =
    typeof lookup !== "string"
      ? [lookup]
      : lookup.includes("@")
        ? [{ email: lookup.trim() }]
        : [{ externalId: lookup.trim() }, ...(/^\d{1,15}$/.test(lookup.trim()) ? [{ customerId: Number(lookup.trim()) }] : [])];
  for (const c of candidates) {
    const match =
      "email" in c
        ? sql`lower(${customers.email}) = lower(${c.email})`
        : "externalId" in c
          ? eq(customers.externalId, c.externalId)
          : eq(customers.id, c.customerId);
    const [row] = await db.select({ id: customers.id }).from(customers).where(and(eq(customers.workspaceId, workspaceId), match)).limit(1);
    if (row) return Number(row.id);
  }
  throw new NotFoundError("No customer with that email, external id or id in this workspace");
}
