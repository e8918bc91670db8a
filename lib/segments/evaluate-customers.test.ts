import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows, toNumber } from "@/db/client";
import { customers, segments } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { createWriteKey, post } from "@/tests/helpers/ingest";
import { insertAutomaticSegment, insertCustomers, memberIds, membersFromHistory } from "@/tests/helpers/segment-fixtures";
import { getEmbeddedRunner } from "@/lib/jobs/send-job-event";
import type { ConditionTree } from "./condition-schema";
import { createSegment } from "./create-segment";
import { evaluateCustomers } from "./evaluate-customers";
import { applySegmentMembership } from "./apply-membership";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await (await getEmbeddedRunner()).idle();
  await t.close();
});

const inGermany: ConditionTree = { type: "group", operator: "and", conditions: [{ type: "location", field: "country", operator: "is_one_of", values: ["DE"] }] };

describe("real-time evaluation", () => {
  it("moves a customer into a location-only segment when only the location changed (API → job → membership)", async () => {
    const workspaceId = await createWorkspace(t.db, "location only");
    const key = await createWriteKey(t.db, workspaceId);
    const runner = await getEmbeddedRunner();
    expect((await post("identify", { userId: "loc-1", traits: { plan: "pro" }, messageId: "loc-a" }, key)).status).toBe(200);
    const segment = await createSegment(t.db, workspaceId, { name: "Germany", type: "automatic", conditions: inGermany }, { actorUserId: null });
    await runner.idle();
    expect(await memberIds(t.db, segment.id)).toEqual([]);

    // No traits at all: the location is the only profile change.
    expect((await post("identify", { userId: "loc-1", context: { location: { country: "DE" } }, messageId: "loc-b" }, key)).status).toBe(200);
    await runner.idle();
    const [customer] = await t.db.select({ id: customers.id }).from(customers).where(eq(customers.workspaceId, workspaceId));
    expect(await memberIds(t.db, segment.id)).toEqual([toNumber(customer.id)]);
    expect(await membersFromHistory(t.db, segment.id)).toEqual([toNumber(customer.id)]);
  });

  it("evaluates many independent segments in one statement, each with its own diff and count", async () => {
    const workspaceId = await createWorkspace(t.db, "many segments");
    const [a, b] = await insertCustomers(t.db, workspaceId, [{ country: "DE", attributes: { plan: "pro" } }, { country: "FR", attributes: { plan: "free" } }]);
    const trees: ConditionTree[] = [
      inGermany,
      { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "equals", valueType: "string", value: "free" } }] },
      { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "exists" } }] },
    ];
    const created = [];
    for (const tree of trees) created.push(await insertAutomaticSegment(t.db, workspaceId, tree));
    const result = await evaluateCustomers(t.db, workspaceId, { customerIds: [a, b], profileChanged: true, eventNames: [] });
    expect(result).toEqual({ segments: 3, entered: 4, exited: 0 });
    expect(await memberIds(t.db, created[0].id)).toEqual([a]);
    expect(await memberIds(t.db, created[1].id)).toEqual([b]);
    expect(await memberIds(t.db, created[2].id)).toEqual([a, b]);
    const counts = await t.db.select({ id: segments.id, n: segments.memberCount }).from(segments).where(eq(segments.workspaceId, workspaceId));
    expect(Object.fromEntries(counts.map((c) => [c.id, c.n]))).toEqual({ [created[0].id]: 1, [created[1].id]: 1, [created[2].id]: 2 });

    // Nothing changed: nothing written.
    const before = await queryRows<{ n: unknown }>(t.db, sql`SELECT count(*) AS n FROM segment_member_changes`);
    expect(await evaluateCustomers(t.db, workspaceId, { customerIds: [a, b], profileChanged: true, eventNames: [] })).toEqual({ segments: 3, entered: 0, exited: 0 });
    expect(await queryRows<{ n: unknown }>(t.db, sql`SELECT count(*) AS n FROM segment_member_changes`)).toEqual(before);
  });
});

describe("membership and history without foreign keys", () => {
  it("are deleted with their segment and with their customer, as the cascades did", async () => {
    const workspaceId = await createWorkspace(t.db, "history cleanup");
    const [a, b] = await insertCustomers(t.db, workspaceId, [{ country: "DE" }, { country: "DE" }]);
    const kept = await insertAutomaticSegment(t.db, workspaceId, inGermany);
    const dropped = await insertAutomaticSegment(t.db, workspaceId, inGermany);
    for (const s of [kept, dropped]) await applySegmentMembership(t.db, { workspaceId, segmentId: s.id, tree: inGermany, scope: { type: "all" }, now: new Date() });
    const rows = async (segmentId: number) =>
      (await queryRows<{ id: unknown }>(t.db, sql`SELECT customer_id AS id FROM segment_member_changes WHERE segment_id = ${segmentId} ORDER BY customer_id`)).map((r) => toNumber(r.id));
    expect(await rows(dropped.id)).toEqual([a, b]);
    expect(await memberIds(t.db, dropped.id)).toEqual([a, b]);

    await t.db.delete(segments).where(eq(segments.id, dropped.id));
    expect(await rows(dropped.id)).toEqual([]);
    expect(await memberIds(t.db, dropped.id)).toEqual([]);
    expect(await memberIds(t.db, kept.id)).toEqual([a, b]);
    await t.db.delete(customers).where(eq(customers.id, a));
    expect(await rows(kept.id)).toEqual([b]);
    expect(await memberIds(t.db, kept.id)).toEqual([b]);
  });
});
