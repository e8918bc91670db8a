import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, events, workspaces } from "@/db/schema";
import { queryRows, toNumber } from "@/db/client";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { refSelect, type RefCustomer, type RefEvent } from "@/tests/helpers/reference-evaluator";
import type { ConditionTree, EventCondition, ValueFilter } from "./condition-schema";
import { compileSegmentQuery } from "./compile-conditions";

/**
 * Exhaustive boundary tables: every operator against every value in small pools that
 * sit on the edges (equal numbers, window edges to the millisecond, malformed dates,
 * wrong types, unicode). The property test explores combinations; this pins the edges.
 */

const NOW = new Date("2026-06-15T12:00:00.000Z");
const DAY = 86_400_000;
const numbers = [-1, 0, 1, 1.5, 3, 100, 499.99, 500];
const strings = ["pro", "Pro", "", "é", "日本語", "🎉 party", "pro-plus", "%_", "x'y"];
const dates = [
  "2026-06-15",
  "2026-06-15T12:00:00Z",
  "2026-06-15T12:00:00.001Z",
  "2026-05-16T12:00:00.000Z",
  "2026-05-16T11:59:59.999Z",
  "2026-05-16T12:00:00.001Z",
  "2026-06-01T00:00:00Z",
  "2026-05-31T23:59:59.999Z",
  "2026-06-10T01:00:00+02:00",
  // Written date and instant a day or more apart: the cheap written-date prefilter must keep them.
  "2026-06-14T23:30:00-14:00",
  "2026-06-16T00:30+14:00",
  "2026-05-31T00:30+14:00",
  "2026-05-15T23:59:59-12:00",
  "2026-02-31",
  "2026-05-13T22:00:00-14:59",
  "2026-02-30",
  "2026-13-01",
  "not a date",
];
const values: unknown[] = [...numbers, ...strings, ...dates, true, false, null, { a: 1 }, ["pro"], undefined];

function filters(): ValueFilter[] {
  const out: ValueFilter[] = [{ operator: "exists" }, { operator: "not_exists" }];
  for (const n of numbers) {
    for (const operator of ["gt", "gte", "lt", "lte"] as const) out.push({ operator, value: n });
    for (const operator of ["equals", "not_equals"] as const) out.push({ operator, valueType: "number", value: n });
    out.push({ operator: "between", valueType: "number", from: n, to: 100 });
  }
  for (const s of [...strings, ...dates]) {
    for (const operator of ["equals", "not_equals"] as const) out.push({ operator, valueType: "string", value: s });
    if (s) for (const operator of ["contains", "not_contains", "starts_with", "ends_with"] as const) out.push({ operator, value: s.slice(0, 2) });
  }
  out.push({ operator: "is_one_of", values: ["pro", 1, "2026-06-15"] }, { operator: "is_not_one_of", values: ["pro", 1.5, "é"] });
  for (const b of [true, false]) out.push({ operator: "equals", valueType: "boolean", value: b }, { operator: "not_equals", valueType: "boolean", value: b });
  for (const d of ["2026-06-15", "2026-05-16T12:00:00.000Z", "2026-06-01", "2026-05-31", "2026-03-03", "2026-05-15"]) {
    for (const operator of ["before", "after"] as const) out.push({ operator, value: d });
    for (const operator of ["equals", "not_equals"] as const) out.push({ operator, valueType: "date", value: d });
    out.push({ operator: "between", valueType: "date", from: d, to: "2026-06-15" });
  }
  for (const days of [1, 14, 30]) {
    out.push({ operator: "within_last_days", days }, { operator: "more_than_days_ago", days });
  }
  return out;
}

let t: TestDb;
let workspaceId: string;
let refCustomers: RefCustomer[];
let refEvents: RefEvent[];

beforeAll(async () => {
  t = await createTestDb();
  const [ws] = await t.db.insert(workspaces).values({ name: "edges" }).returning({ id: workspaces.id });
  workspaceId = ws.id;
  const rows = await t.db
    .insert(customers)
    .values(values.map((v, i) => ({ workspaceId, email: `e${i}@edges.test`, attributes: v === undefined ? {} : { v }, country: i % 3 === 0 ? "DE" : null })))
    .returning({ id: customers.id });
  refCustomers = rows.map((r, i) => ({
    id: toNumber(r.id),
    attributes: values[i] === undefined ? {} : { v: values[i] },
    country: i % 3 === 0 ? "DE" : null,
    region: null,
    city: null,
  }));
  // Customer k has k+1 "order" events spread over edge offsets, and one "open" per edge.
  const offsets = [0, 1, -1, DAY, DAY + 1, 7 * DAY, 30 * DAY, 30 * DAY - 1, 30 * DAY + 1, 60 * DAY];
  refEvents = [];
  refCustomers.slice(0, 12).forEach((c, k) => {
    for (let j = 0; j <= k % 5; j++) refEvents.push({ customerId: c.id, name: "order", properties: { amount: numbers[(k + j) % numbers.length] }, occurredAt: new Date(NOW.getTime() - offsets[(k + j) % offsets.length]) });
    refEvents.push({ customerId: c.id, name: "open", properties: {}, occurredAt: new Date(NOW.getTime() - offsets[k % offsets.length]) });
  });
  await t.db.insert(events).values(refEvents.map((e, i) => ({ workspaceId, customerId: e.customerId, name: e.name, properties: e.properties, occurredAt: e.occurredAt, messageId: `x${i}` })));
});
afterAll(async () => t.close());

async function check(tree: ConditionTree) {
  const rows = await queryRows<{ id: unknown }>(t.db, compileSegmentQuery(tree, { workspaceId, now: NOW }));
  const got = rows.map((r) => toNumber(r.id)).sort((a, b) => a - b);
  const expected = refSelect(tree, { customers: refCustomers, events: refEvents, segments: {} }, NOW.getTime());
  expect({ tree, got }).toEqual({ tree, got: expected });
}

describe("attribute operators at their edges", () => {
  it("agree with the reference for every operator and edge value", async () => {
    for (const filter of filters()) await check({ type: "group", operator: "and", conditions: [{ type: "attribute", key: "v", filter }] });
  });

  it("never match on a missing key, and negative operators do", async () => {
    await check({ type: "group", operator: "and", conditions: [{ type: "attribute", key: "nope", filter: { operator: "equals", valueType: "string", value: "" } }] });
    await check({ type: "group", operator: "and", conditions: [{ type: "attribute", key: "nope", filter: { operator: "not_contains", value: "a" } }] });
  });
});

describe("event windows and counts at their edges", () => {
  it("agree with the reference for every window, count and filter", async () => {
    const windows: EventCondition["window"][] = [
      { type: "ever" },
      { type: "last", amount: 1, unit: "days" },
      { type: "last", amount: 24, unit: "hours" },
      { type: "last", amount: 30, unit: "days" },
      { type: "between", from: "2026-05-16T12:00:00.000Z", to: "2026-06-14" },
      { type: "between", from: "2026-05-16", to: "2026-06-15T12:00:00Z" },
    ];
    const counts: EventCondition["count"][] = [
      undefined,
      { operator: "at_least", value: 2 },
      { operator: "at_most", value: 0 },
      { operator: "at_most", value: 2 },
      { operator: "exactly", value: 0 },
      { operator: "exactly", value: 1 },
      { operator: "exactly", value: 3 },
    ];
    for (const window of windows) {
      for (const count of counts) {
        await check({ type: "group", operator: "and", conditions: [{ type: "event", event: "order", operator: "performed", count, window, filters: [] }] });
      }
      await check({ type: "group", operator: "and", conditions: [{ type: "event", event: "open", operator: "did_not_perform", window, filters: [] }] });
      await check({
        type: "group",
        operator: "and",
        conditions: [{ type: "event", event: "order", operator: "performed", window, filters: [{ key: "amount", filter: { operator: "gte", value: 100 } }] }],
      });
    }
  });

  it("OR of row conditions and event sets, and negations inside OR", async () => {
    await check({
      type: "group",
      operator: "or",
      conditions: [
        { type: "location", field: "country", operator: "is_one_of", values: ["DE"] },
        { type: "event", event: "order", operator: "performed", count: { operator: "at_least", value: 3 }, window: { type: "ever" }, filters: [] },
        { type: "event", event: "open", operator: "did_not_perform", window: { type: "last", amount: 7, unit: "days" }, filters: [] },
        {
          type: "group",
          operator: "and",
          conditions: [
            { type: "attribute", key: "v", filter: { operator: "gt", value: 1 } },
            { type: "event", event: "order", operator: "performed", count: { operator: "at_most", value: 1 }, window: { type: "ever" }, filters: [] },
          ],
        },
      ],
    });
  });
});

describe("OR made only of sets", () => {
  it("lists each customer once, even from a single event set", async () => {
    await check({ type: "group", operator: "or", conditions: [{ type: "event", event: "order", operator: "performed", window: { type: "ever" }, filters: [] }] });
    await check({
      type: "group",
      operator: "or",
      conditions: [
        { type: "event", event: "order", operator: "performed", window: { type: "ever" }, filters: [] },
        { type: "event", event: "open", operator: "performed", window: { type: "ever" }, filters: [] },
      ],
    });
  });
});
