import { z } from "zod";
import { dataStoreIdentifierKinds } from "@/db/schema";

/** Records per batch call (API and one CSV upload): one request, one transaction, a few set-based statements. */
export const MAX_RECORDS_PER_BATCH = 10_000;
/** A batch body of 10,000 records with a few fields each, and room. */
export const MAX_RECORDS_BODY_BYTES = 4 * 1024 * 1024;
/** One record's data, as JSON. Records are looked at, not documents to store. */
export const MAX_RECORD_DATA_BYTES = 16 * 1024;
export const MAX_KEY_LENGTH = 255;
export const MAX_IDENTIFIER_LENGTH = 320;
export const MAX_FIELDS_PER_RECORD = 50;
/** Identifiers an incremental sync event carries; more and the store is synced in full (job payloads stay small). */
export const MAX_SYNC_IDENTIFIERS = 2_000;

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
