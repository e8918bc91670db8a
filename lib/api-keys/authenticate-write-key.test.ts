import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { apiKeys } from "@/db/schema";
import { workspaceWithUser } from "@/tests/helpers/fixtures";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { authenticateWriteKey, WRITE_KEY_TRUST_MS } from "./authenticate-write-key";
import { createApiKey } from "./create-api-key";
import { hashApiKey } from "./hash-api-key";
import { revokeApiKey } from "./revoke-api-key";

let t: TestDb;
let owner: Awaited<ReturnType<typeof workspaceWithUser>>;
let other: Awaited<ReturnType<typeof workspaceWithUser>>;
beforeAll(async () => {
  t = await createTestDb();
  owner = await workspaceWithUser(t.db);
  other = await workspaceWithUser(t.db, "owner", "Other");
});
afterAll(async () => t.close());
afterEach(() => vi.useRealTimers());

const newKey = (workspace: typeof owner, kind: "write" | "secret" = "write") =>
  createApiKey(t.db, workspace.workspaceId, { actorUserId: workspace.user.id, name: "k", kind });
const revokeBySql = (key: string) => t.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.hash, hashApiKey(key)));

describe("authenticateWriteKey", () => {
  it("answers each key with its own workspace, and never a secret, unknown or empty key", async () => {
    const a = await newKey(owner);
    const b = await newKey(other);
    const secret = await newKey(owner, "secret");
    expect(await authenticateWriteKey(t.db, a.key)).toMatchObject({ workspaceId: owner.workspaceId });
    expect(await authenticateWriteKey(t.db, b.key)).toMatchObject({ workspaceId: other.workspaceId });
    // Asked again (now from the cache): still each its own.
    expect(await authenticateWriteKey(t.db, a.key)).toMatchObject({ workspaceId: owner.workspaceId });
    expect(await authenticateWriteKey(t.db, b.key)).toMatchObject({ workspaceId: other.workspaceId });
    expect(await authenticateWriteKey(t.db, secret.key)).toBeNull();
    expect(await authenticateWriteKey(t.db, "lk_write_unknown")).toBeNull();
    expect(await authenticateWriteKey(t.db, "")).toBeNull();
  });

  it("a key revoked in the app is refused at once, though this process had checked it", async () => {
    const { id, key } = await newKey(owner);
    expect(await authenticateWriteKey(t.db, key)).not.toBeNull();
    await revokeApiKey(t.db, owner.workspaceId, { actorUserId: owner.user.id, keyId: id });
    expect(await authenticateWriteKey(t.db, key)).toBeNull();
  });

  it("a key revoked elsewhere (another server process) is trusted here for at most WRITE_KEY_TRUST_MS", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { key } = await newKey(owner);
    expect(await authenticateWriteKey(t.db, key)).not.toBeNull();
    await revokeBySql(key);
    vi.setSystemTime(Date.now() + WRITE_KEY_TRUST_MS - 1_000);
    expect(await authenticateWriteKey(t.db, key)).not.toBeNull();
    vi.setSystemTime(Date.now() + 1_001);
    expect(await authenticateWriteKey(t.db, key)).toBeNull();
  });

  it("does not remember an unknown key: one created afterwards is accepted at once", async () => {
    const { key } = await newKey(owner);
    await t.db.update(apiKeys).set({ kind: "secret" }).where(eq(apiKeys.hash, hashApiKey(key)));
    expect(await authenticateWriteKey(t.db, key)).toBeNull();
    await t.db.update(apiKeys).set({ kind: "write" }).where(eq(apiKeys.hash, hashApiKey(key)));
    expect(await authenticateWriteKey(t.db, key)).toMatchObject({ workspaceId: owner.workspaceId });
  });
});
