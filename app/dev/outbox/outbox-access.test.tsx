import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { devOutbox } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { EmailNotConfiguredError, sendEmail } from "@/lib/email/send-email";
import { MagicLinkEmail } from "@/lib/email/templates/magic-link-email";
import DevOutboxPage from "./page";
import DevOutboxMessagePage from "./[messageId]/page";
import * as attachmentRoute from "./[messageId]/attachments/[index]/route";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());
afterEach(() => {
  delete process.env.DATABASE_URL;
  delete process.env.LUMEN_DEV_OUTBOX;
});

const email = (url: string) => ({
  to: "victim@example.com",
  subject: "Sign in to Lumen",
  react: MagicLinkEmail({ url, host: "localhost:3000" }),
  attachments: [{ filename: "a.csv", contentType: "text/csv", content: Buffer.from("a\n") }],
});

/** What notFound() throws; Next turns it into the 404 page. */
const NOT_FOUND = expect.objectContaining({ digest: expect.stringContaining("404") });

describe("dev outbox access", () => {
  // A client-router request (RSC: 1 with a Next-Router-State-Tree that already holds the
  // outbox layout) renders only the page segment: the layout's check never runs. Rendering
  // the page component alone is exactly that request.
  it("refuses an RSC render of a message page (no layout) when the outbox is disabled", async () => {
    const sent = await sendEmail(email("http://localhost:3000/api/auth/callback/resend?token=secret-token"));
    process.env.DATABASE_URL = "postgres://db.example/lumen";
    await expect(DevOutboxMessagePage({ params: Promise.resolve({ messageId: sent.id }) })).rejects.toThrow(NOT_FOUND);
    await expect(DevOutboxPage()).rejects.toThrow(NOT_FOUND);
    const response = await attachmentRoute.GET(new Request("http://localhost/x"), {
      params: Promise.resolve({ messageId: sent.id, index: "0" }),
    });
    expect(response.status).toBe(404);
  });

  it("renders the message on the embedded default, addressed by a random id, never by the row number", async () => {
    const first = await sendEmail(email("http://localhost:3000/a"));
    const second = await sendEmail(email("http://localhost:3000/b"));
    for (const id of [first.id, second.id]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [{ rowId }] = await t.db.select({ rowId: devOutbox.id }).from(devOutbox).limit(1);
    await expect(DevOutboxMessagePage({ params: Promise.resolve({ messageId: String(rowId) }) })).rejects.toThrow(NOT_FOUND);
    const page = await DevOutboxMessagePage({ params: Promise.resolve({ messageId: second.id }) });
    expect(JSON.stringify(page)).toContain("http://localhost:3000/b");
  });

  it("with DATABASE_URL and no RESEND_API_KEY, sending fails with a clear error and stores nothing", async () => {
    process.env.DATABASE_URL = "postgres://db.example/lumen";
    const before = (await t.db.select({ n: count() }).from(devOutbox))[0].n;
    await expect(sendEmail(email("http://localhost:3000/c"))).rejects.toThrow(EmailNotConfiguredError);
    await expect(sendEmail(email("http://localhost:3000/c"))).rejects.toThrow(/set RESEND_API_KEY/);
    expect((await t.db.select({ n: count() }).from(devOutbox))[0].n).toBe(before);
  });
});
