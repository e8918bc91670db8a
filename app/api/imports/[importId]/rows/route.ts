import { parseJsonBody } from "@/lib/api/read-json-body";
import { requireImportAccess } from "@/lib/csv-import/import-route-access";
import { MAX_BATCH_BYTES } from "@/lib/csv-import/import-limits";
import { stageRowsSchema } from "@/lib/csv-import/import-schemas";
import { stageImportRows } from "@/lib/csv-import/stage-import-rows";
import { importRouteError } from "@/lib/csv-import/import-route-error";

type Context = { params: Promise<{ importId: string }> };

/** POST ?workspaceId=: one batch of parsed rows into the import's staging table. */
export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    const { db, workspaceId } = await requireImportAccess(request, "member");
    const { importId } = await params;
    // A little over the batch cap: JSON escaping can grow what the browser measured.
    const body = await parseJsonBody(request, stageRowsSchema, MAX_BATCH_BYTES + 512 * 1024);
    return Response.json(await stageImportRows(db, workspaceId, importId, body.rows));
  } catch (error) {
    return importRouteError(error);
  }
}
