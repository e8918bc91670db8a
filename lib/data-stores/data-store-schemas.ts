import { z } from "zod";
import { dataStoreIdentifierKinds } from "@/db/schema";
import { uploadedFileFields } from "@/lib/csv-import/import-schemas";
import { MAX_FIELDS_PER_RECORD, MAX_IDENTIFIER_LENGTH, MAX_KEY_LENGTH, MAX_RECORD_DATA_BYTES, MAX_RECORDS_PER_BATCH } from "./data-store-limits";

export * from "./data-store-limits";

export const dataStoreNameSchema = z.string({ error: "Give your data store a name" }).trim().min(1, "Give your data store a name").max(120, "Names are at most 120 characters");
export const dataStoreIdentifierKindSchema = z.enum(dataStoreIdentifierKinds, { error: "Choose whether records name customers by email or by external id" });
/** A store's public id as it arrives from a URL, form or API path; a malformed one simply finds nothing. */
export const dataStorePublicIdSchema = z.string({ error: "Choose a data store" }).trim().min(1, "Choose a data store").max(64, "That data store does not exist");

export const recordKeySchema = z
  .string({ error: "key is required" })
  .trim()
  .min(1, "key is empty")
  .max(MAX_KEY_LENGTH, `key is longer than ${MAX_KEY_LENGTH} characters`);

export const customerIdentifierSchema = z
  .string({ error: "customer is required: the customer's email or external id" })
  .trim()
  .min(1, "customer is empty: give the customer's email or external id")
  .max(MAX_IDENTIFIER_LENGTH, `customer is longer than ${MAX_IDENTIFIER_LENGTH} characters`);

export const fieldNameSchema = z
  .string()
  .trim()
  .min(1, "A field name is empty")
  .max(100, "Field names are at most 100 characters")
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "Field names use letters, digits, _ . - and start with a letter or _");

/** A record's data fields: a flat-ish JSON object, bounded in size and field count. */
export const recordDataSchema = z
  .record(z.string(), z.unknown())
  .default({})
  .superRefine((data, ctx) => {
    // Keys checked here rather than by z.record: its own message for a bad key says only "Invalid key".
    for (const key of Object.keys(data)) {
      const parsed = fieldNameSchema.safeParse(key);
      if (!parsed.success) return void ctx.addIssue({ code: "custom", message: `field “${key.slice(0, 100)}”: ${parsed.error.issues[0].message}` });
    }
    if (Object.keys(data).length > MAX_FIELDS_PER_RECORD) ctx.addIssue({ code: "custom", message: `at most ${MAX_FIELDS_PER_RECORD} fields per record` });
    else if (JSON.stringify(data).length > MAX_RECORD_DATA_BYTES) ctx.addIssue({ code: "custom", message: `a record's data is at most ${MAX_RECORD_DATA_BYTES / 1024} KB of JSON` });
  });

export const recordInputSchema = z.strictObject({ key: recordKeySchema, customer: customerIdentifierSchema, data: recordDataSchema });
export type RecordInput = z.output<typeof recordInputSchema>;

/** PUT /records/{key}: the key is in the path. */
export const putRecordBodySchema = z.strictObject({ customer: customerIdentifierSchema, data: recordDataSchema });

/** POST /records: upserts and deletes in one call, applied together. */
export const recordsBatchSchema = z
  .strictObject({
    upsert: z.array(recordInputSchema).max(MAX_RECORDS_PER_BATCH, `at most ${MAX_RECORDS_PER_BATCH.toLocaleString("en-US")} records per call`).default([]),
    delete: z.array(recordKeySchema).max(MAX_RECORDS_PER_BATCH, `at most ${MAX_RECORDS_PER_BATCH.toLocaleString("en-US")} keys per call`).default([]),
  })
  .superRefine((b, ctx) => {
    if (b.upsert.length + b.delete.length === 0) ctx.addIssue({ code: "custom", message: 'send { "upsert": [{ "key", "customer", "data" }, …], "delete": ["key", …] } with at least one' });
    else if (b.upsert.length + b.delete.length > MAX_RECORDS_PER_BATCH) ctx.addIssue({ code: "custom", message: `at most ${MAX_RECORDS_PER_BATCH.toLocaleString("en-US")} upserts and deletes per call` });
  });
export type RecordsBatch = z.output<typeof recordsBatchSchema>;

export const dataStoreFilterSchema = z
  .strictObject({
    field: fieldNameSchema,
    operator: z.enum(["equals", "in", "not_in", "exists"], { error: "Choose how the field is compared" }),
    values: z.array(z.string().trim().min(1, "A value is empty").max(500, "Values are at most 500 characters")).max(100, "At most 100 values").default([]),
  })
  .superRefine((f, ctx) => {
    if (f.operator === "equals" && f.values.length !== 1) ctx.addIssue({ code: "custom", path: ["values"], message: "Give the one value the field must equal" });
    if ((f.operator === "in" || f.operator === "not_in") && f.values.length === 0) ctx.addIssue({ code: "custom", path: ["values"], message: "Give at least one value" });
  })
  .transform((f) => (f.operator === "exists" ? { ...f, values: [] } : f));

/** Validates the identifier against the store's kind; emails are stored lower-case (they match case-insensitively). */
export function normaliseIdentifier(kind: "email" | "external_id", value: string): { ok: true; value: string } | { ok: false; error: string } {
  const v = value.trim();
  if (kind === "email") {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) return { ok: false, error: `“${v.slice(0, 80)}” is not an email address, and this data store names customers by email` };
    return { ok: true, value: v.toLowerCase() };
  }
  return { ok: true, value: v };
}

// ---------------------------------------------------------------------------
// Forms (the server actions): FormData fields as the dialogs send them
// ---------------------------------------------------------------------------

export const createDataStoreFormSchema = z.object({ name: dataStoreNameSchema, identifierKind: dataStoreIdentifierKindSchema });
export const dataStoreIdFormSchema = z.object({ dataStoreId: dataStorePublicIdSchema });

/**
 * A record's fields as the dialog's text area holds them: one `field = value` per line (values
 * are kept as text), blank lines ignored.
 */
export const recordFieldsTextSchema = z
  .string()
  .max(MAX_RECORD_DATA_BYTES, `Fields are at most ${MAX_RECORD_DATA_BYTES / 1024} KB`)
  .default("")
  .transform((text, ctx) => {
    const data: Record<string, string> = {};
    for (const [i, raw] of text.split(/\r?\n/).entries()) {
      const line = raw.trim();
      if (!line) continue;
      const at = line.indexOf("=");
      if (at <= 0) {
        ctx.addIssue({ code: "custom", message: `Line ${i + 1}: write each field as name = value` });
        return z.NEVER;
      }
      const name = fieldNameSchema.safeParse(line.slice(0, at));
      if (!name.success) {
        ctx.addIssue({ code: "custom", message: `Line ${i + 1}: ${name.error.issues[0].message}` });
        return z.NEVER;
      }
      data[name.data] = line.slice(at + 1).trim();
    }
    if (Object.keys(data).length > MAX_FIELDS_PER_RECORD) {
      ctx.addIssue({ code: "custom", message: `At most ${MAX_FIELDS_PER_RECORD} fields per record` });
      return z.NEVER;
    }
    return data;
  });

// The record dialog says "Record ID" and "Customer": its messages use those words (the API's
// messages above name its JSON fields, `key` and `customer`).
const recordIdFormSchema = z
  .string({ error: "Give the record an ID, for example a subscription or order number." })
  .trim()
  .min(1, "Give the record an ID, for example a subscription or order number.")
  .max(MAX_KEY_LENGTH, `A record ID is at most ${MAX_KEY_LENGTH} characters.`);
const recordCustomerFormSchema = z
  .string({ error: "Say which customer this record belongs to." })
  .trim()
  .min(1, "Say which customer this record belongs to.")
  .max(MAX_IDENTIFIER_LENGTH, `That is longer than any email address or ID (at most ${MAX_IDENTIFIER_LENGTH} characters).`);

export const saveRecordFormSchema = z.object({
  dataStoreId: dataStorePublicIdSchema,
  key: recordIdFormSchema,
  customer: recordCustomerFormSchema,
  fields: recordFieldsTextSchema,
  /** Editing: the key the record had, so a renamed key replaces it rather than adding a second record. */
  originalKey: z.string().max(MAX_KEY_LENGTH).optional(),
});

/** Opening a CSV upload into a store (the rows follow in batches to /api/imports/{id}/rows). */
export const startDataStoreImportSchema = z.object({
  workspaceId: z.string(),
  dataStoreId: dataStorePublicIdSchema,
  ...uploadedFileFields,
  /** The data fields the upload will carry (checked here, once, rather than per row). */
  fieldNames: z
    .array(fieldNameSchema)
    .max(MAX_FIELDS_PER_RECORD, `At most ${MAX_FIELDS_PER_RECORD} columns can become data fields`)
    .default([])
    .refine((names) => new Set(names).size === names.length, "Two columns would become the same data field: leave one of them out"),
});
export type StartDataStoreImportInput = z.output<typeof startDataStoreImportSchema>;

export const deleteRecordFormSchema = z.object({ dataStoreId: dataStorePublicIdSchema, key: recordKeySchema });

/** The link form: a store, and optionally a filter written as field / operator / comma-separated values. */
export const linkDataStoreFormSchema = z
  .object({
    segmentId: z.string().trim().min(1, "Choose a segment").max(64),
    dataStoreId: dataStorePublicIdSchema,
    filterField: z.string().trim().max(100).optional().default(""),
    filterOperator: z.enum(["equals", "in", "not_in", "exists"]).optional().default("equals"),
    filterValues: z.string().max(5_000).optional().default(""),
  })
  .transform((f, ctx) => {
    if (!f.filterField) return { segmentId: f.segmentId, dataStoreId: f.dataStoreId, filter: null };
    const values = f.filterValues.split(",").map((v) => v.trim()).filter(Boolean);
    const parsed = dataStoreFilterSchema.safeParse({ field: f.filterField, operator: f.filterOperator, values: f.filterOperator === "equals" ? [f.filterValues.trim()].filter(Boolean) : values });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      ctx.addIssue({ code: "custom", path: [issue.path[0] === "values" ? "filterValues" : "filterField"], message: issue.message });
      return z.NEVER;
    }
    return { segmentId: f.segmentId, dataStoreId: f.dataStoreId, filter: parsed.data };
  });

export const segmentLinkFormSchema = z.object({ segmentId: z.string().trim().min(1, "Choose a segment").max(64) });
