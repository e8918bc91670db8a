import "server-only";
import type { DbOrTx } from "@/db/client";
import { findCustomerIdOrThrow, type CustomerLookup } from "@/lib/customers/find-customer";
import { UserError } from "@/lib/errors";
import { explainMembership, type MembershipExplanation } from "./explain-membership";
import { getSegmentOrThrow } from "./get-segment";

export type SegmentMembershipExplanation = MembershipExplanation & { customerId: number };

/** "Why is this customer (not) in this segment?" for a customer named by email, external id or id. */
export async function explainSegmentMembership(
  db: DbOrTx,
  workspaceId: string,
  publicId: string,
  customer: CustomerLookup | string,
): Promise<SegmentMembershipExplanation> {
  const segment = await getSegmentOrThrow(db, workspaceId, publicId);
  if (segment.type !== "automatic") throw new UserError("Manual segments have no conditions: a customer is in one when added to it");
  const customerId = await findCustomerIdOrThrow(db, workspaceId, customer);
  return { customerId, ...(await explainMembership(db, workspaceId, publicId, customerId)) };
}
