import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, events, segmentMembers, segments } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { getCustomerOrThrow, parseCustomerId, RECENT_EVENTS_LIMIT } from "./get-customer";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

async function customerIn(workspaceId: string, email: string) {
  const [row] = await t.db
    .insert(customers)
    .values({ workspaceId, email, country: "FR", city: "Lyon", attributes: { name: "Marie", plan: "pro" } })
    .returning({ id: customers.id });
  return row.id;
}

async function segmentIn(workspaceId: string, name: string, type: "automatic" | "manual") {
  const [row] = await t.db
    .insert(segments)
    .values({ workspaceId, name, type, publicId: `seg_${Math.random().toString(36).slice(2)}` })
    .returning({ id: segments.id });
  return row.id;
}

describe("getCustomerOrThrow", () => {
  it("returns the customer with their newest events and their segments", async () => {
    const ws = await createWorkspace(t.db);
    const id = await customerIn(ws, "marie@example.com");
    const start = Date.UTC(2026, 0, 1);
    await t.db.insert(events).values(
      Array.from({ length: RECENT_EVENTS_LIMIT + 5 }, (_, i) => ({
        workspaceId: ws,
        customerId: id,
        name: i % 2 ? "Order Placed" : "Page Viewed",
        properties: { n: i },
        occurredAt: new Date(start + i * 60_000),
        messageId: `m-${i}`,
      })),
    );
    const vip = await segmentIn(ws, "VIPs", "manual");
    const active = await segmentIn(ws, "Active buyers", "automatic");
    await segmentIn(ws, "Not a member of this one", "manual");
    await t.db.insert(segmentMembers).values([
      { segmentId: vip, customerId: id, source: "csv" },
      { segmentId: active, customerId: id, source: "condition" },
    ]);

    const result = await getCustomerOrThrow(t.db, ws, id);

    expect(result.customer).toMatchObject({ id, email: "marie@example.com", name: "Marie", country: "FR", city: "Lyon", attributes: { name: "Marie", plan: "pro" } });
    expect(result.recentEvents).toHaveLength(RECENT_EVENTS_LIMIT);
    expect(result.recentEvents[0]).toMatchObject({ name: "Page Viewed", properties: { n: RECENT_EVENTS_LIMIT + 4 } });
    const times = result.recentEvents.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(result.segments.map((s) => [s.name, s.type, s.source])).toEqual([
      ["Active buyers", "automatic", "condition"],
      ["VIPs", "manual", "csv"],
    ]);
  });

  it("has empty lists for a customer with no events or segments", async () => {
    const ws = await createWorkspace(t.db);
    const id = await customerIn(ws, "quiet@example.com");
    expect(await getCustomerOrThrow(t.db, ws, id)).toMatchObject({ recentEvents: [], segments: [] });
  });

  it("refuses another workspace's customer exactly as it refuses a missing one", async () => {
    const mine = await createWorkspace(t.db, "Mine");
    const theirs = await createWorkspace(t.db, "Theirs");
    const theirCustomer = await customerIn(theirs, "secret@example.com");

    await expect(getCustomerOrThrow(t.db, mine, theirCustomer)).rejects.toThrow(NotFoundError);
    await expect(getCustomerOrThrow(t.db, mine, theirCustomer)).rejects.toThrow("Customer not found");
    await expect(getCustomerOrThrow(t.db, mine, 987_654_321)).rejects.toThrow("Customer not found");
    await expect(getCustomerOrThrow(t.db, mine, -1)).rejects.toThrow(NotFoundError);
    await expect(getCustomerOrThrow(t.db, mine, Number.NaN)).rejects.toThrow(NotFoundError);
  });

  it("does not show another workspace's events or segments for the same customer id", async () => {
    const mine = await createWorkspace(t.db, "Mine");
    const theirs = await createWorkspace(t.db, "Theirs");
    const id = await customerIn(mine, "shared@example.com");
    // Rows that point at my customer but belong to another workspace (which a bug elsewhere could write).
    await t.db.insert(events).values({ workspaceId: theirs, customerId: id, name: "Leaked", occurredAt: new Date(), messageId: "x-1" });
    const foreign = await segmentIn(theirs, "Their segment", "manual");
    await t.db.insert(segmentMembers).values({ segmentId: foreign, customerId: id, source: "api" });

    expect(await getCustomerOrThrow(t.db, mine, id)).toMatchObject({ recentEvents: [], segments: [] });
  });
});

describe("parseCustomerId", () => {
  it("accepts positive integers and nothing else", () => {
    expect(parseCustomerId("42")).toBe(42);
    for (const bad of ["0", "-1", "1.5", "abc", "1e3", "", " 1", "0012", "99999999999999999999"]) {
      expect(parseCustomerId(bad)).toBeNull();
    }
  });
});
