import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { customers, segments } from "@/db/schema";
import { toNumber } from "@/db/client";
import { createDataStore } from "@/lib/data-stores/create-data-store";
import { writeDataStoreRecords } from "@/lib/data-stores/write-data-store-records";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertManualSegment } from "@/tests/helpers/manual-fixtures";
import { memberIds } from "@/tests/helpers/segment-fixtures";
import { resyncDataStores } from "./resync-data-stores";
import { syncDataStore } from "./sync-data-store";
import { syncDataStoresForCustomers } from "./sync-data-stores-for-customers";

// The jobs are driven by hand here: nothing else may run them from the embedded runner.
vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn(async () => undefined) }));

let t: TestDb;
let ws: string;
let store: { id: number; publicId: string };
let segmentId: number;
let ids: number[];

beforeAll(async () => {
  t = await createTestDb();
  ws = await createWorkspace(t.db, "Jobs");
  const rows = await t.db.insert(customers).values([{ workspaceId: ws, externalId: "u1" }, { workspaceId: ws, externalId: "u2" }]).returning({ id: customers.id });
  ids = rows.map((r) => toNumber(r.id));
  store = await createDataStore(t.db, ws, { name: "Jobs store", identifierKind: "external_id" }, { actorUserId: null });
  const seg = await insertManualSegment(t.db, ws, "Jobs segment");
  segmentId = seg.id;
  await t.db.update(segments).set({ dataStoreId: store.id }).where(eq(segments.id, seg.id));
  await writeDataStoreRecords(t.db, ws, store.publicId, { upsert: [{ key: "a", customer: "u1", data: {} }, { key: "b", customer: "u2", data: {} }], delete: [] }, { actorUserId: null, via: "api" });
});
afterAll(async () => t.close());

const run = (data: Record<string, unknown>) => new InngestTestEngine({ function: syncDataStore.fn, events: [{ name: "data-stores/sync.requested", data: { workspaceId: ws, dataStoreId: store.id, ...data } }] }).execute();

describe("data store jobs", () => {
  it("sync-data-store: an incremental sync touches only the named customers; a full sync runs chunk steps and records what it did", async () => {
    const incremental = await run({ identifiers: ["u1"], reason: "records" });
    expect(incremental.result).toEqual({ [(await t.db.select().from(segments).where(eq(segments.id, segmentId)))[0].publicId]: { added: 1, removed: 0 } });
    expect(await memberIds(t.db, segmentId)).toEqual([ids[0]]);
    const full = await run({ reason: "schedule" });
    expect(Object.values(full.result as object)).toEqual([{ added: 1, removed: 0 }]);
    expect(await memberIds(t.db, segmentId)).toEqual(ids);
    const [row] = await t.db.select({ sync: segments.dataStoreSync }).from(segments).where(eq(segments.id, segmentId));
    expect(row.sync).toMatchObject({ kind: "full", status: "ok", added: 1, removed: 0 });
    expect((await run({ dataStoreId: 999_999, reason: "records" } as never)).result).toEqual({ skipped: "data store deleted" });
  });

  it("resync-data-stores queues a full sync of every linked store; customers/changed queues a sync for new or identified customers only", async () => {
    const cron = new InngestTestEngine({ function: resyncDataStores.fn, steps: [{ id: "sync-all", handler: () => ({ ids: ["x"] }) }] });
    const { result, ctx } = await cron.execute();
    expect(result).toEqual({ queued: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("sync-all", [{ name: "data-stores/sync.requested", data: { workspaceId: ws, dataStoreId: store.id, reason: "schedule" } }]);

    const customersJob = new InngestTestEngine({
      function: syncDataStoresForCustomers.fn,
      events: [
        { name: "customers/changed", data: { workspaceId: ws, customerIds: [ids[0]], reason: "track", eventNames: ["x"] } },
        { name: "customers/changed", data: { workspaceId: ws, customerIds: [ids[1]], reason: "identify", profileChanged: true } },
      ],
      steps: [{ id: `sync-${ws}`, handler: () => ({ ids: ["x"] }) }],
    });
    const out = await customersJob.execute();
    expect(out.result).toEqual({ queued: 1 });
    expect(out.ctx.step.sendEvent).toHaveBeenCalledWith(`sync-${ws}`, [{ name: "data-stores/sync.requested", data: { workspaceId: ws, dataStoreId: store.id, reason: "customers", customerIds: [ids[1]] } }]);
  });
});
