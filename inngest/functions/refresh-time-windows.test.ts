import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { segments } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertAutomaticSegment } from "@/tests/helpers/segment-fixtures";
import type { ConditionTree } from "@/lib/segments/condition-schema";
import { refreshTimeWindows } from "./refresh-time-windows";
import { refreshWorkspaceTimeWindows } from "./refresh-workspace-time-windows";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

const last30: ConditionTree = {
  type: "group",
  operator: "and",
  conditions: [{ type: "event", event: "order_completed", operator: "performed", window: { type: "last", amount: 30, unit: "days" }, filters: [] }],
};

describe("refresh-time-windows", () => {
  it("fans out one run per workspace with ready automatic segments", async () => {
    const a = await createWorkspace(t.db, "A");
    const b = await createWorkspace(t.db, "B");
    await createWorkspace(t.db, "nothing to refresh");
    for (const ws of [a, a, b]) {
      const s = await insertAutomaticSegment(t.db, ws, last30);
      await t.db.update(segments).set({ computeStatus: "ready", computedAt: new Date() }).where(eq(segments.id, s.id));
    }
    const engine = new InngestTestEngine({ function: refreshTimeWindows.fn, steps: [{ id: "fan-out", handler: () => ({ ids: ["x"] }) }] });
    const { result, ctx } = await engine.execute();
    expect(result).toEqual({ workspaces: 2 });
    const sent = (ctx.step.sendEvent as unknown as { mock: { calls: [string, { name: string; data: { workspaceId: string } }[]][] } }).mock.calls[0];
    expect(sent[0]).toBe("fan-out");
    expect(sent[1].map((e) => e.data.workspaceId).sort()).toEqual([a, b].sort());
    expect(new Set(sent[1].map((e) => e.name))).toEqual(new Set(["segments/time-windows.due"]));
  });

  it("refreshes one workspace's segments in one step, and no other workspace's", async () => {
    const mine = await createWorkspace(t.db, "mine");
    const other = await createWorkspace(t.db, "other");
    const earlier = new Date(Date.now() - 60_000);
    const ids: number[] = [];
    for (const ws of [mine, other]) {
      const s = await insertAutomaticSegment(t.db, ws, last30);
      await t.db.update(segments).set({ computeStatus: "ready", computedAt: earlier, windowsRefreshedAt: earlier }).where(eq(segments.id, s.id));
      ids.push(s.id);
    }
    const engine = new InngestTestEngine({ function: refreshWorkspaceTimeWindows.fn, events: [{ name: "segments/time-windows.due", data: { workspaceId: mine } }] as never });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ refreshed: 1 });
    const rows = await t.db.select({ id: segments.id, at: segments.windowsRefreshedAt }).from(segments);
    const at = Object.fromEntries(rows.map((r) => [r.id, r.at?.getTime()]));
    expect(at[ids[0]]).toBeGreaterThan(earlier.getTime());
    expect(at[ids[1]]).toBe(earlier.getTime());
  });
});
