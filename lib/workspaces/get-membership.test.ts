import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { workspaceWithUser } from "@/tests/helpers/fixtures";
import { requireMembership } from "./get-membership";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

describe("requireMembership", () => {
  it("lets a member in with their role and keeps everyone else out", async () => {
    const a = await workspaceWithUser(t.db, "member", "A");
    const b = await workspaceWithUser(t.db, "owner", "B");
    await expect(requireMembership(t.db, a.user.id, a.workspaceId, "member")).resolves.toMatchObject({ role: "member" });
    await expect(requireMembership(t.db, a.user.id, b.workspaceId)).rejects.toThrow(/not a member/);
    await expect(requireMembership(t.db, a.user.id, "not-a-uuid")).rejects.toThrow(/not a member/);
  });

  it("refuses a viewer anything that needs a member", async () => {
    const v = await workspaceWithUser(t.db, "viewer");
    await expect(requireMembership(t.db, v.user.id, v.workspaceId, "member")).rejects.toThrow(/member role or higher/);
    await expect(requireMembership(t.db, v.user.id, v.workspaceId, "viewer")).resolves.toMatchObject({ role: "viewer" });
  });
});
