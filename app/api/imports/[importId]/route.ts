import { getImportOrThrow } from "@/lib/csv-import/get-import";
import { requireImportAccess } from "@/lib/csv-import/import-route-access";
import { importRouteError } from "@/lib/csv-import/import-route-error";

type Context = { params: Promise<{ importId: string }> };

/** GET ?workspaceId=: an import's status and report, polled by the upload page while a large file is applied. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    const { db, workspaceId } = await requireImportAccess(request, "viewer");
    const found = await getImportOrThrow(db, workspaceId, (await params).importId);
    return Response.json({ status: found.status, report: found.report, error: found.error }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return importRouteError(error);
  }
}
