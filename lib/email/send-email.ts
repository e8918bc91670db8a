import "server-only";
import type { ReactElement } from "react";
import { render } from "@react-email/render";
import { Resend } from "resend";
import { getDb } from "@/db/client";
import { devOutbox, type OutboxAttachment } from "@/db/schema";

export type EmailAttachment = { filename: string; contentType: string; content: Buffer };

export type SendEmailInput = {
  to: string;
  subject: string;
  react: ReactElement;
  attachments?: EmailAttachment[];
  /**
   * Resend's idempotency key: a retried send with the same key is not delivered twice
   * (Resend keeps keys for 24 hours). Jobs that may retry a send pass one.
   */
  idempotencyKey?: string;
};

export type SendEmailResult = { transport: "resend" | "dev-outbox"; id: string };

export function emailFrom(): string {
  return process.env.EMAIL_FROM ?? "Lumen <no-reply@lumen.local>";
}

/** "none": no email service and no dev outbox (an external database without RESEND_API_KEY). */
export function emailTransport(env: Record<string, string | undefined> = process.env): "resend" | "dev-outbox" | "none" {
  if (env.RESEND_API_KEY) return "resend";
  return devOutboxEnabled(env) ? "dev-outbox" : "none";
}

export const EMAIL_NOT_CONFIGURED =
  "Email is not configured: set RESEND_API_KEY (and EMAIL_FROM) to send sign-in links and invitations. " +
  "The dev outbox is only available on the embedded default (no DATABASE_URL).";

export class EmailNotConfiguredError extends Error {
  constructor() {
    super(EMAIL_NOT_CONFIGURED);
    this.name = "EmailNotConfiguredError";
  }
}

/**
 * The only way Lumen sends email. Resend when RESEND_API_KEY is set; on the embedded default
 * the message is stored in the dev outbox (shown at /dev/outbox) and logged, so a fresh clone
 * needs no email account. Otherwise it refuses: sign-in links are never written into a table
 * nobody is meant to read. Errors are thrown, never swallowed: callers (jobs) retry.
 */
export async function sendEmail(input: SendEmailInput): Promise<SendEmailResult> {
  const transport = emailTransport();
  if (transport === "none") throw new EmailNotConfiguredError();
  const [html, text] = await Promise.all([render(input.react), render(input.react, { plainText: true })]);
  const from = emailFrom();

  if (transport === "resend") {
    // Created per call: no client instance at module load in serverless code.
    const resend = new Resend(process.env.RESEND_API_KEY);
    const { data, error } = await resend.emails.send({
      from,
      to: input.to,
      subject: input.subject,
      html,
      text,
      attachments: input.attachments?.map((a) => ({
        filename: a.filename,
        content: a.content.toString("base64"),
        contentType: a.contentType,
      })),
    }, input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : undefined);
    if (error || !data) throw new Error(`Email to ${input.to} failed: ${error?.message ?? "no response from Resend"}`);
    return { transport: "resend", id: data.id };
  }

  const attachments: OutboxAttachment[] = (input.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    contentBase64: a.content.toString("base64"),
  }));
  const db = await getDb();
  const [row] = await db
    .insert(devOutbox)
    .values({ to: input.to, from, subject: input.subject, html, text, attachments })
    .returning({ publicId: devOutbox.publicId });
  console.info(`[dev-outbox] email to ${input.to}: "${input.subject}" (open /dev/outbox to read it)`);
  return { transport: "dev-outbox", id: row.publicId };
}

/**
 * The dev outbox page shows every stored email, sign-in links included, to anyone who
 * can reach it. So it exists only on the embedded default (no email service and no
 * external database), or when LUMEN_DEV_OUTBOX=1 is set explicitly for local testing.
 */
export function devOutboxEnabled(env: Record<string, string | undefined> = process.env): boolean {
  if (env.LUMEN_DEV_OUTBOX === "1") return true;
  return !env.RESEND_API_KEY && !env.DATABASE_URL;
}
