import type { Metadata } from "next";
import Link from "next/link";
import { formatDistanceToNow } from "date-fns";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { devOutboxEnabled } from "@/lib/email/send-email";
import { listOutboxMessages } from "@/lib/dev-outbox/dev-outbox";

export const metadata: Metadata = { title: "Dev outbox" };

export default async function DevOutboxPage() {
  // Checked here, not only in the layout: a client-router (RSC) request renders the page without its layout.
  if (!devOutboxEnabled()) notFound();
  const messages = await listOutboxMessages(await getDb());
  if (messages.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-gray-300 bg-white p-10 text-center">
        <h1 className="font-semibold">No emails yet</h1>
        <p className="mt-1 text-sm text-gray-600">Sign-in links, invitations and exports will show up here.</p>
      </div>
    );
  }
  return (
    <div className="overflow-hidden rounded-xl border border-gray-200 bg-white">
      <h1 className="sr-only">Emails</h1>
      <ul className="divide-y divide-gray-100">
        {messages.map((m) => (
          <li key={m.publicId}>
            <Link href={`/dev/outbox/${m.publicId}`} className="flex items-center justify-between gap-4 px-4 py-3 hover:bg-gray-50">
              <span className="min-w-0">
                <span className="block truncate font-medium">{m.subject}</span>
                <span className="block truncate text-sm text-gray-600">To {m.to}</span>
              </span>
              <span className="shrink-0 text-right text-xs text-gray-500">
                {formatDistanceToNow(m.createdAt, { addSuffix: true })}
                {m.attachments.length > 0 ? <span className="block">📎 {m.attachments.length}</span> : null}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
