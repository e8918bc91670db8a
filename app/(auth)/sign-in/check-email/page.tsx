import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { devOutboxEnabled } from "@/lib/email/send-email";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage() {
  // Rendered per request: prerendered at build time, the outbox link would follow the build's
  // environment (no DATABASE_URL there) rather than the server's.
  await connection();
  const devOutbox = devOutboxEnabled();
  return (
    <div className="rounded-xl border border-gray-200 bg-white p-8 shadow-sm">
      <h1 className="text-lg font-semibold">Check your email</h1>
      <p className="mt-2 text-sm text-gray-600">
        A sign-in link is on its way. Open it on this device to continue. The link expires in 24 hours.
      </p>
      {devOutbox ? (
        <p className="mt-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
          No email service is configured, so the message is in the{" "}
          <Link href="/dev/outbox" className="font-semibold underline">
            dev outbox
          </Link>
          .
        </p>
      ) : null}
      <Link href="/sign-in" className="mt-6 inline-block text-sm text-gray-600 underline">
        Use a different email
      </Link>
    </div>
  );
}
