import { describe, expect, it } from "vitest";
import { LIMITS, conditionTreeSchema, newConditionTreeSchema, parseIsoDate, referencedSegmentIds, type Condition, type ValueFilter } from "./condition-schema";

const group = (...conditions: unknown[]) => ({ type: "group", operator: "and", conditions });
const attr = (filter: unknown, key = "plan") => ({ type: "attribute", key, filter });
const event = (extra: Record<string, unknown> = {}) => ({ type: "event", event: "order_completed", operator: "performed", ...extra });

function firstError(input: unknown): string | undefined {
  const result = conditionTreeSchema.safeParse(input);
  return result.success ? undefined : result.error.issues[0].message;
}

describe("condition tree schema", () => {
  it("accepts every attribute operator with its typed value", () => {
    const filters: ValueFilter[] = [
      { operator: "exists" },
      { operator: "not_exists" },
      { operator: "equals", valueType: "string", value: "pro" },
      { operator: "not_equals", valueType: "number", value: 3 },
      { operator: "equals", valueType: "boolean", value: true },
      { operator: "equals", valueType: "date", value: "2026-05-01" },
      { operator: "contains", value: "pro" },
      { operator: "not_contains", value: "pro" },
      { operator: "starts_with", value: "p" },
      { operator: "ends_with", value: "o" },
      { operator: "gt", value: 1 },
      { operator: "gte", value: 1.5 },
      { operator: "lt", value: -2 },
      { operator: "lte", value: 0 },
      { operator: "between", valueType: "number", from: 1, to: 5 },
      { operator: "between", valueType: "date", from: "2026-01-01", to: "2026-02-01T10:00:00Z" },
      { operator: "is_one_of", values: ["pro", 2] },
      { operator: "is_not_one_of", values: ["free"] },
      { operator: "before", value: "2026-01-01" },
      { operator: "after", value: "2026-01-01T00:00:00+02:00" },
      { operator: "within_last_days", days: 14 },
      { operator: "more_than_days_ago", days: 30 },
    ];
    for (const filter of filters) expect(firstError(group(attr(filter))), JSON.stringify(filter)).toBeUndefined();
  });

  it("accepts location, event (every count, window and property filter) and segment conditions", () => {
    const ok: unknown[] = [
      { type: "location", field: "country", operator: "is_one_of", values: ["DE"] },
      { type: "location", field: "city", operator: "is_not_one_of", values: ["Berlin"] },
      event(),
      event({ count: { operator: "at_least", value: 2 }, window: { type: "last", amount: 30, unit: "days" } }),
      event({ count: { operator: "at_most", value: 0 }, window: { type: "last", amount: 12, unit: "hours" } }),
      event({ count: { operator: "exactly", value: 3 }, window: { type: "between", from: "2026-01-01", to: "2026-01-31" } }),
      event({ operator: "did_not_perform", window: { type: "last", amount: 60, unit: "days" } }),
      event({ event: "email_opened", filters: [{ key: "campaign", filter: { operator: "equals", valueType: "string", value: "spring" } }] }),
      { type: "segment", operator: "not_in", segmentId: "seg_abc" },
    ];
    for (const leaf of ok) expect(firstError(group(leaf)), JSON.stringify(leaf)).toBeUndefined();
    const parsed = conditionTreeSchema.parse(group(event()));
    expect((parsed.conditions[0] as Extract<Condition, { type: "event" }>).window).toEqual({ type: "ever" });
  });

  it("refuses bad input with messages a marketer can act on", () => {
    expect(firstError(group())).toBe("A group needs at least one condition");
    expect(firstError(group(attr({ operator: "gt", value: "ten" })))).toBe("Enter a number");
    expect(firstError(group(attr({ operator: "contains", value: "" })))).toBe("Enter some text to look for");
    expect(firstError(group(attr({ operator: "before", value: "01/02/2026" })))).toBe("Enter a date as YYYY-MM-DD");
    expect(firstError(group(attr({ operator: "within_last_days", days: 0 })))).toBe("Days must be at least 1");
    expect(firstError(group(attr({ operator: "within_last_days", days: 2.5 })))).toBe("Days must be a whole number");
    expect(firstError(group(attr({ operator: "is_one_of", values: [] })))).toBe("Add at least one value");
    expect(firstError(group(attr({ operator: "exists" }, "  ")))).toBe("Choose an attribute");
    expect(firstError(group({ type: "location", field: "country", operator: "is_one_of", values: [] }))).toBe("Add at least one place");
    expect(firstError(group(event({ operator: "did_not_perform", count: { operator: "at_least", value: 1 } })))).toBe('"Did not perform" takes no count');
    expect(firstError(group(event({ count: { operator: "at_least", value: 0 } })))).toBe('"At least" needs a count of 1 or more');
    expect(firstError(group(event({ count: { operator: "exactly", value: -1 } })))).toBe("Counts cannot be negative");
    expect(firstError(group(event({ window: { type: "between", from: "2026-02-01", to: "2026-01-01" } })))).toBe("The window must end after it starts");
    expect(firstError(group(event({ event: "" })))).toBe("Choose an event");
    expect(firstError(group({ type: "segment", operator: "in", segmentId: "" }))).toBe("Choose a segment");
    expect(firstError({ type: "attribute", key: "plan", filter: { operator: "exists" } })).toBeDefined();
  });

  it("refuses an empty \"is\" / \"is not\" text in a new definition, but still reads a saved one that has it", () => {
    const saved = group(attr({ operator: "equals", valueType: "string", value: "" }), event({ filters: [{ key: "coupon", filter: { operator: "not_equals", valueType: "string", value: "  " } }] }));
    // Already-saved segments parse as before: their pages, recompute and why-lookup keep working.
    expect(conditionTreeSchema.safeParse(saved).success).toBe(true);
    const result = newConditionTreeSchema.safeParse(saved);
    expect(result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: ["conditions", 0, "filter", "value"], message: "Enter a value. For customers without one, choose “is not set”" },
      { path: ["conditions", 1, "filters", 0, "filter", "value"], message: "Enter a value. For customers with any value, choose “is set”" },
    ]);
    // A typed value, an empty "contains" (its own message) and an empty number are not this rule's.
    expect(newConditionTreeSchema.safeParse(group(attr({ operator: "equals", valueType: "string", value: "pro" }))).success).toBe(true);
  });

  it("enforces depth, size and list limits", () => {
    let deep: unknown = attr({ operator: "exists" });
    for (let i = 0; i < LIMITS.maxDepth + 1; i++) deep = group(deep);
    expect(firstError(deep)).toBe(`Conditions can be nested at most ${LIMITS.maxDepth} groups deep (this one is ${LIMITS.maxDepth + 1})`);
    const many = group(...Array.from({ length: LIMITS.maxConditions + 1 }, () => attr({ operator: "exists" })));
    expect(firstError(many)).toBe(`A segment can have at most ${LIMITS.maxConditions} conditions (this one has ${LIMITS.maxConditions + 1})`);
    const longList = group(attr({ operator: "is_one_of", values: Array.from({ length: LIMITS.maxListValues + 1 }, (_, i) => `v${i}`) }));
    expect(firstError(longList)).toBe(`Lists hold at most ${LIMITS.maxListValues} values`);
    expect(firstError(group(attr({ operator: "equals", valueType: "string", value: "x".repeat(LIMITS.maxStringLength + 1) })))).toBe(
      `Values are at most ${LIMITS.maxStringLength} characters`,
    );
    const filters = Array.from({ length: LIMITS.maxPropertyFilters + 1 }, () => ({ key: "a", filter: { operator: "exists" } }));
    expect(firstError(group(event({ filters })))).toBe(`At most ${LIMITS.maxPropertyFilters} property filters`);
  });

  it("lists the segments a tree refers to", () => {
    const tree = conditionTreeSchema.parse(
      group({ type: "segment", operator: "in", segmentId: "seg_a" }, group({ type: "segment", operator: "not_in", segmentId: "seg_b" }, { type: "segment", operator: "in", segmentId: "seg_a" })),
    );
    expect(referencedSegmentIds(tree)).toEqual(["seg_a", "seg_b"]);
  });

  it("reads dates as UTC instants, leniently past month ends, and refuses non-dates", () => {
    expect(parseIsoDate("2026-05-01")).toBe(Date.UTC(2026, 4, 1));
    expect(parseIsoDate("2026-05-01T10:30:00+02:00")).toBe(Date.UTC(2026, 4, 1, 8, 30));
    expect(parseIsoDate("2026-02-30")).toBe(Date.UTC(2026, 2, 2));
    expect(parseIsoDate("2026-13-01")).toBeNull();
    expect(parseIsoDate("yesterday")).toBeNull();
  });
});
