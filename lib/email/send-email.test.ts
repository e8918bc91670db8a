import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { devOutbox } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { MagicLinkEmail } from "./templates/magic-link-email";
import { devOutboxEnabled, sendEmail } from "./send-email";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());
afterEach(() => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
});

/** A stand-in for Resend's HTTP API, so the real SDK is exercised without the internet. */
async function fakeResend(status: number, body: unknown) {
  const received: { path: string; auth: string; body: Record<string, unknown> }[] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", auth: req.headers.authorization ?? "", body: JSON.parse(raw) });
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("sendEmail", () => {
  it("stores the rendered email with attachments in the dev outbox when no Resend key is set", async () => {
    const result = await sendEmail({
      to: "a@example.com",
      subject: "Hello",
      react: MagicLinkEmail({ url: "http://localhost:3000/api/auth/callback/resend?token=abc", host: "localhost:3000" }),
      attachments: [{ filename: "x.csv", contentType: "text/csv", content: Buffer.from("a,b\n1,2\n") }],
    });
    expect(result.transport).toBe("dev-outbox");
    const [row] = await t.db.select().from(devOutbox);
    expect(row.html).toContain("token=abc");
    expect(row.text).toContain("Sign in to Lumen");
    expect(Buffer.from(row.attachments[0].contentBase64, "base64").toString()).toBe("a,b\n1,2\n");
  });

  it("sends through Resend's API when RESEND_API_KEY is set, and stores nothing locally", async () => {
    const api = await fakeResend(200, { id: "email_123" });
    process.env.RESEND_API_KEY = "re_test";
    process.env.RESEND_BASE_URL = api.url;
    const before = (await t.db.select({ n: count() }).from(devOutbox))[0].n;
    const result = await sendEmail({
      to: "b@example.com",
      subject: "Report",
      react: MagicLinkEmail({ url: "http://x/y", host: "x" }),
      attachments: [{ filename: "r.csv", contentType: "text/csv", content: Buffer.from("id\n1\n") }],
    });
    await api.close();
    expect(result).toEqual({ transport: "resend", id: "email_123" });
    expect(api.received[0].path).toBe("/emails");
    expect(api.received[0].auth).toBe("Bearer re_test");
    expect(api.received[0].body).toMatchObject({ to: "b@example.com", subject: "Report" });
    expect((api.received[0].body.attachments as { content: string }[])[0].content).toBe(Buffer.from("id\n1\n").toString("base64"));
    expect((await t.db.select({ n: count() }).from(devOutbox))[0].n).toBe(before);
  });

  it("throws when Resend refuses, so the job that sent it retries", async () => {
    const api = await fakeResend(422, { name: "validation_error", message: "Invalid `to` field", statusCode: 422 });
    process.env.RESEND_API_KEY = "re_test";
    process.env.RESEND_BASE_URL = api.url;
    await expect(
      sendEmail({ to: "bad", subject: "x", react: MagicLinkEmail({ url: "http://x/y", host: "x" }) }),
    ).rejects.toThrow(/Invalid `to` field/);
    await api.close();
  });

  it("only offers the dev outbox on the embedded default", () => {
    expect(devOutboxEnabled({})).toBe(true);
    expect(devOutboxEnabled({ RESEND_API_KEY: "re_x" })).toBe(false);
    expect(devOutboxEnabled({ DATABASE_URL: "postgres://x" })).toBe(false);
    expect(devOutboxEnabled({ DATABASE_URL: "postgres://x", LUMEN_DEV_OUTBOX: "1" })).toBe(true);
  });
});
