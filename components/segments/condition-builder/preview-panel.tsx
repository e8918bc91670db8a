"use client";

import { CircleAlert, Loader2, Users } from "lucide-react";
import Link from "next/link";
import type { PreviewData } from "@/lib/segments/preview-draft";
import type { LivePreview } from "./use-live-preview";

const n = (v: number) => v.toLocaleString("en-US");

function share(data: PreviewData): string {
  if (data.total === 0) return "0%";
  const pct = (100 * data.count) / data.total;
  return `${pct === 0 || pct >= 10 ? pct.toFixed(0) : pct < 0.1 ? "<0.1" : pct.toFixed(1)}%`;
}

/** Count, share of all customers, a few sample customers, and the plain-English summary. */
export function PreviewPanel({
  preview,
  summary,
  incomplete,
  currentCount,
}: {
  preview: LivePreview;
  summary: string | undefined;
  incomplete: boolean;
  currentCount?: number;
}) {
  const data = preview.status === "ready" ? preview.data : preview.status !== "idle" ? preview.last : undefined;
  const stale = preview.status === "estimating" || preview.status === "error";
  return (
    <section aria-labelledby="segment-preview-title" className="rounded-xl border border-gray-200 bg-white shadow-sm">
      <div className="flex items-center justify-between gap-2 border-b border-gray-100 px-4 py-3">
        <h2 id="segment-preview-title" className="text-sm font-semibold text-gray-900">
          Preview
        </h2>
        <p role="status" aria-live="polite" className="flex items-center gap-1.5 text-xs text-gray-500">
          {preview.status === "estimating" ? (
            <>
              <Loader2 aria-hidden className="size-3.5 animate-spin" /> Estimating…
            </>
          ) : preview.status === "ready" ? (
            `${n(preview.data.count)} matching`
          ) : null}
        </p>
      </div>
      <div className="space-y-4 px-4 py-4">
        {preview.status === "idle" ? (
          <p className="text-sm text-gray-600">
            {incomplete ? "Complete the conditions to see how many customers match." : "Add a condition to see how many customers match."}
          </p>
        ) : null}
        {data ? (
          <div className={stale ? "opacity-60 transition-opacity" : "transition-opacity"}>
            <p className="flex items-baseline gap-2">
              <span className="text-3xl font-semibold text-gray-900 tabular-nums">{n(data.count)}</span>
              <span className="text-sm text-gray-600">{data.count === 1 ? "customer" : "customers"}</span>
            </p>
            <p className="mt-1 text-sm text-gray-600">
              {share(data)} of {n(data.total)} customers
            </p>
            <div className="mt-2 h-1.5 overflow-hidden rounded-full bg-gray-100" aria-hidden>
              <div className="h-full rounded-full bg-brand-600" style={{ width: `${data.total ? Math.min(100, (100 * data.count) / data.total) : 0}%` }} />
            </div>
          </div>
        ) : preview.status === "estimating" ? (
          <p className="text-sm text-gray-600">Estimating…</p>
        ) : null}
        {currentCount !== undefined ? (
          <p className="text-sm text-gray-600">
            Now in the segment: <span className="font-medium text-gray-900 tabular-nums">{n(currentCount)}</span>
            {data && !stale ? (
              <span className="ml-1 text-gray-500">
                ({data.count - currentCount >= 0 ? "+" : "−"}
                {n(Math.abs(data.count - currentCount))} with this definition)
              </span>
            ) : null}
          </p>
        ) : null}
        {preview.status === "error" ? (
          <p role="alert" className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>{preview.error}</span>
          </p>
        ) : null}
        {summary ? (
          <div>
            <h3 className="text-xs font-semibold tracking-wide text-gray-500 uppercase">In plain English</h3>
            <p className="mt-1 text-sm text-gray-800">
              {summary.charAt(0).toUpperCase() + summary.slice(1)}
              {incomplete ? <span className="text-gray-500"> (and the conditions still being filled in)</span> : null}
            </p>
          </div>
        ) : null}
        {data && data.sample.length ? (
          <div className={stale ? "opacity-60" : undefined}>
            <h3 className="text-xs font-semibold tracking-wide text-gray-500 uppercase">Some of them</h3>
            <ul className="mt-1 divide-y divide-gray-100">
              {data.sample.slice(0, 6).map((c) => (
                <li key={c.customerId} className="py-1.5 text-sm">
                  <Link href={`/customers/${c.customerId}`} prefetch={false} className="block min-w-0 hover:underline" target="_blank">
                    <span className="block truncate font-medium text-gray-900">{c.name ?? c.email ?? `Customer ${c.customerId}`}</span>
                    {c.name && c.email ? <span className="block truncate text-xs text-gray-500">{c.email}</span> : null}
                    <span className="sr-only"> (opens in a new tab)</span>
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : data && data.count === 0 && !stale ? (
          <p className="flex items-center gap-2 text-sm text-gray-600">
            <Users aria-hidden className="size-4" /> No customer matches these conditions right now.
          </p>
        ) : null}
      </div>
    </section>
  );
}
