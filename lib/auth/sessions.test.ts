import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { sessionEmail, signInThroughEmail, signOutThroughHandler } from "@/tests/helpers/auth";
import { endAllSessions } from "./end-sessions";

let t: TestDb;
beforeAll(async () => {
  process.env.AUTH_SECRET = "sessions-test-secret";
  t = await createTestDb();
});
afterAll(async () => t.close());

describe("sessions", () => {
  it("a copied session cookie stops working once its session signs out", async () => {
    const cookie = await signInThroughEmail(t.db, "copied@example.com");
    expect(await sessionEmail(cookie)).toBe("copied@example.com");
    const copy = cookie;
    await signOutThroughHandler(cookie);
    expect(await sessionEmail(copy)).toBeNull();
  });

  it("sign out everywhere ends every session of the user, and no one else's", async () => {
    const laptop = await signInThroughEmail(t.db, "everywhere@example.com");
    const phone = await signInThroughEmail(t.db, "everywhere@example.com");
    const someoneElse = await signInThroughEmail(t.db, "other@example.com");
    expect(await sessionEmail(phone)).toBe("everywhere@example.com");
    const [user] = await t.db.select().from(users).where(eq(users.email, "everywhere@example.com"));
    expect(await endAllSessions(t.db, user.id)).toBe(2);
    expect(await sessionEmail(laptop)).toBeNull();
    expect(await sessionEmail(phone)).toBeNull();
    expect(await sessionEmail(someoneElse)).toBe("other@example.com");
  });
});
