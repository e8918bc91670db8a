import { z } from "zod";
import { DAY_MS, HOUR_MS } from "./time-rules";

/**
 * The condition tree of an automatic segment (DESIGN.md §4). One schema, shared by the
 * builder UI, the server actions, the API and the jobs.
 */

export const LIMITS = {
  maxDepth: 5,
  maxConditions: 100,
  maxListValues: 1000,
  maxStringLength: 1000,
  maxKeyLength: 200,
  maxPropertyFilters: 10,
  maxDays: 3650,
  maxCount: 1_000_000,
} as const;

export const valueTypes = ["string", "number", "boolean", "date"] as const;
export type ValueType = (typeof valueTypes)[number];

const key = z
  .string()
  .trim()
  .min(1, "Choose an attribute")
  .max(LIMITS.maxKeyLength, `Attribute names are at most ${LIMITS.maxKeyLength} characters`);
const text = z.string().max(LIMITS.maxStringLength, `Values are at most ${LIMITS.maxStringLength} characters`);
const finite = z.number({ error: "Enter a number" }).refine(Number.isFinite, "Enter a finite number");
const days = z
  .number({ error: "Enter a number of days" })
  .int("Days must be a whole number")
  .min(1, "Days must be at least 1")
  .max(LIMITS.maxDays, `Days must be at most ${LIMITS.maxDays}`);

const isoDatePattern =
  /^(?:19|20|21)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:0\d|1[0-4]):?[0-5]\d)?)?$/;
/** A date ("2026-05-01") or date-time ("2026-05-01T10:00:00Z"); dates are read as UTC. */
export const isoDate = z.string().regex(isoDatePattern, "Enter a date as YYYY-MM-DD");

const listValue = z.union([text, finite]);
const list = z
  .array(listValue)
  .min(1, "Add at least one value")
  .max(LIMITS.maxListValues, `Lists hold at most ${LIMITS.maxListValues} values`);

/** What can be asked of one value (a customer attribute or an event property). */
export const valueFilterSchema = z.discriminatedUnion("operator", [
  z.object({ operator: z.enum(["exists", "not_exists"]) }),
  z.discriminatedUnion("valueType", [
    z.object({ operator: z.enum(["equals", "not_equals"]), valueType: z.literal("string"), value: text }),
    z.object({ operator: z.enum(["equals", "not_equals"]), valueType: z.literal("number"), value: finite }),
    z.object({ operator: z.enum(["equals", "not_equals"]), valueType: z.literal("boolean"), value: z.boolean() }),
    z.object({ operator: z.enum(["equals", "not_equals"]), valueType: z.literal("date"), value: isoDate }),
  ]),
  z.object({
    operator: z.enum(["contains", "not_contains", "starts_with", "ends_with"]),
    value: text.min(1, "Enter some text to look for"),
  }),
  z.object({ operator: z.enum(["gt", "gte", "lt", "lte"]), value: finite }),
  z.discriminatedUnion("valueType", [
    z.object({ operator: z.literal("between"), valueType: z.literal("number"), from: finite, to: finite }),
    z.object({ operator: z.literal("between"), valueType: z.literal("date"), from: isoDate, to: isoDate }),
  ]),
  z.object({ operator: z.enum(["is_one_of", "is_not_one_of"]), values: list }),
  z.object({ operator: z.enum(["before", "after"]), value: isoDate }),
  z.object({ operator: z.enum(["within_last_days", "more_than_days_ago"]), days }),
]);
export type ValueFilter = z.infer<typeof valueFilterSchema>;
export type ValueOperator = ValueFilter["operator"];

export const attributeConditionSchema = z.object({
  type: z.literal("attribute"),
  key,
  filter: valueFilterSchema,
});
export type AttributeCondition = z.infer<typeof attributeConditionSchema>;

export const locationFields = ["country", "region", "city"] as const;
export const locationConditionSchema = z.object({
  type: z.literal("location"),
  field: z.enum(locationFields),
  operator: z.enum(["is_one_of", "is_not_one_of"]),
  values: z
    .array(text.min(1))
    .min(1, "Add at least one place")
    .max(LIMITS.maxListValues, `Lists hold at most ${LIMITS.maxListValues} values`),
});
export type LocationCondition = z.infer<typeof locationConditionSchema>;

export const eventWindowSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ever") }),
  z.object({
    type: z.literal("last"),
    amount: z
      .number({ error: "Enter the window as a whole number" })
      .int("Enter the window as a whole number")
      .min(1, "The window must be at least 1")
      .max(87_600, "The window is at most 87,600 (10 years in hours)"),
    unit: z.enum(["days", "hours"]),
  }),
  z.object({ type: z.literal("between"), from: isoDate, to: isoDate }),
]);
export type EventWindow = z.infer<typeof eventWindowSchema>;

export const eventConditionSchema = z
  .object({
    type: z.literal("event"),
    event: z.string().trim().min(1, "Choose an event").max(LIMITS.maxKeyLength),
    operator: z.enum(["performed", "did_not_perform"]),
    count: z
      .object({
        operator: z.enum(["at_least", "at_most", "exactly"]),
        value: z
          .number({ error: "Enter how many times as a whole number" })
          .int("Enter how many times as a whole number")
          .min(0, "Counts cannot be negative")
          .max(LIMITS.maxCount, `Counts are at most ${LIMITS.maxCount.toLocaleString("en-US")}`),
      })
      .optional(),
    window: eventWindowSchema.default({ type: "ever" }),
    filters: z
      .array(z.object({ key, filter: valueFilterSchema }))
      .max(LIMITS.maxPropertyFilters, `At most ${LIMITS.maxPropertyFilters} property filters`)
      .default([]),
  })
  .superRefine((c, ctx) => {
    if (c.operator === "did_not_perform" && c.count) {
      ctx.addIssue({ code: "custom", path: ["count"], message: '"Did not perform" takes no count' });
    }
    if (c.count?.operator === "at_least" && c.count.value < 1) {
      ctx.addIssue({ code: "custom", path: ["count", "value"], message: '"At least" needs a count of 1 or more' });
    }
    if (c.window.type === "between" && windowBound(c.window.from, "start") >= windowBound(c.window.to, "end")) {
      ctx.addIssue({ code: "custom", path: ["window"], message: "The window must end after it starts" });
    }
  });
export type EventCondition = z.infer<typeof eventConditionSchema>;

export const segmentConditionSchema = z.object({
  type: z.literal("segment"),
  operator: z.enum(["in", "not_in"]),
  segmentId: z.string().trim().min(1, "Choose a segment").max(100),
});
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

export type LeafCondition = AttributeCondition | LocationCondition | EventCondition | SegmentCondition;
export type ConditionGroup = { type: "group"; operator: "and" | "or"; conditions: Condition[] };
export type Condition = LeafCondition | ConditionGroup;

// One discriminated union over `type`, groups included, so a bad leaf reports its own
// message ("Enter a number") rather than a generic "Invalid input".
const groupSchema = z.object({
  type: z.literal("group"),
  operator: z.enum(["and", "or"], { error: 'Choose "all of" (and) or "any of" (or)' }),
  get conditions(): z.ZodArray<z.ZodType<Condition>> {
    return z.array(conditionSchema).min(1, "A group needs at least one condition");
  },
});

const conditionSchema: z.ZodType<Condition> = z.discriminatedUnion("type", [
  attributeConditionSchema,
  locationConditionSchema,
  eventConditionSchema,
  segmentConditionSchema,
  groupSchema,
]) as z.ZodType<Condition>;

/** A whole condition tree: always a group at the root. Depth and size limits are checked here. */
export const conditionTreeSchema = (groupSchema as unknown as z.ZodType<ConditionGroup>).superRefine((tree, ctx) => {
  const depth = treeDepth(tree);
  if (depth > LIMITS.maxDepth) {
    ctx.addIssue({ code: "custom", message: `Conditions can be nested at most ${LIMITS.maxDepth} groups deep (this one is ${depth})` });
  }
  const leaves = countLeaves(tree);
  if (leaves > LIMITS.maxConditions) {
    ctx.addIssue({ code: "custom", message: `A segment can have at most ${LIMITS.maxConditions} conditions (this one has ${leaves})` });
  }
});
export type ConditionTree = ConditionGroup;

const EMPTY_VALUE_MESSAGES = {
  equals: "Enter a value. For customers without one, choose “is not set”",
  not_equals: "Enter a value. For customers with any value, choose “is set”",
} as const;

/**
 * "is" / "is not" an empty text ("Plan is \"\"") is almost always a value not typed yet, and its
 * summary reads as nonsense. Refused for definitions being written (the builder and the
 * create / update actions) but not in `conditionTreeSchema`, which also reads the segments
 * already saved: one with such a value keeps working and is flagged when it is next edited.
 * Walks the raw tree defensively, so the builder can file these next to the schema's own
 * messages whatever else is wrong; paths are zod paths from the root.
 */
export function emptyTextValueIssues(tree: unknown): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const checkFilter = (filter: unknown, path: (string | number)[]) => {
    if (!filter || typeof filter !== "object") return;
    const f = filter as { operator?: unknown; valueType?: unknown; value?: unknown };
    if ((f.operator === "equals" || f.operator === "not_equals") && f.valueType === "string" && typeof f.value === "string" && f.value.trim() === "") {
      out.push({ path: [...path, "value"], message: EMPTY_VALUE_MESSAGES[f.operator] });
    }
  };
  const walk = (node: unknown, path: (string | number)[]) => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: unknown; conditions?: unknown; filter?: unknown; filters?: unknown };
    if (n.type === "group" && Array.isArray(n.conditions)) n.conditions.forEach((c, i) => walk(c, [...path, "conditions", i]));
    if (n.type === "attribute") checkFilter(n.filter, [...path, "filter"]);
    if (n.type === "event" && Array.isArray(n.filters)) n.filters.forEach((f, i) => checkFilter((f as { filter?: unknown } | null)?.filter, [...path, "filters", i, "filter"]));
  };
  walk(tree, []);
  return out;
}

/** A definition as new input (builder, create and update): the one schema plus the rule above. */
export const newConditionTreeSchema = conditionTreeSchema.superRefine((tree, ctx) => {
  for (const issue of emptyTextValueIssues(tree)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

export function treeDepth(node: Condition): number {
  return node.type === "group" ? 1 + Math.max(0, ...node.conditions.map(treeDepth)) : 0;
}

export function countLeaves(node: Condition): number {
  return node.type === "group" ? node.conditions.reduce((n, c) => n + countLeaves(c), 0) : 1;
}

export function* leaves(node: Condition): Generator<LeafCondition> {
  if (node.type === "group") for (const child of node.conditions) yield* leaves(child);
  else yield node;
}

/** Public ids of the segments a tree refers to. */
export function referencedSegmentIds(tree: Condition): string[] {
  return [...new Set([...leaves(tree)].flatMap((l) => (l.type === "segment" ? [l.segmentId] : [])))];
}

/** The instant a date string stands for: a date-only "to" bound means the end of that day. */
export function windowBound(value: string, side: "start" | "end"): number {
  const ms = parseIsoDate(value);
  if (ms === null) return Number.NaN;
  return side === "end" && isDateOnly(value) ? ms + DAY_MS : ms;
}

export function isDateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

const captureIso =
  /^((?:19|20|21)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d(?:\.\d{1,3})?))?)?(Z|[+-](?:0\d|1[0-4]):?[0-5]\d)?$/;

/**
 * Milliseconds since the epoch for the date strings Lumen understands, else null. Mirrors
 * the SQL function lumen_to_timestamptz exactly (including its leniency: "2026-02-30"
 * is 2 March), because segment SQL and this code must agree on every value.
 */
export function parseIsoDate(value: string): number | null {
  const m = captureIso.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, offset] = m;
  let ms =
    Date.UTC(Number(y), Number(mo) - 1, 1, Number(h ?? 0), Number(mi ?? 0), 0) +
    Math.round(Number(s ?? 0) * 1000) +
    (Number(d) - 1) * DAY_MS;
  if (offset && offset !== "Z") {
    const sign = offset[0] === "-" ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * HOUR_MS + Number(digits.slice(2, 4)) * 60_000);
  }
  return ms;
}
