import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { workspaceWithUser } from "@/tests/helpers/fixtures";
import { insertManualSegment, memberCountOf } from "@/tests/helpers/manual-fixtures";
import { insertAutomaticSegment, insertCustomers, memberIds } from "@/tests/helpers/segment-fixtures";
import { customers } from "@/db/schema";
import { toNumber } from "@/db/client";
import * as route from "./route";

vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn(async () => undefined) }));

let t: TestDb;
let workspaceId: string;
let otherWorkspaceId: string;
let key: string;
let otherKey: string;
let writeKey: string;
let ids: number[];

beforeAll(async () => {
  t = await createTestDb();
  const a = await workspaceWithUser(t.db, "owner", "A");
  const b = await workspaceWithUser(t.db, "owner", "B");
  workspaceId = a.workspaceId;
  otherWorkspaceId = b.workspaceId;
  key = (await createApiKey(t.db, workspaceId, { actorUserId: a.user.id, name: "server", kind: "secret" })).key;
  writeKey = (await createApiKey(t.db, workspaceId, { actorUserId: a.user.id, name: "web", kind: "write" })).key;
  otherKey = (await createApiKey(t.db, otherWorkspaceId, { actorUserId: b.user.id, name: "server", kind: "secret" })).key;
  const rows = await t.db
    .insert(customers)
    .values([
      { workspaceId, email: "Ada@Example.com" },
      { workspaceId, email: "bob@example.com", externalId: "u-2" },
      { workspaceId, externalId: "u-3" },
    ])
    .returning({ id: customers.id });
  ids = rows.map((r) => toNumber(r.id));
});
afterAll(async () => t.close());

function call(method: "POST" | "DELETE", segmentId: string, body: unknown, auth = key) {
  const request = new Request(`http://localhost/api/v1/segments/${segmentId}/members`, {
    method,
    headers: { authorization: `Bearer ${auth}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return route[method](request, { params: Promise.resolve({ segmentId }) });
}

describe("/api/v1/segments/{id}/members", () => {
  it("adds by email (any case) or external id, counts already-members and lists customers not found", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    const res = await call("POST", seg.publicId, { customers: [{ email: "ada@example.com" }, { externalId: "u-2" }, { email: "nobody@example.com" }, { externalId: "nope" }] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ added: 2, alreadyMembers: 0, notFound: 2, notFoundCustomers: [{ email: "nobody@example.com" }, { externalId: "nope" }] });
    const again = await call("POST", seg.publicId, { customers: [{ email: "bob@example.com" }, { externalId: "u-3" }] });
    expect(await again.json()).toEqual({ added: 1, alreadyMembers: 1, notFound: 0, notFoundCustomers: [] });
    expect(await memberIds(t.db, seg.id)).toEqual(ids);

    const removed = await call("DELETE", seg.publicId, { customers: [{ externalId: "u-3" }, { email: "ADA@example.com" }, { email: "ghost@example.com" }] });
    expect(await removed.json()).toEqual({ removed: 2, notMembers: 0, keptByDataStore: 0, notFound: 1, notFoundCustomers: [{ email: "ghost@example.com" }] });
    expect(await memberIds(t.db, seg.id)).toEqual([ids[1]]);
    expect(await memberCountOf(t.db, seg.id)).toBe(1);
  });

  it("refuses an automatic segment with a clear message, and changes nothing", async () => {
    const auto = await insertAutomaticSegment(t.db, workspaceId, { type: "group", operator: "and", conditions: [{ type: "attribute", key: "x", filter: { operator: "exists" } }] } as never);
    const res = await call("POST", auto.publicId, { customers: [{ email: "ada@example.com" }] });
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatch(/automatic segment: its members follow its conditions/);
    expect(await memberIds(t.db, auto.id)).toEqual([]);
  });

  it("another workspace's segment is not found; a write key, a revoked or missing key is unauthorized", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    const foreign = await call("POST", seg.publicId, { customers: [{ email: "ada@example.com" }] }, otherKey);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ error: "That segment does not exist, or was deleted" });
    expect((await call("POST", "seg_doesnotexist", { customers: [{ email: "ada@example.com" }] })).status).toBe(404);
    expect((await call("POST", seg.publicId, { customers: [{ email: "ada@example.com" }] }, writeKey)).status).toBe(401);
    expect((await call("POST", seg.publicId, { customers: [{ email: "ada@example.com" }] }, "")).status).toBe(401);
    const b = await workspaceWithUser(t.db, "owner", "C");
    const revoked = await createApiKey(t.db, b.workspaceId, { actorUserId: b.user.id, name: "old", kind: "secret" });
    await revokeApiKey(t.db, b.workspaceId, { actorUserId: b.user.id, keyId: revoked.id });
    expect((await call("POST", seg.publicId, { customers: [{ email: "ada@example.com" }] }, revoked.key)).status).toBe(401);
    expect(await memberIds(t.db, seg.id)).toEqual([]);
  });

  it("takes 10,000 customers per call, refuses 10,001 and malformed bodies with a clear message", async () => {
    const seg = await insertManualSegment(t.db, workspaceId);
    const many = await insertCustomers(t.db, workspaceId, Array.from({ length: 10_000 }, () => ({})));
    const list = await t.db.query.customers.findMany({ columns: { email: true }, where: (c, { inArray }) => inArray(c.id, many) });
    const res = await call("POST", seg.publicId, { customers: list.map((c) => ({ email: c.email! })) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ added: 10_000, notFound: 0 });
    expect(await memberCountOf(t.db, seg.id)).toBe(10_000);

    const tooMany = await call("POST", seg.publicId, { customers: Array.from({ length: 10_001 }, (_, i) => ({ externalId: `x${i}` })) });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error).toBe("customers: at most 10,000 customers per call");
    const bad = [
      [{}, /customers/],
      [{ customers: [] }, /customers is empty/],
      [{ customers: [{ email: "a@b.c", externalId: "x" }] }, /each customer is/],
      [{ customers: [{ phone: "1" }] }, /each customer is/],
      ["{not json", /not valid JSON/],
      ["", /empty/],
    ] as const;
    for (const [body, message] of bad) {
      const r = await call("POST", seg.publicId, body);
      expect(r.status).toBe(400);
      expect((await r.json()).error).toMatch(message);
    }
    expect(await memberCountOf(t.db, seg.id)).toBe(10_000);
  });
});
