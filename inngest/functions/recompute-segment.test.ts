import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { segments } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { expectedIds, insertAutomaticSegment, insertCustomers, insertEvents, memberIds, membersFromHistory } from "@/tests/helpers/segment-fixtures";
import type { ConditionTree } from "@/lib/segments/condition-schema";
import { recomputeSegment } from "./recompute-segment";

const DAY = 86_400_000;
let t: TestDb;
let workspaceId: string;
let ids: number[];

const proBuyers: ConditionTree = {
  type: "group",
  operator: "and",
  conditions: [
    { type: "attribute", key: "plan", filter: { operator: "is_one_of", values: ["pro", "enterprise"] } },
    { type: "event", event: "order_completed", operator: "performed", count: { operator: "at_least", value: 2 }, window: { type: "last", amount: 30, unit: "days" }, filters: [] },
  ],
};

beforeAll(async () => {
  t = await createTestDb();
  workspaceId = await createWorkspace(t.db);
  const plans = ["pro", "free", "enterprise", "pro", "starter", "pro", "enterprise", "free", "pro", "pro"];
  ids = await insertCustomers(t.db, workspaceId, plans.map((plan) => ({ attributes: { plan } })));
  const now = Date.now();
  await insertEvents(
    t.db,
    workspaceId,
    ids.flatMap((customerId, i) => Array.from({ length: i % 4 }, (_, k) => ({ customerId, name: "order_completed", at: new Date(now - (k * 12 + i) * DAY) }))),
  );
});
afterAll(async () => t.close());

function run(segment: { id: number; definitionVersion: number }) {
  const engine = new InngestTestEngine({
    function: recomputeSegment.fn,
    events: [{ name: "segments/recompute.requested", data: { workspaceId, segmentId: segment.id, version: segment.definitionVersion } }] as never,
  });
  return engine.execute();
}

beforeEach(() => {
  process.env.LUMEN_RECOMPUTE_CHUNK_SIZE = "3";
});

describe("recompute-segment (under @inngest/test)", () => {
  it("fills the segment chunk by chunk, writes the history and marks it ready with its count", async () => {
    const segment = await insertAutomaticSegment(t.db, workspaceId, proBuyers);
    const { result, error } = await run(segment);
    expect(error).toBeUndefined();
    const expected = await expectedIds(t.db, workspaceId, proBuyers);
    expect(expected.length).toBeGreaterThan(0);
    expect(result).toMatchObject({ status: "ready", chunks: 4, entered: expected.length, exited: 0 });
    expect(await memberIds(t.db, segment.id)).toEqual(expected);
    expect(await membersFromHistory(t.db, segment.id)).toEqual(expected);
    const [row] = await t.db.select().from(segments).where(eq(segments.id, segment.id));
    expect(row).toMatchObject({ computeStatus: "ready", memberCount: expected.length, computeError: null });
    expect(row.computedAt).not.toBeNull();
  });

  it("changes nothing when run again with nothing changed", async () => {
    const segment = await insertAutomaticSegment(t.db, workspaceId, proBuyers);
    await run(segment);
    const { result } = await run(segment);
    expect(result).toMatchObject({ status: "ready", entered: 0, exited: 0 });
  });

  it("stops a run for an older definition version without touching membership", async () => {
    const segment = await insertAutomaticSegment(t.db, workspaceId, proBuyers);
    await t.db.update(segments).set({ definitionVersion: 2 }).where(eq(segments.id, segment.id));
    const { result } = await run({ id: segment.id, definitionVersion: 1 });
    expect(result).toEqual({ status: "superseded" });
    expect(await memberIds(t.db, segment.id)).toEqual([]);
    const [row] = await t.db.select().from(segments).where(eq(segments.id, segment.id));
    expect(row.computeStatus).toBe("queued");
  });
});

describe("recompute-segment in the embedded runner", () => {
  it("retries a failing chunk and still ends right", async () => {
    const apply = await import("@/lib/segments/apply-membership");
    const real = apply.applySegmentMembership;
    let calls = 0;
    const spy = vi.spyOn(apply, "applySegmentMembership").mockImplementation(async (...args) => {
      calls += 1;
      if (calls === 2) throw new Error("connection reset by peer");
      return real(...args);
    });
    const { EmbeddedRunner } = await import("@/lib/jobs/embedded-runner");
    const segment = await insertAutomaticSegment(t.db, workspaceId, proBuyers);
    const runner = new EmbeddedRunner([recomputeSegment], { retryBaseMs: 1, log: { info: vi.fn(), error: vi.fn() } });
    runner.send({ name: "segments/recompute.requested", data: { workspaceId, segmentId: segment.id, version: 1 } });
    await runner.idle();
    spy.mockRestore();
    expect(runner.runs[0].status).toBe("completed");
    expect(calls).toBeGreaterThan(4);
    expect(await memberIds(t.db, segment.id)).toEqual(await expectedIds(t.db, workspaceId, proBuyers));
  });

  it("stores the error on the segment when a chunk keeps failing", async () => {
    const apply = await import("@/lib/segments/apply-membership");
    const spy = vi.spyOn(apply, "applySegmentMembership").mockRejectedValue(new Error("statement timeout"));
    const { EmbeddedRunner } = await import("@/lib/jobs/embedded-runner");
    const segment = await insertAutomaticSegment(t.db, workspaceId, proBuyers);
    const runner = new EmbeddedRunner([recomputeSegment], { retryBaseMs: 1, log: { info: vi.fn(), error: vi.fn() } });
    runner.send({ name: "segments/recompute.requested", data: { workspaceId, segmentId: segment.id, version: 1 } });
    await runner.idle();
    spy.mockRestore();
    expect(runner.runs[0]).toMatchObject({ status: "failed", error: "statement timeout" });
    const [row] = await t.db.select().from(segments).where(eq(segments.id, segment.id));
    expect(row).toMatchObject({ computeStatus: "failed", computeError: "statement timeout" });
  });
});
