import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { devOutbox } from "@/db/schema";

export async function listOutboxMessages(db: DbOrTx, limit = 100) {
  return db
    .select({ publicId: devOutbox.publicId, to: devOutbox.to, subject: devOutbox.subject, createdAt: devOutbox.createdAt, attachments: devOutbox.attachments })
    .from(devOutbox)
    .orderBy(desc(devOutbox.id))
    .limit(limit);
}

const PUBLIC_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** By the message's random public id: the sequential row id never appears in a URL. */
export async function getOutboxMessage(db: DbOrTx, publicId: string) {
  if (!PUBLIC_ID.test(publicId)) return null;
  const [row] = await db.select().from(devOutbox).where(eq(devOutbox.publicId, publicId)).limit(1);
  return row ?? null;
}

/** Every http(s) link in an email body, so a developer can follow them without an email client. */
export function extractLinks(html: string): { href: string; text: string }[] {
  const links: { href: string; text: string }[] = [];
  const re = /<a\b[^>]*href="(https?:[^"]+)"[^>]*>([\s\S]*?)<\/a>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const href = m[1].replace(/&amp;/g, "&");
    const text = m[2].replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim() || href;
    if (!links.some((l) => l.href === href)) links.push({ href, text });
  }
  return links;
}
