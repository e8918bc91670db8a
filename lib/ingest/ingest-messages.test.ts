import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { queryRows, toNumber } from "@/db/client";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { ingestMessages } from "./ingest-messages";
import { createWriteKey, post, tableCounts } from "@/tests/helpers/ingest";
import { parseMessage } from "./segment-schema";

vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn(async () => undefined) }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());
beforeEach(() => vi.mocked(sendJobEvent).mockClear());

async function workspace(name = "Acme") {
  const workspaceId = await createWorkspace(t.db, name);
  return { workspaceId, key: await createWriteKey(t.db, workspaceId) };
}

type CustomerRow = {
  id: number;
  external_id: string | null;
  email: string | null;
  anonymous_id: string | null;
  attributes: Record<string, unknown>;
  country: string | null;
  region: string | null;
  city: string | null;
  timezone: string | null;
  last_seen_at: string | null;
  updated_at: string;
};

async function customersOf(workspaceId: string): Promise<CustomerRow[]> {
  const rows = await queryRows<CustomerRow & { id: unknown }>(
    t.db,
    sql`SELECT id, external_id, email, anonymous_id, attributes, country, region, city, timezone,
               to_char(last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_seen_at,
               to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS updated_at
        FROM customers WHERE workspace_id = ${workspaceId} ORDER BY id`,
  );
  return rows.map((r) => ({ ...r, id: toNumber(r.id) }));
}

type EventRow = { customer_id: number; type: string; name: string; properties: Record<string, unknown>; occurred_at: string; message_id: string };

async function eventsOf(workspaceId: string): Promise<EventRow[]> {
  const rows = await queryRows<EventRow & { customer_id: unknown }>(
    t.db,
    sql`SELECT customer_id, type::text AS type, name, properties, message_id,
               to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at
        FROM events WHERE workspace_id = ${workspaceId} ORDER BY occurred_at, message_id`,
  );
  return rows.map((r) => ({ ...r, customer_id: toNumber(r.customer_id) }));
}

describe("identify", () => {
  it("creates the customer, then merges traits shallowly and keeps the latest last_seen_at", async () => {
    const { workspaceId, key } = await workspace();
    const first = await post("identify", { userId: "u1", traits: { plan: "pro", name: "Ada", prefs: { a: 1 } }, timestamp: "2024-05-01T12:00:00Z" }, key);
    expect(first).toEqual({ status: 200, json: { success: true } });
    const [created] = await customersOf(workspaceId);
    expect(created).toMatchObject({ external_id: "u1", attributes: { plan: "pro", name: "Ada", prefs: { a: 1 } }, last_seen_at: "2024-05-01T12:00:00.000Z" });

    // An older message still merges its traits but does not move last_seen_at back.
    await post("identify", { userId: "u1", traits: { plan: "team", age: 36, prefs: { b: 2 } }, timestamp: "2024-04-01T00:00:00Z" }, key);
    const customers = await customersOf(workspaceId);
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({
      id: created.id,
      attributes: { plan: "team", name: "Ada", age: 36, prefs: { b: 2 } },
      last_seen_at: "2024-05-01T12:00:00.000Z",
    });
    expect(customers[0].updated_at > created.updated_at).toBe(true);
  });

  it("matches email case-insensitively, from traits or context.traits, and keeps the email as first given", async () => {
    const { workspaceId, key } = await workspace();
    await post("identify", { anonymousId: "anon-1", traits: { email: "Jane.Doe@Example.com" } }, key);
    await post("identify", { traits: { email: "jane.doe@EXAMPLE.COM", plan: "pro" } }, key);
    await post("track", { event: "Signed Up", context: { traits: { email: "JANE.DOE@example.com" } } }, key);
    const customers = await customersOf(workspaceId);
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ email: "Jane.Doe@Example.com", anonymous_id: "anon-1", attributes: { plan: "pro" } });
    expect((await eventsOf(workspaceId)).map((e) => e.customer_id)).toEqual([customers[0].id]);
  });

  it("keys emails with the database's lower(), so non-ASCII case variants never break a request", async () => {
    const { workspaceId, key } = await workspace();
    const variants = ["İnci.Élodie@Example.com", "i̇nci.élodie@example.com", "İNCİ.ÉLODIE@EXAMPLE.COM"];
    for (const [i, email] of variants.entries()) {
      expect((await post("identify", { anonymousId: `intl-${i}`, traits: { email } }, key)).status).toBe(200);
      expect((await post("track", { event: "Seen", context: { traits: { email } } }, key)).status).toBe(200);
    }
    const [row] = await queryRows<{ keys: unknown }>(
      t.db,
      sql`SELECT count(DISTINCT lower(e)) AS keys FROM jsonb_array_elements_text(${JSON.stringify(variants)}::jsonb) AS e`,
    );
    const customers = await customersOf(workspaceId);
    expect(customers).toHaveLength(toNumber(row.keys));
    expect((await eventsOf(workspaceId)).length).toBe(3);
  });

  it("attaches a userId to the customer known only by that email, but never takes an email from another user", async () => {
    const { workspaceId, key } = await workspace();
    await post("identify", { anonymousId: "a-1", traits: { email: "sam@example.com" } }, key);
    await post("identify", { userId: "user-sam", traits: { email: "SAM@example.com", name: "Sam" } }, key);
    let customers = await customersOf(workspaceId);
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ external_id: "user-sam", email: "sam@example.com", attributes: { name: "Sam" } });

    // Another userId claiming the same email is another customer; the email stays with Sam.
    await post("identify", { userId: "user-imposter", traits: { email: "sam@example.com" } }, key);
    customers = await customersOf(workspaceId);
    expect(customers).toHaveLength(2);
    expect(customers[1]).toMatchObject({ external_id: "user-imposter", email: null, attributes: { email: "sam@example.com" } });
  });

  it("stitches an anonymous visitor to the user who identifies with the same anonymousId, within one batch too", async () => {
    const { workspaceId, key } = await workspace();
    const result = await post(
      "batch",
      {
        batch: [
          { type: "page", anonymousId: "visitor-9", name: "Pricing" },
          { type: "identify", anonymousId: "visitor-9", userId: "u9", traits: { email: "nine@example.com" } },
          { type: "track", userId: "u9", event: "Trial Started" },
          { type: "track", anonymousId: "visitor-9", event: "Clicked" },
        ],
      },
      key,
    );
    expect(result.status).toBe(200);
    const customers = await customersOf(workspaceId);
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ external_id: "u9", anonymous_id: "visitor-9", email: "nine@example.com" });
    expect(new Set((await eventsOf(workspaceId)).map((e) => e.customer_id))).toEqual(new Set([customers[0].id]));
  });

  it("fills location columns from traits first, then context.location and context.timezone, and never clears them", async () => {
    const { workspaceId, key } = await workspace();
    await post(
      "identify",
      {
        userId: "loc-1",
        traits: { city: "Hamburg" },
        context: { location: { country: "Germany", region: "Berlin", city: "Berlin", latitude: 52.5 }, timezone: "Europe/Berlin" },
      },
      key,
    );
    expect((await customersOf(workspaceId))[0]).toMatchObject({ country: "Germany", region: "Berlin", city: "Hamburg", timezone: "Europe/Berlin" });
    await post("identify", { userId: "loc-1", traits: { country: "France", timezone: "Europe/Paris" } }, key);
    await post("identify", { userId: "loc-1", traits: { plan: "pro" } }, key);
    expect((await customersOf(workspaceId))[0]).toMatchObject({ country: "France", region: "Berlin", city: "Hamburg", timezone: "Europe/Paris" });
  });
});

describe("track and page", () => {
  it("store events at the message's timestamp, else originalTimestamp, else the time received", async () => {
    const { workspaceId, key } = await workspace();
    const before = Date.now();
    await post(
      "batch",
      {
        batch: [
          { type: "track", userId: "t1", event: "Order Completed", properties: { total: 42.5, items: [{ sku: "A" }] }, timestamp: "2024-03-05T10:00:00+02:00", messageId: "m-1" },
          { type: "track", userId: "t1", event: "Order Completed", originalTimestamp: "2024-03-06T01:02:03.456Z", messageId: "m-2" },
          { type: "page", userId: "t1", name: "Home", category: "Docs", properties: { url: "https://x.test/" }, messageId: "m-3" },
        ],
      },
      key,
    );
    const events = await eventsOf(workspaceId);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ type: "track", name: "Order Completed", properties: { total: 42.5, items: [{ sku: "A" }] }, occurred_at: "2024-03-05T08:00:00.000Z", message_id: "m-1" });
    expect(events[1]).toMatchObject({ occurred_at: "2024-03-06T01:02:03.456Z", properties: {} });
    expect(events[2]).toMatchObject({ type: "page", name: "page_viewed", properties: { url: "https://x.test/", name: "Home", category: "Docs" } });
    const pageTime = Date.parse(events[2].occurred_at);
    expect(pageTime).toBeGreaterThanOrEqual(before - 1000);
    expect(pageTime).toBeLessThanOrEqual(Date.now() + 1000);
    expect((await customersOf(workspaceId))[0].last_seen_at).toBe(events[2].occurred_at);
  });

  it("stores a retried batch (and a repeated messageId) only once", async () => {
    const { workspaceId, key } = await workspace();
    const batch = {
      batch: [
        { type: "track", userId: "d1", event: "Opened", messageId: "x-1", timestamp: "2024-03-05T23:30:00-02:00" },
        { type: "track", userId: "d1", event: "Opened", messageId: "x-2", timestamp: "2024-03-06T08:00:00Z" },
        { type: "track", userId: "d1", event: "Opened", messageId: "x-3", timestamp: "2024-03-05T12:00:00Z" },
        { type: "track", userId: "d1", event: "Opened", messageId: "x-3", timestamp: "2024-03-05T12:00:00Z" },
        { type: "page", anonymousId: "d2", messageId: "x-4", timestamp: "2024-03-05T12:00:00Z" },
      ],
    };
    expect((await post("batch", batch, key)).status).toBe(200);
    expect(sendJobEvent).toHaveBeenCalledTimes(1);
    const events = await eventsOf(workspaceId);
    expect(events.map((e) => e.message_id).sort()).toEqual(["x-1", "x-2", "x-3", "x-4"]);

    const before = await tableCounts(t.db);
    expect((await post("batch", batch, key)).status).toBe(200);
    expect(await tableCounts(t.db)).toEqual(before);
    expect(await eventsOf(workspaceId)).toEqual(events);
    // Nothing changed, so nothing is re-evaluated.
    expect(sendJobEvent).toHaveBeenCalledTimes(1);
  });

  it("reports a change of location alone as a profile change", async () => {
    const { workspaceId, key } = await workspace();
    await post("identify", { userId: "l1", traits: { plan: "pro" }, messageId: "l-1" }, key);
    vi.mocked(sendJobEvent).mockClear();
    expect((await post("identify", { userId: "l1", context: { location: { country: "DE" } }, messageId: "l-2" }, key)).status).toBe(200);
    const [c] = await customersOf(workspaceId);
    expect(c.country).toBe("DE");
    expect(vi.mocked(sendJobEvent).mock.calls[0][0]).toEqual([
      { name: "customers/changed", data: { workspaceId, customerIds: [c.id], reason: "identify", profileChanged: true } },
    ]);
  });

  it("gives messages without a messageId one of their own", async () => {
    const { workspaceId, key } = await workspace();
    await post("track", { userId: "g1", event: "Ping" }, key);
    await post("track", { userId: "g1", event: "Ping" }, key);
    const events = await eventsOf(workspaceId);
    expect(events).toHaveLength(2);
    expect(events[0].message_id).not.toBe(events[1].message_id);
  });
});

describe("customers/changed", () => {
  it("is sent once per request with the changed customers and event names, and not for a no-op", async () => {
    const { workspaceId, key } = await workspace();
    await post(
      "batch",
      {
        batch: [
          { type: "identify", userId: "c1", traits: { plan: "pro" }, messageId: "i-1", timestamp: "2024-01-01T00:00:00Z" },
          { type: "track", userId: "c2", event: "Bought", messageId: "t-1" },
          { type: "track", userId: "c2", event: "Viewed", messageId: "t-2" },
          { type: "page", userId: "c1", messageId: "p-1" },
        ],
      },
      key,
    );
    const [c1, c2] = await customersOf(workspaceId);
    expect(sendJobEvent).toHaveBeenCalledTimes(1);
    expect(vi.mocked(sendJobEvent).mock.calls[0][0]).toEqual([
      { name: "customers/changed", data: { workspaceId, customerIds: [c1.id], reason: "identify", profileChanged: true } },
      // New customers get an event of their own: every segment must look at them.
      { name: "customers/changed", data: { workspaceId, customerIds: [c1.id], reason: "identify", created: true } },
      { name: "customers/changed", data: { workspaceId, customerIds: [c2.id], reason: "track", eventNames: ["Bought", "Viewed"] } },
      { name: "customers/changed", data: { workspaceId, customerIds: [c2.id], reason: "track", created: true } },
      { name: "customers/changed", data: { workspaceId, customerIds: [c1.id], reason: "page", eventNames: ["page_viewed"] } },
    ]);

    // The same identify again changes nothing: no row version, no event.
    vi.mocked(sendJobEvent).mockClear();
    const updatedAt = c1.updated_at;
    await post("identify", { userId: "c1", traits: { plan: "pro" }, timestamp: "2024-01-01T00:00:00Z" }, key);
    expect(sendJobEvent).not.toHaveBeenCalled();
    expect((await customersOf(workspaceId))[0].updated_at).toBe(updatedAt);
  });
});

describe("workspaces", () => {
  it("keeps each write key's messages in its own workspace", async () => {
    const a = await workspace("A");
    const b = await workspace("B");
    await post("identify", { userId: "same", traits: { email: "same@example.com", owner: "a" } }, a.key);
    await post("identify", { userId: "same", traits: { email: "same@example.com", owner: "b" } }, b.key);
    await post("track", { userId: "same", event: "In B", messageId: "shared-id" }, b.key);
    await post("track", { userId: "same", event: "In A", messageId: "shared-id" }, a.key);
    const [inA] = await customersOf(a.workspaceId);
    const [inB] = await customersOf(b.workspaceId);
    expect(inA.attributes).toEqual({ email: "same@example.com", owner: "a" });
    expect(inB.attributes).toEqual({ email: "same@example.com", owner: "b" });
    expect(inA.id).not.toBe(inB.id);
    expect((await eventsOf(a.workspaceId)).map((e) => [e.customer_id, e.name])).toEqual([[inA.id, "In A"]]);
    expect((await eventsOf(b.workspaceId)).map((e) => [e.customer_id, e.name])).toEqual([[inB.id, "In B"]]);
  });
});

describe("set-based writes", () => {
  it("stores a 100-message batch with a handful of statements", async () => {
    const { workspaceId } = await workspace();
    const raw = Array.from({ length: 100 }, (_, i) =>
      i % 4 === 0
        ? { type: "identify", userId: `s-${i % 30}`, traits: { n: i, email: `s${i % 30}@example.com` } }
        : i % 4 === 1
          ? { type: "page", anonymousId: `anon-${i}`, properties: { path: `/p/${i}` } }
          : { type: "track", userId: `s-${i % 30}`, event: `E${i % 3}`, properties: { i } },
    );
    const messages = raw.map((m, i) => {
      const result = parseMessage(m, i);
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      return result.value;
    });
    const first = await ingestMessages(t.db, workspaceId, messages);
    expect(first.statements).toBeLessThanOrEqual(4);
    expect((await eventsOf(workspaceId)).length).toBe(75);
    const again = await ingestMessages(t.db, workspaceId, messages);
    expect(again.statements).toBeLessThanOrEqual(3);
    expect(Object.values(again.changes).every((c) => c.customerIds.size === 0)).toBe(true);
  });

  it("never duplicates a customer when requests naming the same people race", async () => {
    const { workspaceId, key } = await workspace();
    const people = Array.from({ length: 20 }, (_, i) => i);
    const requests = Array.from({ length: 8 }, (_, r) => {
      const order = r % 2 ? [...people].reverse() : people;
      return post(
        "batch",
        {
          batch: order.flatMap((i) => [
            { type: "identify", userId: `race-${i}`, traits: { email: `Race${i}@example.com`, r } },
            { type: "track", anonymousId: `race-anon-${i}`, event: "Raced", context: { traits: { email: `race${i}@example.com` } }, messageId: `${r}-${i}-${randomUUID()}` },
            { type: "page", anonymousId: `race-anon-${i}`, messageId: `shared-${i}` },
          ]),
        },
        key,
      );
    });
    const results = await Promise.all(requests);
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const customers = await customersOf(workspaceId);
    expect(customers).toHaveLength(20);
    for (const c of customers) {
      const i = Number(c.external_id!.slice(5));
      expect(c.email?.toLowerCase()).toBe(`race${i}@example.com`);
      expect(c.anonymous_id).toBe(`race-anon-${i}`);
    }
    const events = await eventsOf(workspaceId);
    expect(events.filter((e) => e.name === "Raced")).toHaveLength(160);
    expect(events.filter((e) => e.name === "page_viewed")).toHaveLength(20);
  });
});
