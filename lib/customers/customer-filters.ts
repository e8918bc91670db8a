import { z } from "zod";
import { toCountryCode } from "./country-code";

/**
 * The Customers tab's search and filters, as its URL carries them and as the "select all
 * matching" actions receive them: one schema for both, so the set a marketer sees is the set
 * that gets added. Every field is optional; an empty string counts as "not set" (a GET form
 * sends its empty inputs).
 */

export const lastSeenModes = ["within", "over", "never"] as const;
export type LastSeenMode = (typeof lastSeenModes)[number];
export const segmentFilterOps = ["in", "not_in"] as const;

export const MAX_FILTER_DAYS = 3650;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalText = (max: number, message: string) => z.preprocess(blankToUndefined, z.string().trim().max(max, message).optional());

export const customerFiltersSchema = z
  .object({
    q: optionalText(200, "Searches are at most 200 characters"),
    // Countries are stored as ISO codes ("DE"): a typed "de" or "Germany" means the same one.
    country: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(64, "Country is at most 64 characters")
        .transform(toCountryCode)
        .optional(),
    ),
    seen: z.preprocess(blankToUndefined, z.enum(lastSeenModes, { error: "Last seen is “within”, “over” or “never”" }).optional()),
    days: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "Days must be a number" })
        .int("Days must be a whole number")
        .min(1, "Days must be at least 1")
        .max(MAX_FILTER_DAYS, `Days are at most ${MAX_FILTER_DAYS}`)
        .optional(),
    ),
    attr: optionalText(200, "Attribute names are at most 200 characters"),
    value: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(500, "Attribute values are at most 500 characters").optional()),
    segment: optionalText(64, "That segment does not exist"),
    segmentOp: z.preprocess(blankToUndefined, z.enum(segmentFilterOps, { error: "Segment filter is “in” or “not_in”" }).optional()),
  })
  .superRefine((f, ctx) => {
    if ((f.seen === "within" || f.seen === "over") && f.days === undefined) {
      ctx.addIssue({ code: "custom", path: ["days"], message: "Say how many days for “last seen”" });
    }
    if (f.value !== undefined && f.attr === undefined) {
      ctx.addIssue({ code: "custom", path: ["attr"], message: "Name the attribute whose value to match" });
    }
    if (f.attr !== undefined && f.value === undefined) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "Give the attribute value to match" });
    }
  })
  // Strip the fields that do nothing (days without a mode, an op without a segment), so the URL
  // and the "matching" description say only what is applied.
  .transform((f) => ({
    q: f.q || undefined,
    country: f.country,
    seen: f.seen,
    days: f.seen === "within" || f.seen === "over" ? f.days : undefined,
    attr: f.attr,
    value: f.attr !== undefined ? f.value : undefined,
    segment: f.segment,
    segmentOp: f.segment ? (f.segmentOp ?? "in") : undefined,
  }));

export type CustomerFilters = z.output<typeof customerFiltersSchema>;
export type CustomerFiltersInput = z.input<typeof customerFiltersSchema>;

export const filterKeys = ["q", "country", "seen", "days", "attr", "value", "segment", "segmentOp"] as const;

/** True when anything narrows the list (search or a filter). */
export function hasFilters(f: CustomerFilters): boolean {
  return filterKeys.some((k) => f[k] !== undefined);
}

/** The filters as URL search params (only those set), for links that keep them. */
export function filtersToParams(f: CustomerFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = f[key];
    if (value !== undefined) out[key] = String(value);
  }
  return out;
}

/** Reads the URL's search params; the first of a repeated key wins. */
export function parseCustomerFilters(
  params: Record<string, string | string[] | undefined>,
): { ok: true; filters: CustomerFilters } | { ok: false; error: string } {
  const raw: Record<string, string | undefined> = {};
  for (const key of filterKeys) {
    const value = params[key];
    raw[key] = Array.isArray(value) ? value[0] : value;
  }
  const parsed = customerFiltersSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filters: parsed.data };
  return { ok: false, error: parsed.error.issues[0]?.message ?? "Those filters are not valid" };
}

/** A marketer-readable summary that follows "customers": "whose country is DE, last seen within 30 days". */
export function describeFilters(f: CustomerFilters, segmentName?: string): string {
  const parts: string[] = [];
  if (f.q) parts.push(`matching “${f.q}”`);
  if (f.country) parts.push(`whose country is ${f.country}`);
  if (f.seen === "within") parts.push(`last seen within ${f.days} ${f.days === 1 ? "day" : "days"}`);
  if (f.seen === "over") parts.push(`last seen more than ${f.days} ${f.days === 1 ? "day" : "days"} ago`);
  if (f.seen === "never") parts.push("never seen");
  if (f.attr !== undefined) parts.push(`whose ${f.attr} is “${f.value}”`);
  if (f.segment) parts.push(`${f.segmentOp === "not_in" ? "not in" : "in"} ${segmentName ? `“${segmentName}”` : "the chosen segment"}`);
  return parts.join(", ");
}
