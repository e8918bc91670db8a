import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { customers, events, segmentMembers, segments, workspaces } from "@/db/schema";
import { queryRows, toNumber } from "@/db/client";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { refSelect, type RefCustomer, type RefEvent, type RefWorld } from "@/tests/helpers/reference-evaluator";
import { LIMITS, conditionTreeSchema, treeDepth, type Condition, type ConditionTree, type ValueFilter } from "./condition-schema";
import { compileSegmentQuery, type CompileScope } from "./compile-conditions";

/**
 * Property: for generated condition trees over generated customers and events, the SQL
 * the compiler writes selects exactly the customers the reference evaluator selects —
 * on PGlite and, in CI, on a real Postgres server.
 */

const NOW = new Date("2026-06-15T12:00:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const keys = ["plan", "score", "signup", "flag", "name"] as const;
const filterKeys = ["plan", "score", "signup", "flag", "name", "missing_key"] as const;
const strings = ["pro", "Pro", "enterprise", "", "é", "日本語", "a b", "🎉 party", "pro-plus", "x'y", "%_", "ß"];
const dateStrings = [
  "2026-06-15",
  "2026-06-01T00:00:00Z",
  "2026-05-16T12:00:00.000Z",
  "2026-05-16T11:59:59.999Z",
  "2026-02-30",
  "2026-13-01",
  "2026-06-10T10:00:00+02:00",
  "2026-06-10 23:30-05:30",
  "not a date",
  "2025-12-31T23:59:59.999Z",
  "2026-06-15T12:00:00Z",
  "2026-06-01",
];
const numbers = [-3, -1, 0, 1, 2, 3, 1.5, -0.5, 100, 500, 499.99];

const scalar = fc.oneof(fc.constantFrom(...strings), fc.constantFrom(...dateStrings), fc.constantFrom(...numbers), fc.boolean());
const attributeValue = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({ a: 1 }, [1, 2], ["pro"]) },
);
// Mostly the type a key usually holds (so filters often hit), sometimes anything (wrong types).
const typed: Record<(typeof keys)[number], fc.Arbitrary<unknown>> = {
  plan: fc.constantFrom("pro", "Pro", "enterprise", "pro-plus", "é", "🎉 party"),
  score: fc.constantFrom(-1, 0, 1, 1.5, 3, 100, 500),
  signup: fc.constantFrom(...dateStrings),
  flag: fc.boolean(),
  name: fc.constantFrom(...strings),
};
const attributes = fc
  .record(
    Object.fromEntries(keys.map((k) => [k, fc.option(fc.oneof({ weight: 4, arbitrary: typed[k] }, { weight: 1, arbitrary: attributeValue }), { nil: undefined, freq: 4 })])) as Record<(typeof keys)[number], fc.Arbitrary<unknown>>,
  )
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));

const op = <T extends string>(...ops: T[]) => fc.constantFrom(...ops);
const existence = fc.record({ operator: op("exists", "not_exists") });
const stringFilter = (pool: string[]) =>
  fc.oneof(
    fc.record({ operator: op("equals", "not_equals"), valueType: fc.constant("string" as const), value: fc.constantFrom(...pool) }),
    fc.record({ operator: op("contains", "not_contains", "starts_with", "ends_with"), value: fc.constantFrom("pro", "P", "é", "本", "🎉", " ", "'", "%", "_", "plus") }),
    fc.record({ operator: op("is_one_of", "is_not_one_of"), values: fc.uniqueArray(fc.oneof(fc.constantFrom(...pool), fc.constantFrom(...numbers)), { minLength: 1, maxLength: 4 }) }),
  );
const numberFilter = fc.oneof(
  fc.record({ operator: op("equals", "not_equals"), valueType: fc.constant("number" as const), value: fc.constantFrom(...numbers) }),
  fc.record({ operator: op("gt", "gte", "lt", "lte"), value: fc.constantFrom(...numbers) }),
  fc.record({ operator: fc.constant("between" as const), valueType: fc.constant("number" as const), from: fc.constantFrom(...numbers), to: fc.constantFrom(...numbers) }),
  fc.record({ operator: op("is_one_of", "is_not_one_of"), values: fc.uniqueArray(fc.constantFrom(...numbers), { minLength: 1, maxLength: 4 }) }),
);
const dateValues = ["2026-06-15", "2026-06-10", "2026-05-16T12:00:00.000Z", "2026-03-02", "2026-06-01", "2026-01-01"];
const dateFilter = fc.oneof(
  fc.record({ operator: op("equals", "not_equals"), valueType: fc.constant("date" as const), value: fc.constantFrom(...dateValues) }),
  fc.record({ operator: fc.constant("between" as const), valueType: fc.constant("date" as const), from: fc.constantFrom("2026-05-16", "2026-06-01"), to: fc.constantFrom("2026-06-10", "2026-06-15") }),
  fc.record({ operator: op("before", "after"), value: fc.constantFrom(...dateValues) }),
  // 30 days before NOW is exactly one of the generated dates: the window edge is exercised.
  fc.record({ operator: op("within_last_days", "more_than_days_ago"), days: fc.constantFrom(1, 5, 14, 30, 200) }),
);
const booleanFilter = fc.record({ operator: op("equals", "not_equals"), valueType: fc.constant("boolean" as const), value: fc.boolean() });
const anyFilter = fc.oneof(existence, stringFilter([...strings, ...dateStrings]), numberFilter, dateFilter, booleanFilter);
/** Mostly a filter that suits the key's usual type (so it often decides something), sometimes any. */
const filterFor = (key: string): fc.Arbitrary<ValueFilter> => {
  const suited: Record<string, fc.Arbitrary<unknown>> = {
    plan: stringFilter(["pro", "Pro", "enterprise", "pro-plus"]),
    name: stringFilter(strings),
    score: numberFilter,
    amount: numberFilter,
    signup: dateFilter,
    flag: booleanFilter,
    campaign: stringFilter(["pro", "spring 🎉", "", "Pro"]),
  };
  return fc.oneof({ weight: 4, arbitrary: suited[key] ?? anyFilter }, { weight: 1, arbitrary: anyFilter }, { weight: 1, arbitrary: existence }) as fc.Arbitrary<ValueFilter>;
};
const keyedFilter = (keyPool: readonly string[]) =>
  fc.constantFrom(...keyPool).chain((key) => filterFor(key).map((filter) => ({ key, filter })));

const eventNames = ["order_completed", "email_opened", "page_viewed"] as const;
const eventCondition = fc.record({
  type: fc.constant("event" as const),
  event: fc.constantFrom(...eventNames),
  operator: fc.constantFrom("performed" as const, "did_not_perform" as const),
  count: fc.option(
    fc.record({ operator: fc.constantFrom("at_least" as const, "at_most" as const, "exactly" as const), value: fc.integer({ min: 0, max: 3 }) }),
    { nil: undefined },
  ),
  window: fc.oneof(
    fc.constant({ type: "ever" as const }),
    fc.record({ type: fc.constant("last" as const), amount: fc.constantFrom(1, 7, 30, 60), unit: fc.constant("days" as const) }),
    fc.record({ type: fc.constant("last" as const), amount: fc.constantFrom(1, 24, 48), unit: fc.constant("hours" as const) }),
    fc.record({ type: fc.constant("between" as const), from: fc.constantFrom("2026-05-01", "2026-05-16T12:00:00Z"), to: fc.constantFrom("2026-06-01", "2026-06-15") }),
  ),
  filters: fc.array(keyedFilter(["amount", "campaign"]), { maxLength: 2 }),
}).map((c) => {
  // The schema refuses these combinations; generate only valid trees.
  if (c.operator === "did_not_perform") return { ...c, count: undefined };
  if (c.count?.operator === "at_least" && c.count.value < 1) return { ...c, count: { operator: "at_least" as const, value: 1 } };
  return c;
});

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  { weight: 4, arbitrary: keyedFilter(filterKeys).map((f) => ({ type: "attribute" as const, ...f })) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("location" as const),
      field: fc.constantFrom("country" as const, "city" as const),
      operator: fc.constantFrom("is_one_of" as const, "is_not_one_of" as const),
      values: fc.uniqueArray(fc.constantFrom("DE", "FR", "GB", "Berlin", "Zürich"), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 4, arbitrary: eventCondition },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("segment" as const), operator: fc.constantFrom("in" as const, "not_in" as const), segmentId: fc.constantFrom("A", "B") }) },
);

const tree = fc.letrec<{ node: Condition; group: ConditionTree }>((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("group")),
  group: fc.record({
    type: fc.constant("group" as const),
    operator: fc.constantFrom("and" as const, "or" as const),
    conditions: fc.array(tie("node"), { minLength: 1, maxLength: 3 }),
  }),
})).group.filter((g) => treeDepth(g) <= LIMITS.maxDepth);

const offsets = fc.oneof(
  fc.constantFrom(0, 1, -1, HOUR, 24 * HOUR, 24 * HOUR + 1, 48 * HOUR, 7 * DAY, 30 * DAY, 30 * DAY + 1, 30 * DAY - 1, 60 * DAY, -HOUR),
  fc.integer({ min: 0, max: 100 * 24 }).map((h) => h * HOUR),
);
const customerArb = fc.record({
  attributes,
  country: fc.constantFrom(null, "DE", "FR", "GB", "US"),
  city: fc.constantFrom(null, "Berlin", "Zürich", "Paris"),
});
const world = fc.record({
  customers: fc.array(customerArb, { minLength: 3, maxLength: 16, size: "medium" }),
  events: fc.array(
    fc.record({
      customer: fc.nat(),
      name: fc.constantFrom(...eventNames),
      offset: offsets,
      properties: fc
        .record({
          amount: fc.option(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...numbers) }, { weight: 1, arbitrary: attributeValue }), { nil: undefined }),
          campaign: fc.option(fc.constantFrom("pro", "spring 🎉", "", "Pro"), { nil: undefined }),
        })
        .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
    }),
    { minLength: 5, maxLength: 60, size: "medium" },
  ),
  membersA: fc.array(fc.nat(), { maxLength: 6 }),
  membersB: fc.array(fc.nat(), { maxLength: 6 }),
});

let t: TestDb;
let run = 0;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

function withSegmentIds(node: Condition, ids: Record<string, string>): Condition {
  if (node.type === "group") return { ...node, conditions: node.conditions.map((c) => withSegmentIds(c, ids)) };
  return node.type === "segment" ? { ...node, segmentId: ids[node.segmentId] } : node;
}

async function selectIds(query: ReturnType<typeof compileSegmentQuery>): Promise<number[]> {
  const rows = await queryRows<{ id: unknown }>(t.db, query);
  return rows.map((r) => toNumber(r.id)).sort((a, b) => a - b);
}

describe("compiled segment SQL equals the reference evaluator", () => {
  it("over generated trees and data (with nulls, missing and wrong-typed values, unicode, window edges)", async () => {
    await fc.assert(
      fc.asyncProperty(tree, world, fc.nat(), async (rawTree, w, scopeSeed) => {
        run += 1;
        const parsed = conditionTreeSchema.safeParse(rawTree);
        if (!parsed.success) throw new Error(`generator made an invalid tree: ${parsed.error.issues[0].message}`);
        const [ws] = await t.db.insert(workspaces).values({ name: `prop ${run}` }).returning({ id: workspaces.id });
        const inserted = await t.db
          .insert(customers)
          .values(w.customers.map((c, i) => ({ workspaceId: ws.id, email: `c${i}@run${run}.test`, attributes: c.attributes as Record<string, unknown>, country: c.country, city: c.city })))
          .returning({ id: customers.id });
        const ids = inserted.map((r) => toNumber(r.id));
        const refCustomers: RefCustomer[] = w.customers.map((c, i) => ({ id: ids[i], attributes: c.attributes as Record<string, unknown>, country: c.country, region: null, city: c.city }));
        const refEvents: RefEvent[] = w.events.map((e) => ({
          customerId: ids[e.customer % ids.length],
          name: e.name,
          properties: e.properties as Record<string, unknown>,
          occurredAt: new Date(NOW.getTime() - e.offset),
        }));
        if (refEvents.length > 0) {
          await t.db.insert(events).values(
            refEvents.map((e, i) => ({ workspaceId: ws.id, customerId: e.customerId, name: e.name, properties: e.properties, occurredAt: e.occurredAt, messageId: `m${i}` })),
          );
        }
        const segmentIds = { A: `segA_${run}_${ws.id.slice(0, 8)}`, B: `segB_${run}_${ws.id.slice(0, 8)}` };
        const members: Record<string, Set<number>> = {};
        for (const [label, picks] of [["A", w.membersA], ["B", w.membersB]] as const) {
          const [seg] = await t.db.insert(segments).values({ workspaceId: ws.id, publicId: segmentIds[label], name: label, type: "manual" }).returning({ id: segments.id });
          const set = new Set(picks.map((p) => ids[p % ids.length]));
          members[segmentIds[label]] = set;
          if (set.size > 0) await t.db.insert(segmentMembers).values([...set].map((customerId) => ({ segmentId: seg.id, customerId, source: "selection" as const })));
        }
        const condition = withSegmentIds(parsed.data, segmentIds) as ConditionTree;
        const ref: RefWorld = { customers: refCustomers, events: refEvents, segments: members };
        const expected = refSelect(condition, ref, NOW.getTime());

        const all = await selectIds(compileSegmentQuery(condition, { workspaceId: ws.id, now: NOW }));
        expect(all).toEqual(expected);

        // The scoped forms (recompute chunks, real-time batches) must agree with the whole.
        const lo = ids[scopeSeed % ids.length];
        const hi = ids[(scopeSeed >> 3) % ids.length];
        const range: CompileScope = { type: "range", from: Math.min(lo, hi), to: Math.max(lo, hi) };
        const inRange = await selectIds(compileSegmentQuery(condition, { workspaceId: ws.id, now: NOW, scope: range }));
        expect(inRange).toEqual(expected.filter((id) => id >= range.from && id <= range.to));
        const subset = ids.filter((_, i) => (scopeSeed >> i) & 1);
        if (subset.length > 0) {
          const picked = await selectIds(compileSegmentQuery(condition, { workspaceId: ws.id, now: NOW, scope: { type: "customers", ids: subset } }));
          expect(picked).toEqual(expected.filter((id) => subset.includes(id)));
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  }, 240_000);

  it("reads date strings exactly as parseIsoDate does", async () => {
    const { parseIsoDate } = await import("./condition-schema");
    const samples = [...dateStrings, "2026-06-10T10:00+14:00", "2026-06-10T10:00:05.5Z", "1999-01-31", "2100-12-31T23:59:59-12:00", "2026-04-31", "2026-06-10T24:00:00Z", "2026-6-1"];
    for (const s of samples) {
      const [row] = await queryRows<{ t: string | Date | null }>(t.db, sql`SELECT lumen_to_timestamptz(${JSON.stringify(s)}::jsonb) AS t`);
      const got = row.t === null ? null : new Date(row.t).getTime();
      expect([s, got]).toEqual([s, parseIsoDate(s)]);
    }
    const [nonString] = await queryRows<{ t: unknown }>(t.db, sql`SELECT lumen_to_timestamptz('20260610'::jsonb) AS t`);
    expect(nonString.t).toBeNull();
  });
});
