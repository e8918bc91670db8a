import { secretKeyRoute } from "@/lib/api/secret-key-route";
import { segmentJson } from "@/lib/api/segment-json";
import { listSegments } from "@/lib/segments/list-segments";
import { listSegmentsQuerySchema } from "@/lib/segments/segment-schemas";

/** GET /api/v1/segments?q=&type=automatic|manual&sort=name|size|changed&dir=asc|desc */
export const GET = secretKeyRoute({
  query: listSegmentsQuerySchema,
  handler: async ({ query }, { db, workspaceId }) => ({ data: (await listSegments(db, workspaceId, query)).map(segmentJson) }),
});
