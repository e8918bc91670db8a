import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { customers, segmentMembers, segments } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { createSegment } from "@/lib/segments/create-segment";
import { deleteSegment } from "@/lib/segments/delete-segment";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { workspaceWithUser } from "@/tests/helpers/fixtures";
import { insertCustomers } from "@/tests/helpers/segment-fixtures";
import * as customerSegmentsRoute from "@/app/api/v1/customers/[customer]/segments/route";
import * as membersRoute from "./[segmentId]/members/route";
import * as segmentRoute from "./[segmentId]/route";
import * as listRoute from "./route";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

type Route = { GET: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> };

async function get(route: Route, path: string, params: Record<string, string>, key: string | null) {
  const request = new Request(`http://lumen.test${path}`, { headers: key === null ? {} : { authorization: `Bearer ${key}` } });
  const response = await route.GET(request, { params: Promise.resolve(params) });
  return { status: response.status, body: await response.json() };
}

/** A workspace with a secret key, 5 customers and two segments: a manual one with 5 members, an automatic one. */
async function setup(name = "Acme") {
  const { user, workspaceId } = await workspaceWithUser(t.db, "owner", name);
  const { key } = await createApiKey(t.db, workspaceId, { actorUserId: user.id, name: "Reader", kind: "secret" });
  const ids = await insertCustomers(t.db, workspaceId, [{}, {}, {}, {}, {}]);
  await t.db.update(customers).set({ externalId: "usr_1" }).where(eq(customers.id, ids[0]));
  const manual = await createSegment(t.db, workspaceId, { name: "Hand picked", type: "manual" }, { actorUserId: user.id });
  await t.db.insert(segmentMembers).values(ids.map((customerId) => ({ segmentId: manual.id, customerId, source: "selection" as const })));
  await t.db.update(segments).set({ memberCount: ids.length }).where(eq(segments.id, manual.id));
  const [first] = await t.db.select({ email: customers.email }).from(customers).where(eq(customers.id, ids[0]));
  return { user, workspaceId, key, ids, manual, email: first.email! };
}

describe("secret-key routes", () => {
  it("refuses a missing, wrong, revoked or write key with a clear JSON 401", async () => {
    const { user, workspaceId } = await setup();
    const write = await createApiKey(t.db, workspaceId, { actorUserId: user.id, name: "Site", kind: "write" });
    const revoked = await createApiKey(t.db, workspaceId, { actorUserId: user.id, name: "Old", kind: "secret" });
    await revokeApiKey(t.db, workspaceId, { actorUserId: user.id, keyId: revoked.id });

    expect(await get(listRoute, "/api/v1/segments", {}, null)).toEqual({ status: 401, body: { error: expect.stringMatching(/Missing API key.*Authorization: Bearer/) } });
    expect(await get(listRoute, "/api/v1/segments", {}, "lk_secret_nope")).toEqual({ status: 401, body: { error: "Invalid or revoked secret key" } });
    expect(await get(listRoute, "/api/v1/segments", {}, revoked.key)).toEqual({ status: 401, body: { error: "Invalid or revoked secret key" } });
    expect(await get(listRoute, "/api/v1/segments", {}, write.key)).toEqual({ status: 401, body: { error: expect.stringMatching(/write key.*secret key/) } });
  });

  it("lists the workspace's live segments with search and filter, never another workspace's or a deleted one", async () => {
    const a = await setup("A");
    const b = await setup("B");
    await createSegment(t.db, a.workspaceId, { name: "Gone soon", type: "manual" }, { actorUserId: a.user.id });
    const gone = (await t.db.select().from(segments).where(eq(segments.name, "Gone soon")))[0];
    await deleteSegment(t.db, a.workspaceId, gone.publicId, { actorUserId: a.user.id });

    const all = await get(listRoute, "/api/v1/segments", {}, a.key);
    expect(all.status).toBe(200);
    expect(all.body.data).toEqual([
      expect.objectContaining({ id: a.manual.publicId, name: "Hand picked", type: "manual", memberCount: 5, status: "ready", description: "" }),
    ]);
    expect(all.body.data[0]).not.toHaveProperty("workspaceId");
    expect((await get(listRoute, "/api/v1/segments?q=hand&type=manual&sort=name", {}, a.key)).body.data).toHaveLength(1);
    expect((await get(listRoute, "/api/v1/segments?type=automatic", {}, a.key)).body.data).toEqual([]);
    expect((await get(listRoute, "/api/v1/segments", {}, b.key)).body.data.map((s: { id: string }) => s.id)).toEqual([b.manual.publicId]);
  });

  it("answers a bad query parameter with 400 and the reason", async () => {
    const { key } = await setup();
    expect(await get(listRoute, "/api/v1/segments?sort=colour", {}, key)).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/^Invalid query parameter sort: sort is "name", "size" or "changed"/), details: [{ path: "sort", message: expect.any(String) }] },
    });
  });

  it("shows one segment, and 404s another workspace's or a deleted one", async () => {
    const a = await setup("A");
    const b = await setup("B");
    const ok = await get(segmentRoute, `/api/v1/segments/${a.manual.publicId}`, { segmentId: a.manual.publicId }, a.key);
    expect(ok).toMatchObject({ status: 200, body: { data: { id: a.manual.publicId, name: "Hand picked", conditions: null, definitionVersion: 1 } } });
    expect(await get(segmentRoute, `/api/v1/segments/${a.manual.publicId}`, { segmentId: a.manual.publicId }, b.key)).toEqual({
      status: 404,
      body: { error: "That segment does not exist, or was deleted" },
    });
    await deleteSegment(t.db, a.workspaceId, a.manual.publicId, { actorUserId: a.user.id });
    expect((await get(segmentRoute, "/x", { segmentId: a.manual.publicId }, a.key)).status).toBe(404);
  });

  it("pages through members with a keyset cursor until nextCursor is null", async () => {
    const { key, manual, ids } = await setup();
    const seen: number[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const path = `/api/v1/segments/${manual.publicId}/members?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await get(membersRoute, path, { segmentId: manual.publicId }, key);
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((m: { customerId: number }) => m.customerId));
      cursor = page.body.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    const first = await get(membersRoute, `/x?limit=1`, { segmentId: manual.publicId }, key);
    expect(first.body.data[0]).toEqual({ customerId: ids[4], email: expect.any(String), name: null, externalId: null, enteredAt: expect.any(String), source: "selection" });
  });

  it.each([
    ["limit=0", /limit must be at least 1/],
    ["limit=1000", /limit is at most 200/],
    ["limit=ten", /limit must be a number/],
    ["cursor=abc", /cursor is not valid/],
  ])("refuses members?%s with 400", async (query, message) => {
    const { key, manual } = await setup();
    const res = await get(membersRoute, `/x?${query}`, { segmentId: manual.publicId }, key);
    expect(res).toMatchObject({ status: 400, body: { error: expect.stringMatching(message) } });
  });

  it("404s the members of another workspace's segment", async () => {
    const a = await setup("A");
    const b = await setup("B");
    expect((await get(membersRoute, "/x", { segmentId: a.manual.publicId }, b.key)).status).toBe(404);
  });

  it("lists a customer's segments by email, external id or Lumen id; 404 for another workspace's customer", async () => {
    const a = await setup("A");
    const b = await setup("B");
    const expected = [{ id: a.manual.publicId, name: "Hand picked", type: "manual", enteredAt: expect.any(String), source: "selection" }];
    for (const ref of [a.email.toUpperCase(), "usr_1", String(a.ids[0])]) {
      const res = await get(customerSegmentsRoute, "/x", { customer: encodeURIComponent(ref) }, a.key);
      expect(res).toEqual({ status: 200, body: { customerId: a.ids[0], data: expected } });
    }
    expect(await get(customerSegmentsRoute, "/x", { customer: String(a.ids[0]) }, b.key)).toEqual({
      status: 404,
      body: { error: "No customer with that email, external id or id in this workspace" },
    });
    expect((await get(customerSegmentsRoute, "/x", { customer: a.email }, b.key)).status).toBe(404);
  });
});
