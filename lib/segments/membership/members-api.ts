import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { resolveCustomerIdentifiers, type CustomerIdentifier } from "@/lib/customers/resolve-customer-identifiers";
import { changeManualSegmentMembers, type MembershipOp } from "./change-manual-members";
import { getManualSegmentOrThrow } from "./get-manual-segment";

export const MAX_MEMBERS_PER_CALL = 10_000;
/** 10,000 identifiers of up to 254 characters with their JSON, and some room. */
export const MAX_MEMBERS_BODY_BYTES = 4 * 1024 * 1024;

const identifierSchema = z.union([
  z.strictObject({ email: z.string().trim().min(1, "email is empty").max(254, "email is longer than 254 characters") }),
  z.strictObject({ externalId: z.string().trim().min(1, "externalId is empty").max(255, "externalId is longer than 255 characters") }),
], { error: 'each customer is { "email": "…" } or { "externalId": "…" }' });

export const membersRequestSchema = z.strictObject({
  customers: z
    .array(identifierSchema, { error: 'send { "customers": [{ "email": "…" } or { "externalId": "…" }, …] }' })
    .min(1, "customers is empty: send at least one")
    .max(MAX_MEMBERS_PER_CALL, `at most ${MAX_MEMBERS_PER_CALL.toLocaleString("en-US")} customers per call`),
});
export type MembersRequest = z.infer<typeof membersRequestSchema>;

export type MembersApiResponse =
  | { added: number; alreadyMembers: number; notFound: number; notFoundCustomers: CustomerIdentifier[] }
  | { removed: number; notMembers: number; keptByDataStore: number; notFound: number; notFoundCustomers: CustomerIdentifier[] };

/**
 * POST/DELETE /api/v1/segments/{id}/members: resolve the identifiers in one statement, then
 * the membership module. Customers that do not exist are reported, never created.
 */
export async function changeMembersFromApi(db: Db, workspaceId: string, segmentPublicId: string, op: MembershipOp, body: MembersRequest, keyId: string): Promise<MembersApiResponse> {
  // Refuse an automatic or unknown segment before resolving anything.
  await getManualSegmentOrThrow(db, workspaceId, { publicId: segmentPublicId });
  const { ids, notFound } = await resolveCustomerIdentifiers(db, workspaceId, body.customers);
  const result = await changeManualSegmentMembers(db, workspaceId, segmentPublicId, {
    op,
    source: "api",
    customers: { ids },
    actorUserId: null,
    audit: { apiKeyId: keyId, notFound: notFound.length },
  });
  return op === "add"
    ? { added: result.changed, alreadyMembers: result.unchanged, notFound: notFound.length, notFoundCustomers: notFound }
    : { removed: result.changed, notMembers: result.unchanged, keptByDataStore: result.keptByOtherSource, notFound: notFound.length, notFoundCustomers: notFound };
}
