import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { createDataStore } from "@/lib/data-stores/create-data-store";
import { getDataStoreOrThrow } from "@/lib/data-stores/get-data-store";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { workspaceWithUser } from "@/tests/helpers/fixtures";
import * as listRoute from "@/app/api/v1/data-stores/route";
import * as keyRoute from "./[key]/route";
import * as route from "./route";

vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn(async () => undefined) }));

let t: TestDb;
let workspaceId: string;
let key: string;
let otherKey: string;
let writeKey: string;
let store: string;

beforeAll(async () => {
  t = await createTestDb();
  const a = await workspaceWithUser(t.db, "owner", "A");
  const b = await workspaceWithUser(t.db, "owner", "B");
  workspaceId = a.workspaceId;
  key = (await createApiKey(t.db, workspaceId, { actorUserId: a.user.id, name: "server", kind: "secret" })).key;
  writeKey = (await createApiKey(t.db, workspaceId, { actorUserId: a.user.id, name: "web", kind: "write" })).key;
  otherKey = (await createApiKey(t.db, b.workspaceId, { actorUserId: b.user.id, name: "server", kind: "secret" })).key;
  store = (await createDataStore(t.db, workspaceId, { name: "Subscriptions", identifierKind: "email" }, { actorUserId: null })).publicId;
});
afterAll(async () => t.close());

const headers = (auth: string) => ({ authorization: `Bearer ${auth}`, "content-type": "application/json" });

function one(method: "PUT" | "DELETE", dataStoreId: string, recordKey: string, body?: unknown, auth = key) {
  const request = new Request(`http://localhost/api/v1/data-stores/${dataStoreId}/records/${encodeURIComponent(recordKey)}`, {
    method,
    headers: headers(auth),
    ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return keyRoute[method](request, { params: Promise.resolve({ dataStoreId, key: recordKey }) });
}

function batch(dataStoreId: string, body: unknown, auth = key) {
  const request = new Request(`http://localhost/api/v1/data-stores/${dataStoreId}/records`, { method: "POST", headers: headers(auth), body: typeof body === "string" ? body : JSON.stringify(body) });
  return route.POST(request, { params: Promise.resolve({ dataStoreId }) });
}

const recordCount = async () => (await getDataStoreOrThrow(t.db, workspaceId, store)).recordCount;

describe("/api/v1/data-stores/{id}/records", () => {
  it("PUT creates, replaces or leaves a record; DELETE removes it, and a missing key is 404", async () => {
    expect(await (await one("PUT", store, "sub-1", { customer: "Ana@Example.com", data: { plan: "pro" } })).json()).toEqual({ key: "sub-1", result: "created" });
    expect(await (await one("PUT", store, "sub-1", { customer: "ana@example.com", data: { plan: "pro" } })).json()).toEqual({ key: "sub-1", result: "unchanged" });
    expect(await (await one("PUT", store, "sub-1", { customer: "ana@example.com", data: { plan: "team" } })).json()).toEqual({ key: "sub-1", result: "updated" });
    const list = await route.GET(new Request(`http://localhost/api/v1/data-stores/${store}/records?q=sub`, { headers: headers(key) }), { params: Promise.resolve({ dataStoreId: store }) });
    expect((await list.json()).data).toMatchObject([{ key: "sub-1", customer: "ana@example.com", data: { plan: "team" }, matchesCustomer: false }]);
    const stores = await listRoute.GET(new Request("http://localhost/api/v1/data-stores", { headers: headers(key) }), { params: Promise.resolve({}) });
    expect((await stores.json()).data).toMatchObject([{ id: store, name: "Subscriptions", identifierKind: "email", recordCount: 1 }]);

    expect(await (await one("DELETE", store, "sub-1")).json()).toEqual({ key: "sub-1", result: "deleted" });
    const again = await one("DELETE", store, "sub-1");
    expect(again.status).toBe(404);
    expect((await again.json()).error).toMatch(/no record with that key/);
    expect(await recordCount()).toBe(0);
  });

  it("a batch upserts and deletes together; 10,000 per call, 10,001 refused; bad entries refuse the whole call", async () => {
    const upsert = Array.from({ length: 10_000 }, (_, i) => ({ key: `k${i}`, customer: `c${i}@example.com`, data: { n: i } }));
    const ok = await batch(store, { upsert });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ created: 10_000, updated: 0, unchanged: 0, deleted: 0, notFound: 0 });
    const mixed = await batch(store, { upsert: [{ key: "k1", customer: "other@example.com" }], delete: ["k2", "nope"] });
    expect(await mixed.json()).toEqual({ created: 0, updated: 1, unchanged: 0, deleted: 1, notFound: 1 });
    expect(await recordCount()).toBe(9_999);

    const tooMany = await batch(store, { delete: Array.from({ length: 10_001 }, (_, i) => `k${i}`) });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error).toBe("delete: at most 10,000 keys per call");
    const bad = [
      [{}, /at least one/],
      [{ upsert: [{ key: "x" }] }, /customer is required/],
      [{ upsert: [{ key: "", customer: "a@b.co" }] }, /key is empty/],
      [{ upsert: [{ key: "x", customer: "not an email" }] }, /not an email address/],
      [{ upsert: [{ key: "x", customer: "a@b.co", data: { "bad field!": 1 } }] }, /Field names use/],
      [{ upsert: [{ key: "x", customer: "a@b.co", data: { f: "x".repeat(20_000) } }] }, /at most 16 KB/],
      [{ upsert: [{ key: "x", customer: "a@b.co" }, { key: "x", customer: "a@b.co" }] }, /appears twice/],
      [{ upsert: [], delete: ["a"], extra: 1 }, /Unrecognized key/],
      ["{not json", /not valid JSON/],
    ] as const;
    for (const [body, message] of bad) {
      const r = await batch(store, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await r.json()).error).toMatch(message);
    }
    expect(await recordCount()).toBe(9_999);
  });

  it("another workspace's store and unknown ids are 404; write, missing or wrong keys are 401; a bad key in the path is 400", async () => {
    expect((await one("PUT", store, "a", { customer: "a@b.co" }, otherKey)).status).toBe(404);
    expect((await batch(store, { delete: ["k1"] }, otherKey)).status).toBe(404);
    expect((await one("DELETE", store, "k1", undefined, otherKey)).status).toBe(404);
    const unknown = await one("PUT", "ds_doesnotexist", "a", { customer: "a@b.co" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "That data store does not exist, or was deleted" });
    expect((await one("PUT", store, "a", { customer: "a@b.co" }, writeKey)).status).toBe(401);
    expect((await batch(store, { delete: ["k1"] }, "")).status).toBe(401);
    const longKey = await one("PUT", store, "x".repeat(256), { customer: "a@b.co" });
    expect(longKey.status).toBe(400);
    expect((await longKey.json()).error).toMatch(/key is longer than 255/);
    expect(await recordCount()).toBe(9_999);
  });
});
