import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertAutomaticSegment } from "@/tests/helpers/segment-fixtures";
import type { ConditionTree } from "./condition-schema";
import { validateSegmentReferences } from "./validate-segment-references";

const inSegment = (segmentId: string): ConditionTree => ({ type: "group", operator: "and", conditions: [{ type: "segment", operator: "in", segmentId }] });
const anyone: ConditionTree = { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "exists" } }] };

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

describe("validateSegmentReferences", () => {
  it("accepts references to segments of the same workspace", async () => {
    const ws = await createWorkspace(t.db);
    const a = await insertAutomaticSegment(t.db, ws, anyone, "A");
    await expect(validateSegmentReferences(t.db, ws, inSegment(a.publicId))).resolves.toBeUndefined();
  });

  it("refuses a missing segment, and another workspace's segment as missing", async () => {
    const ws = await createWorkspace(t.db);
    const other = await createWorkspace(t.db);
    const foreign = await insertAutomaticSegment(t.db, other, anyone);
    await expect(validateSegmentReferences(t.db, ws, inSegment("seg_nope"))).rejects.toThrow(
      "This condition refers to a segment that does not exist (seg_nope). Choose another segment.",
    );
    await expect(validateSegmentReferences(t.db, ws, inSegment(foreign.publicId))).rejects.toThrow(/does not exist/);
  });

  it("refuses a segment that refers to itself, directly or through others", async () => {
    const ws = await createWorkspace(t.db);
    const a = await insertAutomaticSegment(t.db, ws, anyone, "A");
    const b = await insertAutomaticSegment(t.db, ws, inSegment(a.publicId), "B");
    const c = await insertAutomaticSegment(t.db, ws, inSegment(b.publicId), "C");
    await expect(validateSegmentReferences(t.db, ws, inSegment(a.publicId), { publicId: a.publicId })).rejects.toThrow("A segment cannot include a condition on itself");
    await expect(validateSegmentReferences(t.db, ws, inSegment(c.publicId), { publicId: a.publicId })).rejects.toThrow(
      'That would make a loop: this segment → "C" → "B" → "A". A segment cannot depend on itself.',
    );
    await expect(validateSegmentReferences(t.db, ws, inSegment(b.publicId), { publicId: c.publicId })).resolves.toBeUndefined();
  });
});
