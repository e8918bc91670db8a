import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segmentImportErrors } from "@/db/schema";
import { csvLine } from "./csv-cell";
import { getImportOrThrow } from "./get-import";

/** The error file of an import: row number, value, reason; values are never re-emitted as live formulas. */
export async function importErrorsCsv(db: DbOrTx, workspaceId: string, importId: string): Promise<string> {
  await getImportOrThrow(db, workspaceId, importId);
  const rows = await db
    .select({ row: segmentImportErrors.rowNumber, value: segmentImportErrors.value, reason: segmentImportErrors.reason })
    .from(segmentImportErrors)
    .where(eq(segmentImportErrors.importId, importId))
    .orderBy(asc(segmentImportErrors.rowNumber));
  return csvLine(["row", "value", "reason"]) + rows.map((r) => csvLine([r.row, r.value, r.reason])).join("");
}
