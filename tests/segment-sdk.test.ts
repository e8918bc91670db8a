import { Analytics } from "@segment/analytics-node";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, toNumber } from "@/db/client";
import { createWriteKey, ingestRoutes, tableCounts } from "@/tests/helpers/ingest";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { startRouteServer, type RouteServer } from "@/tests/helpers/route-server";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";

vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn(async () => undefined) }));

let t: TestDb;
let server: RouteServer;
let workspaceId: string;
let writeKey: string;
beforeAll(async () => {
  t = await createTestDb();
  server = await startRouteServer(ingestRoutes);
  workspaceId = await createWorkspace(t.db);
  writeKey = await createWriteKey(t.db, workspaceId);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

function sdk(key: string) {
  const analytics = new Analytics({ writeKey: key, host: server.url, path: "/api/v1/batch", flushAt: 100, maxRetries: 1 });
  const errors: unknown[] = [];
  analytics.on("error", (error) => errors.push(error));
  return { analytics, errors };
}

describe("the official Segment Node SDK, unchanged", () => {
  it("delivers identify, track and page calls, and a replay of its exact request stores nothing new", async () => {
    const { analytics, errors } = sdk(writeKey);
    analytics.identify({ userId: "sdk-user", traits: { email: "SDK.User@example.com", plan: "pro", city: "Lisbon" } });
    analytics.track({ userId: "sdk-user", event: "Order Completed", properties: { total: 99.5, currency: "EUR" } });
    analytics.track({ anonymousId: "sdk-anon", event: "Viewed Pricing", timestamp: new Date("2024-06-01T09:30:00Z") });
    analytics.page({ userId: "sdk-user", category: "Docs", name: "Getting Started", properties: { url: "https://lumen.test/docs" } });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);

    const sent = server.requests.filter((r) => r.path === "/api/v1/batch");
    expect(sent).toHaveLength(1);
    expect(sent[0].headers.authorization).toBe(`Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`);

    const customers = await queryRows<{ id: unknown; external_id: string | null; email: string | null; anonymous_id: string | null; city: string | null; attributes: Record<string, unknown> }>(
      t.db,
      sql`SELECT id, external_id, email, anonymous_id, city, attributes FROM customers WHERE workspace_id = ${workspaceId} ORDER BY id`,
    );
    expect(customers).toMatchObject([
      { external_id: "sdk-user", email: "SDK.User@example.com", city: "Lisbon", attributes: { plan: "pro" } },
      { external_id: null, anonymous_id: "sdk-anon" },
    ]);
    const events = await queryRows<{ customer_id: unknown; name: string; properties: Record<string, unknown>; occurred_at: string }>(
      t.db,
      sql`SELECT customer_id, name, properties, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS occurred_at
          FROM events WHERE workspace_id = ${workspaceId} ORDER BY name`,
    );
    const [user, anon] = customers.map((c) => toNumber(c.id));
    expect(events.map((e) => ({ ...e, customer_id: toNumber(e.customer_id) }))).toMatchObject([
      { customer_id: user, name: "Order Completed", properties: { total: 99.5, currency: "EUR" } },
      { customer_id: anon, name: "Viewed Pricing", occurred_at: "2024-06-01T09:30:00" },
      { customer_id: user, name: "page_viewed", properties: { url: "https://lumen.test/docs", name: "Getting Started", category: "Docs" } },
    ]);

    // What an SDK retry after a lost response looks like: the very same bytes again.
    const before = await tableCounts(t.db);
    const replay = await fetch(`${server.url}/api/v1/batch`, {
      method: "POST",
      headers: { authorization: sent[0].headers.authorization, "content-type": "application/json" },
      body: new Uint8Array(sent[0].body),
    });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ success: true });
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it("stores nothing when the SDK has a wrong write key, and the SDK reports the 401", async () => {
    const before = await tableCounts(t.db);
    const { analytics, errors } = sdk("lk_write_not-a-key");
    analytics.track({ userId: "intruder", event: "Nope" });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toHaveLength(1);
    expect(await tableCounts(t.db)).toEqual(before);
  });
});

describe("single-message endpoints over HTTP", () => {
  it("accept identify, track and page bodies as Segment's HTTP API does", async () => {
    const headers = { authorization: `Basic ${btoa(`${writeKey}:`)}`, "content-type": "application/json" };
    const send = (path: string, body: unknown) =>
      fetch(`${server.url}/api/v1/${path}`, { method: "POST", headers, body: JSON.stringify(body) }).then((r) => r.status);
    expect(await send("identify", { userId: "http-1", traits: { name: "Http" } })).toBe(200);
    expect(await send("track", { userId: "http-1", event: "Http Tracked" })).toBe(200);
    expect(await send("page", { userId: "http-1", name: "Home" })).toBe(200);
    const [row] = await queryRows<{ n: unknown }>(
      t.db,
      sql`SELECT count(*) AS n FROM events e JOIN customers c ON c.id = e.customer_id WHERE c.external_id = 'http-1' AND c.workspace_id = ${workspaceId}`,
    );
    expect(toNumber(row.n)).toBe(2);
    const notAllowed = await fetch(`${server.url}/api/v1/track`, { method: "GET" });
    expect(notAllowed.status).toBe(405);
  });
});
