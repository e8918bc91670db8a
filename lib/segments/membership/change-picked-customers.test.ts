import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { customerFiltersSchema } from "@/lib/customers/customer-filters";
import { getEmbeddedRunner } from "@/lib/jobs/send-job-event";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { workspaceWithUser } from "@/tests/helpers/fixtures";
import { insertManualSegment, memberCountOf } from "@/tests/helpers/manual-fixtures";
import { insertCustomers, memberIds } from "@/tests/helpers/segment-fixtures";
import { describePickedOutcome, requestPickedCustomersChange } from "./change-picked-customers";

// A tiny threshold, so a handful of customers already counts as a "large" selection.
vi.mock("./picked-customers", async (importOriginal) => ({ ...(await importOriginal<typeof import("./picked-customers")>()), BACKGROUND_PICK_ROWS: 3 }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await (await getEmbeddedRunner()).idle();
  await t.close();
});

describe("requestPickedCustomersChange", () => {
  it("applies a large 'all matching' selection in a background job, with the counts in the audit log", async () => {
    const { workspaceId, user } = await workspaceWithUser(t.db);
    const ids = await insertCustomers(t.db, workspaceId, Array.from({ length: 8 }, (_, i) => ({ country: i < 6 ? "DE" : "US" })));
    const vip = await insertManualSegment(t.db, workspaceId, "VIP");

    const small = await requestPickedCustomersChange(t.db, workspaceId, vip.publicId, "add", { kind: "ids", ids: ids.slice(0, 2) }, { actorUserId: user.id });
    expect(small).toMatchObject({ status: "done", result: { changed: 2 } });

    const outcome = await requestPickedCustomersChange(t.db, workspaceId, vip.publicId, "add", { kind: "matching", filters: customerFiltersSchema.parse({ country: "DE" }) }, { actorUserId: user.id });
    expect(outcome).toEqual({ status: "queued", segmentName: "VIP", matching: 6 });
    expect(describePickedOutcome("add", outcome)).toBe("Adding 6 customers to “VIP” in the background; the segment's page shows them as it goes.");
    await (await getEmbeddedRunner()).idle();
    expect(await memberIds(t.db, vip.id)).toEqual(ids.slice(0, 6));
    expect(await memberCountOf(t.db, vip.id)).toBe(6);
    const entries = await t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, "segment.members_added")));
    expect(entries.at(-1)).toMatchObject({ actorUserId: user.id, data: expect.objectContaining({ selection: "matching", requested: 6, changed: 4, unchanged: 2 }) });
  });

  it("words results the way a marketer reads them", () => {
    const base = { segmentName: "VIP", status: "done" as const };
    expect(describePickedOutcome("add", { ...base, result: { op: "add", requested: 1290, changed: 1234, unchanged: 56, keptByOtherSource: 0 } })).toBe(
      "Added 1,234 customers to “VIP”; 56 were already members.",
    );
    expect(describePickedOutcome("remove", { ...base, result: { op: "remove", requested: 4, changed: 1, unchanged: 2, keptByOtherSource: 1 } })).toBe(
      "Removed 1 customer from “VIP”; 2 were not members; 1 stays because a data store added them.",
    );
  });
});
