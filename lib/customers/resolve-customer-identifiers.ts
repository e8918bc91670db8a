import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";

export type CustomerIdentifier = { email: string } | { externalId: string };

/**
 * The customer ids of this workspace that the identifiers name, in one statement (emails
 * compared case-insensitively, through the lower(email) index). Identifiers that name no
 * customer come back in `notFound`, as given, first occurrence order.
 */
export async function resolveCustomerIdentifiers(db: DbOrTx, workspaceId: string, identifiers: CustomerIdentifier[]) {
  if (identifiers.length === 0) return { ids: [] as number[], notFound: [] as CustomerIdentifier[] };
  const input = identifiers.map((i, ord) => ("email" in i ? { ord, email: i.email } : { ord, externalId: i.externalId }));
  const rows = await queryRows<{ ord: number; id: unknown }>(
    db,
    sql`
      SELECT i.ord, coalesce(e.id, x.id) AS id
      FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS i(ord int, email text, "externalId" text)
      LEFT JOIN LATERAL (
        SELECT c.id FROM customers c WHERE i.email IS NOT NULL AND c.workspace_id = ${workspaceId}::uuid AND lower(c.email) = lower(i.email)
      ) e ON true
      LEFT JOIN LATERAL (
        SELECT c.id FROM customers c WHERE i."externalId" IS NOT NULL AND c.workspace_id = ${workspaceId}::uuid AND c.external_id = i."externalId"
      ) x ON true
    `,
  );
  const ids = new Set<number>();
  const missing = new Set<number>();
  for (const r of rows) {
    if (r.id === null || r.id === undefined) missing.add(r.ord);
    else ids.add(toNumber(r.id));
  }
  const seen = new Set<string>();
  const notFound = [...missing]
    .sort((a, b) => a - b)
    .map((ord) => identifiers[ord])
    .filter((i) => {
      const key = "email" in i ? `e:${i.email.toLowerCase()}` : `x:${i.externalId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { ids: [...ids], notFound };
}
