import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { format } from "date-fns";
import { getDb } from "@/db/client";
import { devOutboxEnabled } from "@/lib/email/send-email";
import { extractLinks, getOutboxMessage } from "@/lib/dev-outbox/dev-outbox";

export const metadata: Metadata = { title: "Dev outbox" };

export default async function DevOutboxMessagePage({ params }: { params: Promise<{ messageId: string }> }) {
  // Checked here, not only in the layout: a client-router (RSC) request renders the page without its layout.
  if (!devOutboxEnabled()) notFound();
  const { messageId } = await params;
  const message = await getOutboxMessage(await getDb(), messageId);
  if (!message) notFound();
  // Links inside the rendered email must open in the whole window, not inside the frame.
  const srcDoc = message.html.replace(/<head>/i, '<head><base target="_top">');
  const links = extractLinks(message.html);
  return (
    <article className="space-y-4">
      <div className="rounded-xl border border-gray-200 bg-white p-4 text-sm">
        <h1 className="text-base font-semibold">{message.subject}</h1>
        <dl className="mt-2 grid grid-cols-[5rem_1fr] gap-y-1 text-gray-700">
          <dt className="text-gray-500">From</dt>
          <dd>{message.from}</dd>
          <dt className="text-gray-500">To</dt>
          <dd>{message.to}</dd>
          <dt className="text-gray-500">Sent</dt>
          <dd>{format(message.createdAt, "PPpp")}</dd>
        </dl>
        {links.length > 0 ? (
          <div className="mt-3">
            <h2 className="text-gray-500">Links in this email</h2>
            <ul className="mt-1 space-y-1">
              {links.map((link) => (
                <li key={link.href}>
                  <a href={link.href} className="break-all font-medium text-brand-700 underline">
                    {link.text}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {message.attachments.length > 0 ? (
          <div className="mt-3">
            <h2 className="text-gray-500">Attachments</h2>
            <ul className="mt-1 space-y-1">
              {message.attachments.map((a, index) => (
                <li key={index}>
                  <a href={`/dev/outbox/${message.publicId}/attachments/${index}`} download={a.filename} className="text-brand-700 underline">
                    {a.filename}
                  </a>{" "}
                  <span className="text-gray-500">({Math.ceil((a.contentBase64.length * 3) / 4 / 1024)} KB)</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <iframe
        title="Email body"
        srcDoc={srcDoc}
        sandbox="allow-same-origin allow-top-navigation-by-user-activation allow-popups"
        className="h-[560px] w-full rounded-xl border border-gray-200 bg-white"
      />
    </article>
  );
}
