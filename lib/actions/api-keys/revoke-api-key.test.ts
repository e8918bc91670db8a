import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { addMember, createUser, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { auditEntries, workspaceState } from "@/tests/helpers/workspace-state";
import { revokeApiKeyAction } from "./revoke-api-key";

// A factory, not automock: automocking would load the real module, and with it next-auth.
vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

async function workspaceWithKey(role: "owner" | "admin" = "admin", name = "Acme") {
  const { user, workspaceId } = await workspaceWithUser(t.db, role, name);
  const key = await createApiKey(t.db, workspaceId, { actorUserId: user.id, name: "Website", kind: "write" });
  return { user, workspaceId, keyId: key.id, prefix: key.prefix };
}

describe("revokeApiKeyAction", () => {
  it("revokes the key: it leaves the list, the row stays for the record, the audit log names it", async () => {
    const { user, workspaceId, keyId, prefix } = await workspaceWithKey();
    await signInAs(user);

    const result = await revokeApiKeyAction(null, { workspaceId, keyId });

    expect(result).toMatchObject({ ok: true, message: 'API key "Website" revoked.' });
    expect(await listApiKeys(t.db, workspaceId)).toEqual([]);
    expect((await workspaceState(t.db, workspaceId)).keys).toEqual([{ id: keyId, name: "Website", revokedAt: expect.any(Date) }]);
    expect((await auditEntries(t.db, workspaceId)).at(-1)).toEqual({
      action: "api_key.revoked",
      actorUserId: user.id,
      target: keyId,
      data: { name: "Website", prefix },
    });
  });

  it("says clearly when the key is already revoked, and changes nothing", async () => {
    const { user, workspaceId, keyId } = await workspaceWithKey();
    await signInAs(user);
    await revokeApiKeyAction(null, { workspaceId, keyId });
    const before = await workspaceState(t.db, workspaceId);

    expect(await revokeApiKeyAction(null, { workspaceId, keyId })).toEqual({
      ok: false,
      error: "That API key does not exist or was already revoked.",
    });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it.each([
    ["an unknown key id", "7f1c0b8e-4a4e-4b7e-9a7a-2f6f1f0e9c11", /does not exist/],
    ["a malformed key id", "lk_write_abc", /does not exist/],
    ["no key id", undefined, /does not exist/],
  ])("rejects %s with a clear message and changes nothing", async (_label, keyId, message) => {
    const { user, workspaceId } = await workspaceWithKey();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(user);

    expect(await revokeApiKeyAction(null, { workspaceId, keyId })).toMatchObject({ ok: false, error: expect.stringMatching(message) });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it("refuses a user of another workspace, directly or through their own workspace", async () => {
    const a = await workspaceWithKey("owner", "A");
    const b = await workspaceWithUser(t.db, "owner", "B");
    const before = await workspaceState(t.db, a.workspaceId);
    await signInAs(b.user);

    expect(await revokeApiKeyAction(null, { workspaceId: a.workspaceId, keyId: a.keyId })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a member/),
    });
    expect(await revokeApiKeyAction(null, { workspaceId: b.workspaceId, keyId: a.keyId })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/does not exist/),
    });
    expect(await workspaceState(t.db, a.workspaceId)).toEqual(before);
  });

  it.each(["viewer", "member"] as const)("refuses a %s", async (role) => {
    const { workspaceId, keyId } = await workspaceWithKey("owner");
    const user = await createUser(t.db);
    await addMember(t.db, workspaceId, user.id, role);
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(user);

    expect(await revokeApiKeyAction(null, { workspaceId, keyId })).toMatchObject({ ok: false, error: expect.stringMatching(/admin role or higher/) });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it("asks to sign in again when there is no session", async () => {
    const { workspaceId, keyId } = await workspaceWithKey();
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(null);
    expect(await revokeApiKeyAction(null, { workspaceId, keyId })).toMatchObject({ ok: false, error: expect.stringMatching(/sign in/) });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });
});
