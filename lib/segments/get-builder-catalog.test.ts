import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertAutomaticSegment, insertCustomers, insertEvents } from "@/tests/helpers/segment-fixtures";
import { customers } from "@/db/schema";
import { CATALOG_LIMITS, getBuilderCatalog } from "./get-builder-catalog";

const NOW = new Date("2026-06-15T12:00:00Z");
const DAY = 86_400_000;
let t: TestDb;
let workspaceId: string;
let otherWorkspaceId: string;

beforeAll(async () => {
  t = await createTestDb();
  workspaceId = await createWorkspace(t.db, "A");
  otherWorkspaceId = await createWorkspace(t.db, "B");
  const ids = await insertCustomers(t.db, workspaceId, [
    { attributes: { plan: "pro", ltv: 120.5, subscribed: true, signup_date: "2026-01-05", nested: { a: 1 } }, country: "DE" },
    { attributes: { plan: "pro", ltv: 80, subscribed: false, signup_date: "2026-02-01T10:00:00Z" }, country: "FR" },
    { attributes: { plan: "free", ltv: "unknown", subscribed: true }, country: "DE" },
    { attributes: { plan: "enterprise", "odd key's \"name\"": "x" }, country: null },
  ]);
  await t.db.update(customers).set({ region: "Berlin", city: "Berlin" });
  await insertCustomers(t.db, otherWorkspaceId, [{ attributes: { secret_key: "other" }, country: "JP" }]);
  await insertEvents(t.db, workspaceId, [
    { customerId: ids[0], name: "order_completed", at: new Date(NOW.getTime() - DAY), properties: { amount: 120, currency: "EUR" } },
    { customerId: ids[1], name: "order_completed", at: new Date(NOW.getTime() - 2 * DAY), properties: { amount: 80, currency: "EUR" } },
    { customerId: ids[1], name: "order_completed", at: new Date(NOW.getTime() - 60 * DAY), properties: { amount: 10, currency: "USD" } },
    { customerId: ids[0], name: "email_opened", at: new Date(NOW.getTime() - 3 * DAY), properties: { campaign: "summer_sale" } },
    { customerId: ids[2], name: "Page Viewed, \"quoted\"", at: new Date(NOW.getTime() - 90 * DAY), properties: {} },
  ]);
  await insertEvents(t.db, otherWorkspaceId, [{ customerId: (await insertCustomers(t.db, otherWorkspaceId, [{}]))[0], name: "other_event", at: NOW }]);
  await insertAutomaticSegment(t.db, workspaceId, { type: "group", operator: "and", conditions: [{ type: "location", field: "country", operator: "is_one_of", values: ["DE"] }] }, "Germany");
  await insertAutomaticSegment(t.db, otherWorkspaceId, { type: "group", operator: "and", conditions: [{ type: "location", field: "country", operator: "is_one_of", values: ["JP"] }] }, "Japan");
});
afterAll(async () => t.close());

describe("getBuilderCatalog", () => {
  it("offers this workspace's attribute keys with their usual type and most common values", async () => {
    const catalog = await getBuilderCatalog(t.db, workspaceId, { now: NOW });
    const byKey = Object.fromEntries(catalog.attributes.map((a) => [a.key, a]));
    expect(Object.keys(byKey).sort()).toEqual(["ltv", "odd key's \"name\"", "plan", "signup_date", "subscribed"]);
    expect(byKey.plan).toEqual({ key: "plan", type: "string", examples: ["pro", "enterprise", "free"] });
    // Two numbers and one string: a number attribute, and only its numbers as examples.
    expect(byKey.ltv).toEqual({ key: "ltv", type: "number", examples: ["120.5", "80"] });
    expect(byKey.subscribed).toEqual({ key: "subscribed", type: "boolean", examples: ["true", "false"] });
    expect(byKey.signup_date).toMatchObject({ type: "date", examples: ["2026-01-05", "2026-02-01T10:00:00Z"] });
    // Most common keys first.
    expect(catalog.attributes[0].key).toBe("plan");
  });

  it("offers event names with a recent count and their properties, and places and segments, of this workspace only", async () => {
    const catalog = await getBuilderCatalog(t.db, workspaceId, { now: NOW });
    expect(catalog.events).toEqual([
      {
        name: "order_completed",
        count: 2,
        countCapped: false,
        properties: [
          { key: "amount", type: "number", examples: ["10", "120", "80"] },
          { key: "currency", type: "string", examples: ["EUR", "USD"] },
        ],
      },
      { name: "email_opened", count: 1, countCapped: false, properties: [{ key: "campaign", type: "string", examples: ["summer_sale"] }] },
      { name: 'Page Viewed, "quoted"', count: 0, countCapped: false, properties: [] },
    ]);
    expect(catalog.locations).toEqual({ countries: ["DE", "FR"], regions: ["Berlin"], cities: ["Berlin"] });
    expect(catalog.segments).toEqual([{ publicId: expect.stringMatching(/^seg_/), name: "Germany", type: "automatic" }]);
  });

  it("is empty, not an error, for a workspace without data", async () => {
    const empty = await createWorkspace(t.db, "Empty");
    expect(await getBuilderCatalog(t.db, empty, { now: NOW })).toEqual({
      attributes: [],
      events: [],
      locations: { countries: [], regions: [], cities: [] },
      segments: [],
    });
  });

  it("samples the newest customers rather than reading every profile", async () => {
    const big = await createWorkspace(t.db, "Big");
    await insertCustomers(t.db, big, [{ attributes: { only_on_the_oldest: 1 } }]);
    await insertCustomers(t.db, big, Array.from({ length: 50 }, () => ({ attributes: { plan: "free" } })));
    expect(CATALOG_LIMITS.customerSample).toBeGreaterThanOrEqual(1000);
    const catalog = await getBuilderCatalog(t.db, big, { now: NOW, customerSample: 50 });
    expect(catalog.attributes.map((a) => a.key)).toEqual(["plan"]);
  });
});
