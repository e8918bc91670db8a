import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { MAX_CELL_LENGTH } from "@/lib/csv-import/import-limits";
import { UserError } from "@/lib/errors";
import { customerIdentifierSchema, fieldNameSchema, MAX_RECORDS_PER_BATCH, normaliseIdentifier, recordKeySchema } from "./data-store-schemas";
import { getDataStoreOrThrow } from "./get-data-store";
import { writeDataStoreRecords } from "./write-data-store-records";

/** Where the upload page puts the customer column among a row's mapped cells (field names cannot start with `$`). */
export const CUSTOMER_CELL = "$customer";

/**
 * A CSV upload as the browser's parsing worker sends it: the whole file in one request (all or
 * nothing), each row [row number in the file, key cell, the customer cell and data fields].
 */
export const uploadRowsSchema = z.object({
  fileName: z.string().trim().min(1).max(255).optional(),
  rows: z
    .array(z.tuple([z.number().int().min(1), z.string().max(2_000), z.record(z.string(), z.string().max(MAX_CELL_LENGTH, `A cell is longer than ${MAX_CELL_LENGTH} characters`)).nullable()]))
    .min(1, "The file has no data rows.")
    .max(MAX_RECORDS_PER_BATCH, `The file has more than ${MAX_RECORDS_PER_BATCH.toLocaleString("en-US")} rows: split it into smaller files.`),
});

export type UploadReport = {
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  /** The first skipped rows, for the report on the page. */
  errors: { row: number; value: string; reason: string }[];
};

/**
 * Applies an uploaded file to a store's records: rows that cannot be records are skipped with
 * a reason (empty key or customer, a customer that is not an email in an email store, a key
 * seen earlier in the file), the rest are written in one transaction. rowsRead = created +
 * updated + unchanged + skipped, always. Records are only added or replaced, never deleted.
 */
export async function uploadDataStoreRecords(db: Db, workspaceId: string, dataStorePublicId: string, input: z.output<typeof uploadRowsSchema>, { actorUserId }: { actorUserId: string | null }): Promise<UploadReport> {
  const store = await getDataStoreOrThrow(db, workspaceId, dataStorePublicId);
  const fieldNames = new Set<string>();
  for (const [, , cells] of input.rows) for (const k of Object.keys(cells ?? {})) if (k !== CUSTOMER_CELL) fieldNames.add(k);
  for (const name of fieldNames) {
    const parsed = fieldNameSchema.safeParse(name);
    if (!parsed.success) throw new UserError(`Column “${name.slice(0, 100)}”: ${parsed.error.issues[0].message}`);
  }
  const skippedByReason: Record<string, number> = {};
  const errors: UploadReport["errors"] = [];
  const skip = (row: number, value: string, reason: string) => {
    skippedByReason[reason] = (skippedByReason[reason] ?? 0) + 1;
    if (errors.length < 100) errors.push({ row, value: value.slice(0, 200), reason });
  };
  const seen = new Set<string>();
  const upsert: { key: string; customer: string; data: Record<string, unknown> }[] = [];
  for (const [row, keyCell, cells] of input.rows) {
    const { [CUSTOMER_CELL]: customerCell = "", ...data } = cells ?? {};
    const key = recordKeySchema.safeParse(keyCell);
    if (!key.success) {
      skip(row, keyCell, keyCell.trim() === "" ? "empty key" : "key too long");
      continue;
    }
    const customer = customerIdentifierSchema.safeParse(customerCell);
    if (!customer.success) {
      skip(row, customerCell, customerCell.trim() === "" ? "empty customer" : "customer too long");
      continue;
    }
    const id = normaliseIdentifier(store.identifierKind, customer.data);
    if (!id.ok) {
      skip(row, customer.data, "invalid email");
      continue;
    }
    if (seen.has(key.data)) {
      skip(row, key.data, "duplicate key in file");
      continue;
    }
    seen.add(key.data);
    upsert.push({ key: key.data, customer: id.value, data });
  }
  const written = upsert.length > 0 ? await writeDataStoreRecords(db, workspaceId, dataStorePublicId, { upsert, delete: [] }, { actorUserId, via: "csv" }) : { created: 0, updated: 0, unchanged: 0 };
  const skipped = input.rows.length - upsert.length;
  return { rowsRead: input.rows.length, created: written.created, updated: written.updated, unchanged: written.unchanged, skipped, skippedByReason, errors };
}
