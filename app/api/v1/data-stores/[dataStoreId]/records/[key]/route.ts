import { z } from "zod";
import { parseJsonBody } from "@/lib/api/read-json-body";
import { secretKeyRoute } from "@/lib/api/secret-key-route";
import { dataStorePublicIdSchema, MAX_RECORD_DATA_BYTES, putRecordBodySchema, recordKeySchema } from "@/lib/data-stores/data-store-schemas";
import { writeDataStoreRecords } from "@/lib/data-stores/write-data-store-records";
import { NotFoundError, UserError } from "@/lib/errors";

const params = z.object({ dataStoreId: dataStorePublicIdSchema, key: z.string() });

/** The key from the path, checked here so a bad one is a clear 400 rather than the path's 404. */
function keyOf(raw: string): string {
  const parsed = recordKeySchema.safeParse(raw);
  if (!parsed.success) throw new UserError(parsed.error.issues[0].message, 400);
  return parsed.data;
}

/** PUT /api/v1/data-stores/{id}/records/{key} { customer, data }: creates or replaces one record. */
export const PUT = secretKeyRoute({
  params,
  handler: async ({ params }, { db, workspaceId, keyId, request }) => {
    const key = keyOf(params.key);
    const body = await parseJsonBody(request, putRecordBodySchema, MAX_RECORD_DATA_BYTES + 4096);
    const result = await writeDataStoreRecords(db, workspaceId, params.dataStoreId, { upsert: [{ key, ...body }], delete: [] }, { actorUserId: null, apiKeyId: keyId, via: "api" });
    return { key, result: result.created ? "created" : result.updated ? "updated" : "unchanged" };
  },
});

/** DELETE /api/v1/data-stores/{id}/records/{key}: removes one record (404 when there is none). */
export const DELETE = secretKeyRoute({
  params,
  handler: async ({ params }, { db, workspaceId, keyId }) => {
    const key = keyOf(params.key);
    const result = await writeDataStoreRecords(db, workspaceId, params.dataStoreId, { upsert: [], delete: [key] }, { actorUserId: null, apiKeyId: keyId, via: "api" });
    if (result.deleted === 0) throw new NotFoundError("This data store has no record with that key");
    return { key, result: "deleted" };
  },
});
