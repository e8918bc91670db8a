import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq, sql } from "drizzle-orm";
import { queryRows, toNumber } from "@/db/client";
import { customers, segmentMembers, segments } from "@/db/schema";
import type { ConditionTree } from "@/lib/segments/condition-schema";
import { deleteSegment } from "@/lib/segments/delete-segment";
import { recomputeChunk, startRecompute, finishRecompute } from "@/lib/segments/recompute-segment";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertAutomaticSegment, insertCustomers, memberIds } from "@/tests/helpers/segment-fixtures";
import { deleteSegmentJob } from "./delete-segment";

// deleteSegment sends the job event; here the job runs only under the test engine below.
vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn() }));

let t: TestDb;
let workspaceId: string;
let ids: number[];
const everyone: ConditionTree = { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "exists" } }] };

beforeAll(async () => {
  t = await createTestDb();
  workspaceId = await createWorkspace(t.db);
  ids = await insertCustomers(t.db, workspaceId, Array.from({ length: 7 }, () => ({ attributes: { plan: "pro" } })));
});
afterAll(async () => t.close());
beforeEach(() => {
  process.env.LUMEN_DELETE_CHUNK_SIZE = "3";
});

async function computedSegment() {
  const segment = await insertAutomaticSegment(t.db, workspaceId, everyone);
  const plan = await startRecompute(t.db, workspaceId, segment.id, 1);
  for (const [index, chunk] of plan!.chunks.entries()) await recomputeChunk(t.db, { workspaceId, segmentId: segment.id, version: 1, chunk, index, total: plan!.chunks.length });
  await finishRecompute(t.db, workspaceId, segment.id, 1, new Date());
  return segment;
}

const historyCount = async (segmentId: number) =>
  toNumber((await queryRows<{ n: unknown }>(t.db, sql`SELECT count(*) AS n FROM segment_member_changes WHERE segment_id = ${segmentId}`))[0].n);

function run(segmentId: number) {
  const engine = new InngestTestEngine({
    function: deleteSegmentJob.fn,
    events: [{ name: "segments/delete.requested", data: { workspaceId, segmentId } }] as never,
  });
  return engine.execute();
}

describe("delete-segment (under @inngest/test)", () => {
  it("removes the memberships, then the history, in chunks, then the row; every customer stays", async () => {
    const segment = await computedSegment();
    expect(await memberIds(t.db, segment.id)).toEqual(ids);
    await deleteSegment(t.db, workspaceId, segment.publicId, { actorUserId: null });

    const { result, error } = await run(segment.id);
    expect(error).toBeUndefined();
    // 7 members in chunks of 3 (3 + 3 + 1), then 7 history rows the same way.
    expect(result).toEqual({ removed: true, members: 7, history: 7, chunks: 6 });
    expect(await t.db.select().from(segments).where(eq(segments.id, segment.id))).toEqual([]);
    expect(await t.db.select().from(segmentMembers).where(eq(segmentMembers.segmentId, segment.id))).toEqual([]);
    expect(await historyCount(segment.id)).toBe(0);
    expect((await t.db.select({ id: customers.id }).from(customers).where(eq(customers.workspaceId, workspaceId))).map((c) => Number(c.id)).sort((a, b) => a - b)).toEqual(ids);
  });

  it("touches nothing of a segment that is not marked deleted", async () => {
    const segment = await computedSegment();
    const { result } = await run(segment.id);
    expect(result).toEqual({ removed: false, members: 0, history: 0, chunks: 2 });
    expect(await memberIds(t.db, segment.id)).toEqual(ids);
    expect(await historyCount(segment.id)).toBe(7);
  });

  it("stops a recompute still running for the deleted segment", async () => {
    const segment = await insertAutomaticSegment(t.db, workspaceId, everyone);
    const plan = await startRecompute(t.db, workspaceId, segment.id, 1);
    await deleteSegment(t.db, workspaceId, segment.publicId, { actorUserId: null });
    expect(await recomputeChunk(t.db, { workspaceId, segmentId: segment.id, version: 1, chunk: plan!.chunks[0], index: 0, total: 1 })).toBeNull();
    expect(await memberIds(t.db, segment.id)).toEqual([]);
  });
});
