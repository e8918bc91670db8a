import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { segmentMemberChanges, segmentMembers, segments } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertAutomaticSegment, insertCustomers } from "@/tests/helpers/segment-fixtures";
import { applySegmentMembership } from "./apply-membership";
import type { ConditionTree } from "./condition-schema";
import { createSegment } from "./create-segment";
import { deleteSegment } from "./delete-segment";
import { getSegmentOrThrow } from "./get-segment";
import { getSegmentSizeHistory } from "./get-segment-size-history";
import { listCustomerSegments } from "./list-customer-segments";
import { listSegmentDependents } from "./list-segment-dependents";
import { listSegmentMembers } from "./list-segment-members";
import { countSegments, listSegments } from "./list-segments";

// Segments are created through createSegment; their recomputes are not what these tests look at.
vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn() }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

const plan = (value: string): ConditionTree => ({ type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "equals", valueType: "string", value } }] });
const actor = { actorUserId: null };

describe("listSegments", () => {
  it("searches by name, filters by type, sorts by name, size and last change; skips deleted and other workspaces", async () => {
    const ws = await createWorkspace(t.db);
    const other = await createWorkspace(t.db);
    const make = async (name: string, type: "automatic" | "manual", memberCount: number, changedMinutesAgo: number | null) => {
      const s = await createSegment(t.db, ws, type === "automatic" ? { name, type, conditions: plan("pro") } : { name, type }, actor);
      await t.db
        .update(segments)
        .set({ memberCount, membershipChangedAt: changedMinutesAgo === null ? null : new Date(Date.now() - changedMinutesAgo * 60_000) })
        .where(eq(segments.id, s.id));
      return s.publicId;
    };
    await make("Germany", "automatic", 50, 5);
    await make("apple fans", "manual", 500, 60);
    await make("VIP 100%", "automatic", 5, null);
    const gone = await make("Gone", "manual", 1, 1);
    await deleteSegment(t.db, ws, gone, actor);
    await createSegment(t.db, other, { name: "Germany elsewhere", type: "manual" }, actor);

    const names = async (options: Parameters<typeof listSegments>[2]) => (await listSegments(t.db, ws, options)).map((s) => s.name);
    expect(await names({})).toEqual(["Germany", "apple fans", "VIP 100%"]);
    expect(await names({ sort: "changed", dir: "asc" })).toEqual(["apple fans", "Germany", "VIP 100%"]);
    expect(await names({ sort: "name" })).toEqual(["apple fans", "Germany", "VIP 100%"]);
    expect(await names({ sort: "name", dir: "desc" })).toEqual(["VIP 100%", "Germany", "apple fans"]);
    expect(await names({ sort: "size" })).toEqual(["apple fans", "Germany", "VIP 100%"]);
    expect(await names({ sort: "size", dir: "asc" })).toEqual(["VIP 100%", "Germany", "apple fans"]);
    expect(await names({ type: "manual" })).toEqual(["apple fans"]);
    expect(await names({ q: "GERM" })).toEqual(["Germany"]);
    // LIKE wildcards in a search are literal characters.
    expect(await names({ q: "100%" })).toEqual(["VIP 100%"]);
    expect(await names({ q: "_" })).toEqual([]);
    // Pages of the same order, and the count of the same filter (never another workspace's or a deleted one).
    expect((await listSegments(t.db, ws, { sort: "name" }, { limit: 2, offset: 0 })).map((s) => s.name)).toEqual(["apple fans", "Germany"]);
    expect((await listSegments(t.db, ws, { sort: "name" }, { limit: 2, offset: 2 })).map((s) => s.name)).toEqual(["VIP 100%"]);
    expect(await countSegments(t.db, ws)).toBe(3);
    expect(await countSegments(t.db, ws, { type: "manual" })).toBe(1);
    expect(await countSegments(t.db, ws, { q: "germ" })).toBe(1);
    const [first] = await listSegments(t.db, ws);
    expect(first).toEqual({
      publicId: expect.stringMatching(/^seg_/),
      name: "Germany",
      description: "",
      type: "automatic",
      memberCount: 50,
      computeStatus: "queued",
      computeProgress: null,
      computeError: null,
      lastChangedAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
  });

  it("refuses an unknown sort or type with a clear message", async () => {
    const ws = await createWorkspace(t.db);
    await expect(listSegments(t.db, ws, { sort: "colour" as never })).rejects.toThrow(new UserError('sort is "name", "size" or "changed"'));
    await expect(listSegments(t.db, ws, { type: "smart" as never })).rejects.toThrow(new UserError('type is "automatic" or "manual"'));
  });
});

describe("membership_changed_at, the history rollup and the size history", () => {
  it("moves when membership changes (and only then), and sizes per day count back from member_count", async () => {
    const ws = await createWorkspace(t.db);
    const ids = await insertCustomers(t.db, ws, [{ attributes: { plan: "pro" } }, { attributes: { plan: "pro" } }, { attributes: { plan: "free" } }]);
    const segment = await insertAutomaticSegment(t.db, ws, plan("pro"));
    const day = (d: string) => new Date(`${d}T12:00:00Z`);
    const apply = (tree: ConditionTree, now: Date) => applySegmentMembership(t.db, { workspaceId: ws, segmentId: segment.id, tree, scope: { type: "range", from: 0, to: Number.MAX_SAFE_INTEGER }, now });

    expect(await apply(plan("pro"), day("2026-03-01"))).toEqual({ entered: 2, exited: 0 });
    expect((await getSegmentOrThrow(t.db, ws, segment.publicId)).lastChangedAt).toEqual(day("2026-03-01"));
    expect(await apply(plan("pro"), day("2026-03-02"))).toEqual({ entered: 0, exited: 0 });
    expect((await getSegmentOrThrow(t.db, ws, segment.publicId)).lastChangedAt).toEqual(day("2026-03-01"));
    expect(await apply(plan("free"), day("2026-03-03"))).toEqual({ entered: 1, exited: 2 });
    expect((await getSegmentOrThrow(t.db, ws, segment.publicId)).lastChangedAt).toEqual(day("2026-03-03"));

    const history = await getSegmentSizeHistory(t.db, ws, segment.publicId, { days: 4, now: day("2026-03-04") });
    expect(history).toEqual([
      { day: "2026-03-01", entered: 2, exited: 0, size: 2 },
      { day: "2026-03-02", entered: 0, exited: 0, size: 2 },
      { day: "2026-03-03", entered: 1, exited: 2, size: 1 },
      { day: "2026-03-04", entered: 0, exited: 0, size: 1 },
    ]);
    // Days before the window are summed into the sizes, not lost.
    expect(await getSegmentSizeHistory(t.db, ws, segment.publicId, { days: 1, now: day("2026-03-04") })).toEqual([{ day: "2026-03-04", entered: 0, exited: 0, size: 1 }]);
    // The rollup equals the raw history.
    const raw = await t.db.select().from(segmentMemberChanges).where(eq(segmentMemberChanges.segmentId, segment.id));
    expect(raw).toHaveLength(5);
    expect(ids).toHaveLength(3);
  });
});

describe("listSegmentMembers", () => {
  it("pages newest first by cursor and searches by email prefix, external id and name, within the segment only", async () => {
    const ws = await createWorkspace(t.db);
    const ids = await insertCustomers(t.db, ws, [
      { attributes: { name: "Ana Lima" } },
      { attributes: { name: "Bruno Diaz" } },
      { attributes: { name: "Ana Paula" } },
      { attributes: { name: "Ana Outside" } },
    ]);
    await t.db.execute(sql`UPDATE customers SET external_id = 'ext-' || id, email = 'm' || id || '@example.test' WHERE id IN (${sql.join(ids, sql`, `)})`);
    const { publicId, id } = await createSegment(t.db, ws, { name: "Hand picked", type: "manual" }, actor);
    await t.db.insert(segmentMembers).values(ids.slice(0, 3).map((customerId) => ({ segmentId: id, customerId, source: "csv" as const })));

    const first = await listSegmentMembers(t.db, ws, publicId, { limit: 2 });
    expect(first.rows.map((r) => r.customerId)).toEqual([ids[2], ids[1]]);
    expect(first.rows[0]).toEqual({ customerId: ids[2], email: `m${ids[2]}@example.test`, name: "Ana Paula", externalId: `ext-${ids[2]}`, enteredAt: expect.any(Date), source: "csv" });
    const second = await listSegmentMembers(t.db, ws, publicId, { limit: 2, cursor: first.nextCursor! });
    expect(second).toEqual({ rows: [expect.objectContaining({ customerId: ids[0] })], nextCursor: null });

    const found = async (q: string) => (await listSegmentMembers(t.db, ws, publicId, { q, limit: 10 })).rows.map((r) => r.customerId);
    expect(await found("ana")).toEqual([ids[2], ids[0]]); // not "Ana Outside": not a member
    expect(await found(`M${ids[1]}@`)).toEqual([ids[1]]);
    expect(await found(`ext-${ids[0]}`)).toEqual([ids[0]]);
    expect(await found("nobody")).toEqual([]);
    // Search and cursor together.
    const page = await listSegmentMembers(t.db, ws, publicId, { q: "ana", limit: 1 });
    expect((await listSegmentMembers(t.db, ws, publicId, { q: "ana", limit: 1, cursor: page.nextCursor! })).rows.map((r) => r.customerId)).toEqual([ids[0]]);
  });

  it("is not found for another workspace's segment", async () => {
    const ws = await createWorkspace(t.db);
    const other = await createWorkspace(t.db);
    const { publicId } = await createSegment(t.db, other, { name: "Theirs", type: "manual" }, actor);
    await expect(listSegmentMembers(t.db, ws, publicId, {})).rejects.toThrow(/does not exist/);
  });
});

describe("listCustomerSegments and listSegmentDependents", () => {
  it("lists a customer's live segments with entered-at, and the segments that use a segment", async () => {
    const ws = await createWorkspace(t.db);
    const [customer] = await insertCustomers(t.db, ws, [{}]);
    const a = await createSegment(t.db, ws, { name: "B manual", type: "manual" }, actor);
    const b = await createSegment(t.db, ws, { name: "A auto", type: "automatic", conditions: { type: "group", operator: "and", conditions: [{ type: "segment", operator: "in", segmentId: a.publicId }] } }, actor);
    const gone = await createSegment(t.db, ws, { name: "Gone", type: "manual" }, actor);
    const at = new Date("2026-01-02T03:04:05Z");
    await t.db.insert(segmentMembers).values([
      { segmentId: a.id, customerId: customer, source: "csv", enteredAt: at },
      { segmentId: b.id, customerId: customer, source: "condition", enteredAt: at },
      { segmentId: gone.id, customerId: customer, source: "csv", enteredAt: at },
    ]);
    await deleteSegment(t.db, ws, gone.publicId, actor);

    expect(await listCustomerSegments(t.db, ws, customer)).toEqual([
      { publicId: b.publicId, name: "A auto", type: "automatic", enteredAt: at, source: "condition" },
      { publicId: a.publicId, name: "B manual", type: "manual", enteredAt: at, source: "csv" },
    ]);
    expect(await listCustomerSegments(t.db, await createWorkspace(t.db), customer)).toEqual([]);
    expect(await listSegmentDependents(t.db, ws, a.publicId)).toEqual([{ publicId: b.publicId, name: "A auto" }]);
    expect(await listSegmentDependents(t.db, ws, b.publicId)).toEqual([]);
  });
});
