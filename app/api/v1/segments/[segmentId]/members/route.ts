import { z } from "zod";
import { secretKeyRoute } from "@/lib/api/secret-key-route";
import { listSegmentMembers } from "@/lib/segments/list-segment-members";
import { listMembersQuerySchema, segmentPublicIdSchema } from "@/lib/segments/segment-schemas";
import { parseJsonBody } from "@/lib/api/read-json-body";
import type { MembershipOp } from "@/lib/segments/membership/change-manual-members";
import { changeMembersFromApi, MAX_MEMBERS_BODY_BYTES, membersRequestSchema } from "@/lib/segments/membership/members-api";

/** GET /api/v1/segments/{id}/members?cursor=&limit=&q=: keyset pages, follow nextCursor until null. */
export const GET = secretKeyRoute({
  params: z.object({ segmentId: segmentPublicIdSchema }),
  query: listMembersQuerySchema,
  handler: async ({ params, query }, { db, workspaceId }) => {
    const page = await listSegmentMembers(db, workspaceId, params.segmentId, query);
    return { data: page.rows, nextCursor: page.nextCursor };
  },
});

function changeMembers(op: MembershipOp) {
  return secretKeyRoute({
    params: z.object({ segmentId: segmentPublicIdSchema }),
    handler: async ({ params }, { db, workspaceId, keyId, request }) =>
      changeMembersFromApi(db, workspaceId, params.segmentId, op, await parseJsonBody(request, membersRequestSchema, MAX_MEMBERS_BODY_BYTES), keyId),
  });
}

/** POST /api/v1/segments/{id}/members { customers: [{ email } | { externalId }] }: adds up to 10,000 customers to a manual segment. */
export const POST = changeMembers("add");
/** DELETE /api/v1/segments/{id}/members with the same body: removes them. */
export const DELETE = changeMembers("remove");
