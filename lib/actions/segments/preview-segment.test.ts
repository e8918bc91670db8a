import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { addMember, createUser, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { insertAutomaticSegment, insertCustomers } from "@/tests/helpers/segment-fixtures";
import { workspaceState } from "@/tests/helpers/workspace-state";
import type { ConditionTree } from "@/lib/segments/condition-schema";
import { previewSegmentAction } from "./preview-segment";

vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

const germans: ConditionTree = {
  type: "group",
  operator: "and",
  conditions: [{ type: "location", field: "country", operator: "is_one_of", values: ["DE"] }],
};

async function workspaceWithCustomers(role: "owner" | "viewer" = "owner") {
  const { user: owner, workspaceId } = await workspaceWithUser(t.db, "owner");
  const ids = await insertCustomers(t.db, workspaceId, [
    { attributes: { first_name: "Ada", last_name: "L" }, country: "DE" },
    { attributes: { name: "Bo" }, country: "DE" },
    { attributes: {}, country: "FR" },
  ]);
  if (role === "owner") return { user: owner, workspaceId, ids };
  const viewer = await createUser(t.db);
  await addMember(t.db, workspaceId, viewer.id, "viewer");
  return { user: viewer, workspaceId, ids };
}

describe("previewSegmentAction", () => {
  it("lets a viewer preview: count, share of all customers, a sample and the summary, and writes nothing", async () => {
    const { user, workspaceId, ids } = await workspaceWithCustomers("viewer");
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(user);

    const result = await previewSegmentAction(null, { workspaceId, conditions: JSON.stringify(germans) });

    expect(result).toEqual({
      ok: true,
      message: undefined,
      data: {
        count: 2,
        total: 3,
        sample: [
          { customerId: ids[1], email: expect.any(String), name: "Bo" },
          { customerId: ids[0], email: expect.any(String), name: "Ada L" },
        ],
        summary: 'Country is "DE"',
      },
    });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it("names referenced segments in the summary and takes FormData as a form would send it", async () => {
    const { user, workspaceId } = await workspaceWithCustomers();
    const vip = await insertAutomaticSegment(t.db, workspaceId, germans, "VIP");
    await signInAs(user);
    const form = new FormData();
    form.set("workspaceId", workspaceId);
    form.set("conditions", JSON.stringify({ type: "group", operator: "and", conditions: [{ type: "segment", operator: "not_in", segmentId: vip.publicId }] }));

    const result = await previewSegmentAction(null, form);

    expect(result).toMatchObject({ ok: true, data: { summary: 'is not in "VIP"', total: 3 } });
  });

  it("refuses a user of another workspace, and shows nothing of it", async () => {
    const a = await workspaceWithCustomers();
    const b = await workspaceWithUser(t.db, "owner", "B");
    await signInAs(b.user);

    const result = await previewSegmentAction(null, { workspaceId: a.workspaceId, conditions: JSON.stringify(germans) });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not a member/) });
    expect(result.ok ? result.data : undefined).toBeUndefined();
  });

  it("asks to sign in again without a session", async () => {
    const { workspaceId } = await workspaceWithCustomers();
    await signInAs(null);
    expect(await previewSegmentAction(null, { workspaceId, conditions: JSON.stringify(germans) })).toMatchObject({ ok: false, error: expect.stringMatching(/sign in/) });
  });

  it.each([
    ["not JSON", "{nope", /not valid JSON/],
    ["no conditions", undefined, /Send the conditions/],
    ["an empty tree", JSON.stringify({ type: "group", operator: "and", conditions: [] }), /A group needs at least one condition/],
    [
      "a number that is not one",
      JSON.stringify({ type: "group", operator: "and", conditions: [{ type: "attribute", key: "ltv", filter: { operator: "gt", value: "lots" } }] }),
      /Enter a number/,
    ],
    [
      "a missing segment",
      JSON.stringify({ type: "group", operator: "and", conditions: [{ type: "segment", operator: "in", segmentId: "seg_missing" }] }),
      /refers to a segment that does not exist/,
    ],
  ])("answers %s with a clear message", async (_label, conditions, message) => {
    const { user, workspaceId } = await workspaceWithCustomers();
    await signInAs(user);
    const result = await previewSegmentAction(null, { workspaceId, ...(conditions === undefined ? {} : { conditions }) });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(message) });
  });

  it("refuses a draft that refers to the segment being edited, or loops back to it", async () => {
    const { user, workspaceId } = await workspaceWithCustomers();
    const base = await insertAutomaticSegment(t.db, workspaceId, germans, "Base");
    const onTop = await insertAutomaticSegment(
      t.db,
      workspaceId,
      { type: "group", operator: "and", conditions: [{ type: "segment", operator: "in", segmentId: base.publicId }] },
      "On top",
    );
    await signInAs(user);
    const refersTo = (id: string) => JSON.stringify({ type: "group", operator: "and", conditions: [{ type: "segment", operator: "in", segmentId: id }] });

    expect(await previewSegmentAction(null, { workspaceId, segmentId: base.publicId, conditions: refersTo(base.publicId) })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cannot include a condition on itself/),
    });
    expect(await previewSegmentAction(null, { workspaceId, segmentId: base.publicId, conditions: refersTo(onTop.publicId) })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/loop/),
    });
  });
});
