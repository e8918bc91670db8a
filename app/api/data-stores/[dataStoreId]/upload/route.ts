import { parseJsonBody } from "@/lib/api/read-json-body";
import { requireImportAccess } from "@/lib/csv-import/import-route-access";
import { importRouteError } from "@/lib/csv-import/import-route-error";
import { MAX_RECORDS_BODY_BYTES } from "@/lib/data-stores/data-store-schemas";
import { uploadDataStoreRecords, uploadRowsSchema } from "@/lib/data-stores/upload-data-store-records";

type Context = { params: Promise<{ dataStoreId: string }> };

/**
 * POST ?workspaceId=: a parsed CSV file's rows into a data store, in one request and one
 * transaction. A route rather than a server action: the file can be a few megabytes, over a
 * server action's body limit. Same session, workspace and role checks as the CSV import's batches.
 */
export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    const { db, user, workspaceId } = await requireImportAccess(request, "member");
    const { dataStoreId } = await params;
    const body = await parseJsonBody(request, uploadRowsSchema, MAX_RECORDS_BODY_BYTES + 512 * 1024);
    return Response.json(await uploadDataStoreRecords(db, workspaceId, dataStoreId, body, { actorUserId: user.id }));
  } catch (error) {
    return importRouteError(error);
  }
}
