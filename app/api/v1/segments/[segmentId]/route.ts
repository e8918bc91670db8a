import { z } from "zod";
import { secretKeyRoute } from "@/lib/api/secret-key-route";
import { segmentDetailJson } from "@/lib/api/segment-json";
import { getSegmentOrThrow } from "@/lib/segments/get-segment";
import { segmentPublicIdSchema } from "@/lib/segments/segment-schemas";

/** GET /api/v1/segments/{id}: one segment with its definition. */
export const GET = secretKeyRoute({
  params: z.object({ segmentId: segmentPublicIdSchema }),
  handler: async ({ params }, { db, workspaceId }) => ({ data: segmentDetailJson(await getSegmentOrThrow(db, workspaceId, params.segmentId)) }),
});
