import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { devOutboxEnabled } from "@/lib/email/send-email";

export const dynamic = "force-dynamic";

export default function DevOutboxLayout({ children }: { children: ReactNode }) {
  // Shows sign-in links to anyone: never available outside the embedded default.
  if (!devOutboxEnabled()) notFound();
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <header className="mb-6 flex items-center justify-between">
        <Link href="/dev/outbox" className="text-lg font-semibold">
          Dev outbox
        </Link>
        <Link href="/segments" className="text-sm text-brand-700 underline">
          Back to Lumen
        </Link>
      </header>
      <p className="mb-6 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
        No email service is configured (RESEND_API_KEY is not set), so every email Lumen sends lands here instead.
      </p>
      {children}
    </div>
  );
}
