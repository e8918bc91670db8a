import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { queryRows, toNumber } from "@/db/client";
import { segments } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { expectedIds, insertAutomaticSegment, insertCustomers, insertEvents, memberIds, membersFromHistory } from "@/tests/helpers/segment-fixtures";
import type { ConditionTree } from "./condition-schema";
import { applySegmentMembership } from "./apply-membership";
import { refreshTimeWindows, timeEdgeCandidates } from "./refresh-time-windows";

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = new Date("2026-11-01T12:00:00.000Z");

let t: TestDb;
let workspaceId: string;
let a: number, b: number, c: number, d: number;

const orderedLast30: ConditionTree = {
  type: "group",
  operator: "and",
  conditions: [{ type: "event", event: "order_completed", operator: "performed", window: { type: "last", amount: 30, unit: "days" }, filters: [] }],
};
const notOrderedLast60: ConditionTree = {
  type: "group",
  operator: "and",
  conditions: [{ type: "event", event: "order_completed", operator: "did_not_perform", window: { type: "last", amount: 60, unit: "days" }, filters: [] }],
};
const newSignups: ConditionTree = {
  type: "group",
  operator: "and",
  conditions: [{ type: "attribute", key: "signup_date", filter: { operator: "within_last_days", days: 14 } }],
};

async function computedIn(ws: string, tree: ConditionTree, at: Date) {
  const segment = await insertAutomaticSegment(t.db, ws, tree);
  await applySegmentMembership(t.db, { workspaceId: ws, segmentId: segment.id, tree, scope: { type: "all" }, now: at });
  await t.db.update(segments).set({ computeStatus: "ready", computedAt: at, windowsRefreshedAt: at }).where(eq(segments.id, segment.id));
  return segment;
}

const computedAt = (tree: ConditionTree, at: Date) => computedIn(workspaceId, tree, at);

beforeAll(async () => {
  t = await createTestDb();
  workspaceId = await createWorkspace(t.db);
  [a, b, c, d] = await insertCustomers(t.db, workspaceId, [
    { attributes: { signup_date: new Date(T0.getTime() - 14 * DAY + 2 * MIN).toISOString() } },
    { attributes: { signup_date: "2026-10-30" } },
    {},
    {},
  ]);
  await insertEvents(t.db, workspaceId, [
    { customerId: a, name: "order_completed", at: new Date(T0.getTime() - 30 * DAY + 2 * MIN) }, // slides out of 30 days in 2 minutes
    { customerId: b, name: "order_completed", at: new Date(T0.getTime() - 60 * DAY + 3 * MIN) }, // slides out of 60 days in 3 minutes
    { customerId: c, name: "order_completed", at: new Date(T0.getTime() - 5 * DAY) },
  ]);
});
afterAll(async () => t.close());

describe("time passing", () => {
  it("moves customers whose window edge passed, and their dependents, within one refresh", async () => {
    const s1 = await computedAt(orderedLast30, T0);
    const s2 = await computedAt(notOrderedLast60, T0);
    const s3 = await computedAt(newSignups, T0);
    const dependent: ConditionTree = { type: "group", operator: "and", conditions: [{ type: "segment", operator: "in", segmentId: s1.publicId }] };
    const s4 = await computedAt(dependent, T0);
    expect(await memberIds(t.db, s1.id)).toEqual([a, c]);
    expect(await memberIds(t.db, s2.id)).toEqual([d]);
    expect(await memberIds(t.db, s3.id)).toEqual([a, b]);
    expect(await memberIds(t.db, s4.id)).toEqual([a, c]);

    const later = new Date(T0.getTime() + 5 * MIN);
    await refreshTimeWindows(t.db, later);
    for (const [segment, tree] of [[s1, orderedLast30], [s2, notOrderedLast60], [s3, newSignups], [s4, dependent]] as const) {
      expect(await memberIds(t.db, segment.id)).toEqual(await expectedIds(t.db, workspaceId, tree, later));
      expect(await membersFromHistory(t.db, segment.id)).toEqual(await memberIds(t.db, segment.id));
    }
    expect(await memberIds(t.db, s1.id)).toEqual([c]);
    expect(await memberIds(t.db, s2.id)).toEqual([b, d]);
    expect(await memberIds(t.db, s3.id)).toEqual([b]);
    expect(await memberIds(t.db, s4.id)).toEqual([c]);
    const [row] = await t.db.select().from(segments).where(eq(segments.id, s1.id));
    expect(row.windowsRefreshedAt?.toISOString()).toBe(later.toISOString());
    expect(row.memberCount).toBe(1);
  });

  it("looks only at customers whose window edge passed", async () => {
    const query = timeEdgeCandidates(orderedLast30, workspaceId, T0, new Date(T0.getTime() + 5 * MIN));
    const rows = await queryRows<{ customer_id: unknown }>(t.db, query!);
    expect(rows.map((r) => toNumber(r.customer_id))).toEqual([a]);
    const attributeEdge = timeEdgeCandidates(newSignups, workspaceId, T0, new Date(T0.getTime() + 5 * MIN));
    expect((await queryRows<{ id: unknown }>(t.db, attributeEdge!)).map((r) => toNumber(r.id))).toEqual([a]);
    expect(timeEdgeCandidates({ type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "exists" } }] }, workspaceId, T0, T0)).toBeNull();
  });
});

describe("time passing, the other edges", () => {
  it("lets a future-dated value in once it comes due (attribute and event time)", async () => {
    const ws = await createWorkspace(t.db, "future dated");
    const [early, due, later] = await insertCustomers(t.db, ws, [
      { attributes: { signup_date: new Date(T0.getTime() - DAY).toISOString() } },
      { attributes: { signup_date: new Date(T0.getTime() + 2 * MIN).toISOString() } }, // comes due in 2 minutes
      { attributes: { signup_date: new Date(T0.getTime() + DAY).toISOString() } },
    ]);
    await insertEvents(t.db, ws, [{ customerId: later, name: "order_completed", at: new Date(T0.getTime() + 3 * MIN) }]); // a scheduled order, due in 3 minutes
    const signups = await computedIn(ws, newSignups, T0);
    const buyers = await computedIn(ws, orderedLast30, T0);
    expect(await memberIds(t.db, signups.id)).toEqual([early]);
    expect(await memberIds(t.db, buyers.id)).toEqual([]);

    const after = new Date(T0.getTime() + 5 * MIN);
    await refreshTimeWindows(t.db, after);
    expect(await memberIds(t.db, signups.id)).toEqual([early, due]);
    expect(await memberIds(t.db, buyers.id)).toEqual([later]);
    for (const [segment, tree] of [[signups, newSignups], [buyers, orderedLast30]] as const) {
      expect(await memberIds(t.db, segment.id)).toEqual(await expectedIds(t.db, ws, tree, after));
      expect(await membersFromHistory(t.db, segment.id)).toEqual(await memberIds(t.db, segment.id));
    }
  });

  it("slides a relative date in an event property (renewed in the last 7 days)", async () => {
    const ws = await createWorkspace(t.db, "event property dates");
    const [leaving, staying] = await insertCustomers(t.db, ws, [{}, {}]);
    await insertEvents(t.db, ws, [
      // The event is recent; its property's date leaves the 7 days in 2 minutes.
      { customerId: leaving, name: "renewed", at: new Date(T0.getTime() - DAY), properties: { renewal_date: new Date(T0.getTime() - 7 * DAY + 2 * MIN).toISOString() } },
      { customerId: staying, name: "renewed", at: new Date(T0.getTime() - DAY), properties: { renewal_date: new Date(T0.getTime() - DAY).toISOString() } },
    ]);
    const renewedLately: ConditionTree = {
      type: "group",
      operator: "and",
      conditions: [{ type: "event", event: "renewed", operator: "performed", window: { type: "ever" }, filters: [{ key: "renewal_date", filter: { operator: "within_last_days", days: 7 } }] }],
    };
    const segment = await computedIn(ws, renewedLately, T0);
    expect(await memberIds(t.db, segment.id)).toEqual([leaving, staying]);
    const after = new Date(T0.getTime() + 5 * MIN);
    await refreshTimeWindows(t.db, after);
    expect(await memberIds(t.db, segment.id)).toEqual([staying]);
    expect(await memberIds(t.db, segment.id)).toEqual(await expectedIds(t.db, ws, renewedLately, after));
    expect(await membersFromHistory(t.db, segment.id)).toEqual([staying]);
  });
});

