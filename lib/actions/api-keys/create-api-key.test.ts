import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { displayPrefix, hashApiKey } from "@/lib/api-keys/hash-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { addMember, createUser, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { auditEntries, workspaceState } from "@/tests/helpers/workspace-state";
import { createApiKeyAction } from "./create-api-key";

// A factory, not automock: automocking would load the real module, and with it next-auth.
vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

/** Every row of every table in the app's schema, as text: where a leaked secret would show up. */
async function wholeDatabaseAsText(): Promise<string> {
  const tables = await queryRows<{ table_name: string }>(
    t.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const dumps = await Promise.all(
    tables.map(async ({ table_name }) => JSON.stringify(await queryRows(t.db, sql`select * from ${sql.identifier(table_name)}`))),
  );
  return dumps.join("\n");
}

describe("createApiKeyAction", () => {
  it("returns the full key once and stores only its hash and display prefix", async () => {
    const { user, workspaceId } = await workspaceWithUser(t.db, "admin");
    await signInAs(user);

    const result = await createApiKeyAction(null, { workspaceId, name: " Website ", kind: "write" });

    expect(result.ok).toBe(true);
    const data = result.ok ? result.data! : undefined;
    expect(data?.key).toMatch(/^lk_write_[A-Za-z0-9_-]{32}$/);
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, workspaceId));
    expect(row).toMatchObject({ name: "Website", kind: "write", hash: hashApiKey(data!.key), prefix: displayPrefix(data!.key), createdBy: user.id });
    expect(data).toEqual({ id: row.id, name: "Website", prefix: row.prefix, key: data!.key });

    expect(await wholeDatabaseAsText()).not.toContain(data!.key);
    expect(await auditEntries(t.db, workspaceId)).toEqual([
      { action: "api_key.created", actorUserId: user.id, target: row.id, data: { name: "Website", kind: "write", prefix: row.prefix } },
    ]);
    expect(await listApiKeys(t.db, workspaceId)).toEqual([
      { id: row.id, name: "Website", kind: "write", prefix: row.prefix, createdAt: expect.any(Date), lastUsedAt: null },
    ]);
  });

  it("makes secret keys with their own prefix, and a different key every time", async () => {
    const { user, workspaceId } = await workspaceWithUser(t.db, "owner");
    await signInAs(user);
    const first = await createApiKeyAction(null, { workspaceId, name: "Server", kind: "secret" });
    const second = await createApiKeyAction(null, { workspaceId, name: "Server", kind: "secret" });
    const keys = [first, second].map((r) => (r.ok ? r.data?.key : undefined));
    expect(keys[0]).toMatch(/^lk_secret_/);
    expect(keys[1]).toMatch(/^lk_secret_/);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it.each([
    ["an empty name", { name: "   ", kind: "write" }, /Name the key/, "name"],
    ["a name that is too long", { name: "k".repeat(81), kind: "write" }, /80 characters/, "name"],
    ["an unknown kind", { name: "Website", kind: "admin" }, /write or secret/, "kind"],
  ])("rejects %s with a clear message and creates nothing", async (_label, input, message, field) => {
    const { user, workspaceId } = await workspaceWithUser(t.db, "admin");
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(user);

    const result = await createApiKeyAction(null, { workspaceId, ...input });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(message), fieldErrors: { [field]: [expect.stringMatching(message)] } });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it("refuses a user of another workspace and creates nothing there", async () => {
    const a = await workspaceWithUser(t.db, "owner", "A");
    const b = await workspaceWithUser(t.db, "owner", "B");
    const before = await workspaceState(t.db, a.workspaceId);
    await signInAs(b.user);

    const result = await createApiKeyAction(null, { workspaceId: a.workspaceId, name: "Exfiltrate", kind: "secret" });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not a member/) });
    expect(result.ok ? result.data : undefined).toBeUndefined();
    expect(await workspaceState(t.db, a.workspaceId)).toEqual(before);
  });

  it.each(["viewer", "member"] as const)("refuses a %s", async (role) => {
    const { workspaceId } = await workspaceWithUser(t.db, "owner");
    const user = await createUser(t.db);
    await addMember(t.db, workspaceId, user.id, role);
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(user);

    const result = await createApiKeyAction(null, { workspaceId, name: "Mine", kind: "write" });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/admin role or higher/) });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });

  it("asks to sign in again when there is no session", async () => {
    const { workspaceId } = await workspaceWithUser(t.db, "owner");
    const before = await workspaceState(t.db, workspaceId);
    await signInAs(null);
    expect(await createApiKeyAction(null, { workspaceId, name: "X", kind: "write" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/sign in/),
    });
    expect(await workspaceState(t.db, workspaceId)).toEqual(before);
  });
});
