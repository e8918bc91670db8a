import { z } from "zod";
import { segmentTypes } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { newConditionTreeSchema } from "./condition-schema";

export const segmentNameSchema = z.string().trim().min(1, "Give your segment a name").max(120, "Names are at most 120 characters");
export const segmentDescriptionSchema = z.string().trim().max(500, "Descriptions are at most 500 characters");

/** A segment's public id as it arrives from a form, URL or API path; a malformed one simply finds nothing. */
export const segmentPublicIdSchema = z.string({ error: "Choose a segment" }).trim().min(1, "Choose a segment").max(64, "That segment does not exist");

function refineTypeAndConditions(s: { type: (typeof segmentTypes)[number]; conditions?: unknown }, ctx: z.RefinementCtx) {
  if (s.type === "automatic" && !s.conditions) {
    ctx.addIssue({ code: "custom", path: ["conditions"], message: "An automatic segment needs at least one condition" });
  }
  if (s.type === "manual" && s.conditions) {
    ctx.addIssue({ code: "custom", path: ["conditions"], message: "Manual segments have no conditions" });
  }
}

const createSegmentFields = {
  name: segmentNameSchema,
  description: segmentDescriptionSchema.default(""),
  type: z.enum(segmentTypes, { error: "Choose Automatic or Manual" }),
};

export const createSegmentSchema = z
  .object({ ...createSegmentFields, conditions: newConditionTreeSchema.optional() })
  .superRefine(refineTypeAndConditions);
export type CreateSegmentInput = z.input<typeof createSegmentSchema>;

/**
 * The condition tree as a form sends it: a JSON string (the builder's hidden input), empty or
 * absent for none. Invalid JSON is a field error, not an exception.
 */
export const conditionsFieldSchema = z.preprocess((value, ctx) => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") return value;
  if (value.trim() === "") return undefined;
  try {
    return JSON.parse(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "The conditions could not be read; please rebuild them" });
    return z.NEVER;
  }
}, newConditionTreeSchema.optional());

export const createSegmentFormSchema = z
  .object({ ...createSegmentFields, conditions: conditionsFieldSchema })
  .superRefine(refineTypeAndConditions);

export const updateSegmentSchema = z.object({
  name: segmentNameSchema.optional(),
  description: segmentDescriptionSchema.optional(),
  conditions: newConditionTreeSchema.optional(),
});
export type UpdateSegmentInput = z.input<typeof updateSegmentSchema>;

export const updateSegmentFormSchema = z.object({
  segmentId: segmentPublicIdSchema,
  name: segmentNameSchema,
  description: segmentDescriptionSchema.default(""),
  conditions: conditionsFieldSchema,
});

export const segmentIdFormSchema = z.object({ segmentId: segmentPublicIdSchema });

export const explainMembershipFormSchema = z.object({
  segmentId: segmentPublicIdSchema,
  customer: z
    .string({ error: "Enter a customer's email, external id or Lumen id" })
    .trim()
    .min(1, "Enter a customer's email, external id or Lumen id")
    .max(320, "That is too long for an email or id"),
});

export const segmentSorts = ["name", "size", "changed"] as const;
export type SegmentSort = (typeof segmentSorts)[number];

/** The list's search, filter and sort, as the page's URL and the API's query string carry them. */
export const listSegmentsQuerySchema = z.object({
  q: z.string().trim().max(120, "Searches are at most 120 characters").optional(),
  type: z.enum(segmentTypes, { error: 'type is "automatic" or "manual"' }).optional(),
  sort: z.enum(segmentSorts, { error: 'sort is "name", "size" or "changed"' }).optional(),
  dir: z.enum(["asc", "desc"], { error: 'dir is "asc" or "desc"' }).optional(),
});
export type ListSegmentsOptions = z.input<typeof listSegmentsQuerySchema>;

export const MAX_MEMBERS_PAGE_SIZE = 200;

export const listMembersQuerySchema = z.object({
  q: z.string().trim().max(320, "Searches are at most 320 characters").optional(),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, "cursor is not valid; use the nextCursor of the previous page")
    .optional(),
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(MAX_MEMBERS_PAGE_SIZE, `limit is at most ${MAX_MEMBERS_PAGE_SIZE}`)
    .default(50),
});
export type ListMembersOptions = z.input<typeof listMembersQuerySchema>;

/** Parses a data function's options; bad ones are a UserError with the first reason (never a raw ZodError). */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UserError(issue.message);
}
