import "server-only";
import type { Db } from "@/db/client";
import { segmentImports } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { getManualSegmentOrThrow } from "@/lib/segments/membership/get-manual-segment";
import { CSV_FILE_NAME, NOT_A_CSV_NAME_MESSAGE } from "./import-limits";
import type { StartImportInput } from "./import-schemas";

/**
 * Opens an import into a manual segment: a row that the staging batches attach to. Nothing
 * about the segment's members changes until the import is applied.
 */
export async function startImport(db: Db, workspaceId: string, input: Omit<StartImportInput, "workspaceId">, { actorUserId }: { actorUserId: string | null }) {
  if (!CSV_FILE_NAME.test(input.fileName)) throw new UserError(NOT_A_CSV_NAME_MESSAGE);
  const segment = await getManualSegmentOrThrow(db, workspaceId, { publicId: input.segmentId });
  if (input.direction === "remove" && input.createUnknown) throw new UserError("Removing customers never creates any: turn off “create unknown customers”.");
  const [row] = await db
    .insert(segmentImports)
    .values({
      workspaceId,
      segmentId: segment.id,
      direction: input.direction,
      identifierKind: input.identifierKind,
      createUnknown: input.createUnknown,
      fileName: input.fileName,
      createdBy: actorUserId,
    })
    .returning({ id: segmentImports.id });
  return { importId: row.id };
}
