import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, toNumber, type Db } from "@/db/client";
import { segmentImports, type AnyImportReport } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { applyStagedImport } from "./apply-staged-import";
import { getImportOrThrow } from "./get-import";
import { BACKGROUND_APPLY_ROWS } from "./import-limits";

export type ApplyRequestResult = { status: "applied"; report: AnyImportReport } | { status: "applying" };

/**
 * Apply, as the upload page asks for it: a small import in this request, a large one by
 * the background job (the page then polls the import's status). Both run applyStagedImport
 * (a segment's members or a data store's records).
 */
export async function requestImportApply(db: Db, workspaceId: string, importId: string, { actorUserId }: { actorUserId: string | null }): Promise<ApplyRequestResult> {
  const found = await getImportOrThrow(db, workspaceId, importId);
  if (found.status === "applied" && found.report) return { status: "applied", report: found.report };
  if (found.status === "applying") return { status: "applying" };
  if (found.status === "failed") throw new UserError(found.error ?? "This import failed; upload the file again.");
  // Counted only up to the threshold: a million staged rows need not be counted to know they are many.
  const [row] = await queryRows<{ n: unknown }>(
    db,
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM segment_import_rows WHERE import_id = ${importId}::uuid LIMIT ${BACKGROUND_APPLY_ROWS + 1}) s`,
  );
  const rows = toNumber(row.n);
  if (rows === 0) throw new UserError("The file has no data rows: nothing was imported.");
  if (rows <= BACKGROUND_APPLY_ROWS) return { status: "applied", report: await applyStagedImport(db, workspaceId, importId, { actorUserId, target: found.target }) };
  const claimed = await db
    .update(segmentImports)
    .set({ status: "applying", updatedAt: new Date() })
    .where(and(eq(segmentImports.id, importId), eq(segmentImports.workspaceId, workspaceId), eq(segmentImports.status, "uploading")))
    .returning({ id: segmentImports.id });
  if (claimed.length > 0) await sendJobEvent({ name: "imports/apply.requested", data: { workspaceId, importId, actorUserId } });
  return { status: "applying" };
}
