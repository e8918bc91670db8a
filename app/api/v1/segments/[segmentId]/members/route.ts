import { z } from "zod";
import { secretKeyRoute } from "@/lib/api/secret-key-route";
import { listSegmentMembers } from "@/lib/segments/list-segment-members";
import { listMembersQuerySchema, segmentPublicIdSchema } from "@/lib/segments/segment-schemas";

/** GET /api/v1/segments/{id}/members?cursor=&limit=&q=: keyset pages, follow nextCursor until null. */
export const GET = secretKeyRoute({
  params: z.object({ segmentId: segmentPublicIdSchema }),
  query: listMembersQuerySchema,
  handler: async ({ params, query }, { db, workspaceId }) => {
    const page = await listSegmentMembers(db, workspaceId, params.segmentId, query);
    return { data: page.rows, nextCursor: page.nextCursor };
  },
});
