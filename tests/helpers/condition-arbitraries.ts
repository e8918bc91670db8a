import fc from "fast-check";
import type { ConditionTree, ValueFilter } from "@/lib/segments/condition-schema";

/** Generators of valid condition trees covering every leaf type and every operator of the schema. */

const trimmed = (max = 20) =>
  fc
    .string({ minLength: 1, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("pro", "enterprise", "Zoë", "日本語", " padded ", "1,5", "true"));
const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.constantFrom(0.1, 1e21, 5e-7, 100),
);
export const dates = fc.constantFrom("2026-01-01", "2026-05-01", "2025-12-31T23:59:59Z", "2026-06-10T10:00:00+02:00", "2026-02-28", "2026-07-04 08:30");
const days = fc.integer({ min: 1, max: 3650 });

export const valueFilter: fc.Arbitrary<ValueFilter> = fc.oneof(
  fc.record({ operator: fc.constantFrom("exists" as const, "not_exists" as const) }),
  fc.record({ operator: fc.constantFrom("equals" as const, "not_equals" as const), valueType: fc.constant("string" as const), value: text }),
  fc.record({ operator: fc.constantFrom("equals" as const, "not_equals" as const), valueType: fc.constant("number" as const), value: number }),
  fc.record({ operator: fc.constantFrom("equals" as const, "not_equals" as const), valueType: fc.constant("boolean" as const), value: fc.boolean() }),
  fc.record({ operator: fc.constantFrom("equals" as const, "not_equals" as const), valueType: fc.constant("date" as const), value: dates }),
  fc.record({
    operator: fc.constantFrom("contains" as const, "not_contains" as const, "starts_with" as const, "ends_with" as const),
    value: fc.string({ minLength: 1, maxLength: 12 }),
  }),
  fc.record({ operator: fc.constantFrom("gt" as const, "gte" as const, "lt" as const, "lte" as const), value: number }),
  fc.record({ operator: fc.constant("between" as const), valueType: fc.constant("number" as const), from: number, to: number }),
  fc.record({ operator: fc.constant("between" as const), valueType: fc.constant("date" as const), from: dates, to: dates }),
  fc.record({
    operator: fc.constantFrom("is_one_of" as const, "is_not_one_of" as const),
    values: fc.array(fc.oneof(text, number), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ operator: fc.constantFrom("before" as const, "after" as const), value: dates }),
  fc.record({ operator: fc.constantFrom("within_last_days" as const, "more_than_days_ago" as const), days }),
);

const attribute = fc.record({ type: fc.constant("attribute" as const), key: trimmed(), filter: valueFilter });

const location = fc.record({
  type: fc.constant("location" as const),
  field: fc.constantFrom("country" as const, "region" as const, "city" as const),
  operator: fc.constantFrom("is_one_of" as const, "is_not_one_of" as const),
  values: fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 4 }),
});

const window = fc.oneof(
  fc.constant({ type: "ever" as const }),
  fc.record({ type: fc.constant("last" as const), amount: fc.integer({ min: 1, max: 87_600 }), unit: fc.constantFrom("days" as const, "hours" as const) }),
  fc.constantFrom(
    { type: "between" as const, from: "2026-01-01", to: "2026-01-01" },
    { type: "between" as const, from: "2026-01-01T10:00:00Z", to: "2026-03-31" },
    { type: "between" as const, from: "2025-12-01", to: "2026-06-01T00:00:00+02:00" },
  ),
);

const performedCount = fc.option(
  fc.oneof(
    fc.record({ operator: fc.constant("at_least" as const), value: fc.integer({ min: 1, max: 1_000_000 }) }),
    fc.record({ operator: fc.constantFrom("at_most" as const, "exactly" as const), value: fc.integer({ min: 0, max: 1_000_000 }) }),
  ),
  { nil: undefined },
);

const event = fc
  .record({
    event: trimmed(),
    operator: fc.constantFrom("performed" as const, "did_not_perform" as const),
    count: performedCount,
    window,
    filters: fc.array(fc.record({ key: trimmed(), filter: valueFilter }), { maxLength: 3 }),
  })
  .map(({ count, ...c }) => ({
    type: "event" as const,
    ...c,
    ...(c.operator === "performed" && count ? { count } : {}),
  }));

const segment = fc.record({
  type: fc.constant("segment" as const),
  operator: fc.constantFrom("in" as const, "not_in" as const),
  segmentId: trimmed(),
});

export const leaf = fc.oneof(attribute, location, event, segment);

export const tree: fc.Arbitrary<ConditionTree> = fc.letrec<{ group: ConditionTree; node: unknown }>((tie) => ({
  group: fc.record({
    type: fc.constant("group" as const),
    operator: fc.constantFrom("and" as const, "or" as const),
    conditions: fc.array(tie("node"), { minLength: 1, maxLength: 4 }),
  }) as fc.Arbitrary<ConditionTree>,
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("group")),
})).group;
