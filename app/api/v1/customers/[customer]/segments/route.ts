import { z } from "zod";
import { secretKeyRoute } from "@/lib/api/secret-key-route";
import { findCustomerIdOrThrow } from "@/lib/customers/find-customer";
import { listCustomerSegments } from "@/lib/segments/list-customer-segments";

/**
 * GET /api/v1/customers/{email, external id or Lumen id}/segments: the customer's segments
 * with when they entered. An address is an email; otherwise the external id, then Lumen's id.
 */
export const GET = secretKeyRoute({
  params: z.object({ customer: z.string().min(1).max(320) }),
  handler: async ({ params }, { db, workspaceId }) => {
    const customerId = await findCustomerIdOrThrow(db, workspaceId, safeDecode(params.customer));
    const segments = await listCustomerSegments(db, workspaceId, customerId);
    return { customerId, data: segments.map((s) => ({ id: s.publicId, name: s.name, type: s.type, enteredAt: s.enteredAt, source: s.source })) };
  },
});

/** Next hands over the path segment decoded or not depending on the runtime; decoding twice must not throw on a literal "%". */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
