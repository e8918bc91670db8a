import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertAutomaticSegment } from "@/tests/helpers/segment-fixtures";
import { segments } from "@/db/schema";
import { sweepSegments } from "./sweep-segments";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

describe("sweep-segments", () => {
  it("queues a recompute of every automatic segment at its current version, and none of the manual ones", async () => {
    const ws = await createWorkspace(t.db);
    const a = await insertAutomaticSegment(t.db, ws, { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "exists" } }] });
    await t.db.insert(segments).values({ workspaceId: ws, publicId: "seg_manual_sweep", name: "Manual", type: "manual" });
    const engine = new InngestTestEngine({ function: sweepSegments.fn, steps: [{ id: "recompute-all", handler: () => ({ ids: ["x"] }) }] });
    const { result, ctx } = await engine.execute();
    expect(result).toEqual({ queued: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("recompute-all", [
      { name: "segments/recompute.requested", data: { workspaceId: ws, segmentId: a.id, version: 1 } },
    ]);
  });
});
