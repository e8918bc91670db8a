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

const namedEntities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Turns HTML character references (&amp;, &#8202;, &#x2026;) back into the characters they stand for. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return namedEntities[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Every http(s) link in an email body, so a developer can follow them without an email client. */
export function extractLinks(html: string): { href: string; text: string }[] {
  const links: { href: string; text: string }[] = [];
  const re = /<a\b[^>]*href="(https?:[^"]+)"[^>]*>([\s\S]*?)<\/a>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const href = decodeHtmlEntities(m[1]);
    // React Email pads buttons with hair spaces written as &#8202;: decode, then fold white space.
    const text = decodeHtmlEntities(m[2].replace(/<[^>]+>/g, "")).replace(/\s+/g, " ").trim() || href;
    if (!links.some((l) => l.href === href)) links.push({ href, text });
  }
  return links;
}
