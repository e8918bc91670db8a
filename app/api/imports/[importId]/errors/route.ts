import { importErrorsCsv } from "@/lib/csv-import/import-errors-csv";
import { requireImportAccess } from "@/lib/csv-import/import-route-access";
import { importRouteError } from "@/lib/csv-import/import-route-error";

type Context = { params: Promise<{ importId: string }> };

/** GET ?workspaceId=: the rows an import did not apply, as a CSV download. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    const { db, workspaceId } = await requireImportAccess(request, "viewer");
    const { importId } = await params;
    const body = await importErrorsCsv(db, workspaceId, importId);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="import-errors-${importId.slice(0, 8)}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return importRouteError(error);
  }
}
