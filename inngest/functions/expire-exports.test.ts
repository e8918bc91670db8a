import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { exportFileParts, exportSnapshotChunks, segmentExports } from "@/db/schema";
import { requestSegmentExport } from "@/lib/exports/request-segment-export";
import { startSegmentExport } from "@/lib/exports/build-segment-export";
import { exportStorage } from "@/lib/exports/export-storage";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { workspaceWithUser } from "@/tests/helpers/fixtures";
import { insertExportCustomers, insertManualSegment } from "@/tests/helpers/export-fixtures";
import { expireExports } from "./expire-exports";

let t: TestDb;
let workspaceId: string;
let user: { id: string; email: string };
let segmentPublicId: string;

beforeAll(async () => {
  t = await createTestDb();
  ({ workspaceId, user } = await workspaceWithUser(t.db, "member"));
  const ids = await insertExportCustomers(t.db, workspaceId, 3);
  segmentPublicId = (await insertManualSegment(t.db, workspaceId, ids)).publicId;
});
afterAll(async () => t.close());

async function newExport() {
  const { exportId } = await requestSegmentExport(t.db, workspaceId, { segmentPublicId, columns: ["email"], recipientEmail: user.email }, { actorUserId: user.id });
  return exportId;
}
const row = async (id: string) => (await t.db.select().from(segmentExports).where(eq(segmentExports.id, id)))[0];
const parts = async (id: string) => (await t.db.select().from(exportFileParts).where(eq(exportFileParts.exportId, id))).length;

describe("expire-exports (hourly cron, under @inngest/test)", () => {
  it("deletes files past their expiry, leaves valid ones, and fails exports whose job was lost a day ago", async () => {
    const expired = await newExport();
    const valid = await newExport();
    const lost = await newExport();
    const fresh = await newExport();
    for (const id of [expired, valid]) await exportStorage(t.db).putPart(id, 0, Buffer.from("\uFEFFEmail\r\n"));
    await t.db.update(segmentExports).set({ status: "sent", expiresAt: new Date(Date.now() - 1000) }).where(eq(segmentExports.id, expired));
    await t.db.update(segmentExports).set({ status: "sent", expiresAt: new Date(Date.now() + 86_400_000) }).where(eq(segmentExports.id, valid));
    await startSegmentExport(t.db, workspaceId, lost, 3);
    await t.db.update(segmentExports).set({ startedAt: new Date(Date.now() - 25 * 3_600_000) }).where(eq(segmentExports.id, lost));

    const { result, error } = await new InngestTestEngine({ function: expireExports.fn }).execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({ expired: 1, abandoned: 1 });
    expect(await row(expired)).toMatchObject({ status: "expired", expiresAt: null });
    expect(await parts(expired)).toBe(0);
    expect(await row(valid)).toMatchObject({ status: "sent" });
    expect(await parts(valid)).toBe(1);
    expect(await row(lost)).toMatchObject({ status: "failed", error: "The export stopped without finishing. Please export again." });
    expect((await t.db.select().from(exportSnapshotChunks).where(eq(exportSnapshotChunks.exportId, lost))).length).toBe(0);
    expect(await row(fresh)).toMatchObject({ status: "queued" });
  });
});
