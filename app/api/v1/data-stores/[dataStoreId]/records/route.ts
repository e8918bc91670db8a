import { z } from "zod";
import { parseJsonBody } from "@/lib/api/read-json-body";
import { secretKeyRoute } from "@/lib/api/secret-key-route";
import { recordJson } from "@/lib/data-stores/data-store-json";
import { dataStorePublicIdSchema, MAX_RECORDS_BODY_BYTES, recordsBatchSchema } from "@/lib/data-stores/data-store-schemas";
import { listDataStoreRecords, listRecordsQuerySchema } from "@/lib/data-stores/list-data-store-records";
import { writeDataStoreRecords } from "@/lib/data-stores/write-data-store-records";

const params = z.object({ dataStoreId: dataStorePublicIdSchema });

/** GET /api/v1/data-stores/{id}/records?q=&cursor=&limit=: records in key order; follow nextCursor until null. */
export const GET = secretKeyRoute({
  params,
  query: listRecordsQuerySchema,
  handler: async ({ params, query }, { db, workspaceId }) => {
    const page = await listDataStoreRecords(db, workspaceId, params.dataStoreId, query);
    return { data: page.rows.map(recordJson), nextCursor: page.nextCursor };
  },
});

/**
 * POST /api/v1/data-stores/{id}/records { upsert: [{ key, customer, data }], delete: [key] }:
 * up to 10,000 in all, applied together in one transaction (a bad entry refuses the whole call).
 */
export const POST = secretKeyRoute({
  params,
  handler: async ({ params }, { db, workspaceId, keyId, request }) =>
    writeDataStoreRecords(db, workspaceId, params.dataStoreId, await parseJsonBody(request, recordsBatchSchema, MAX_RECORDS_BODY_BYTES), { actorUserId: null, apiKeyId: keyId, via: "api" }),
});
