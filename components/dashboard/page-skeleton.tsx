import { Skeleton } from "@/components/ui/skeleton";

/**
 * What a dashboard route shows the moment a link is clicked, until the page's data arrives:
 * the shape of a header and a table, and a status line for screen readers.
 */
export function PageSkeleton({ label = "Loading…", rows = 8 }: { label?: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-4 w-full max-w-md" />
      </div>
      <div className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
        <div className="space-y-3">
          {Array.from({ length: rows }, (_, i) => (
            <Skeleton key={i} className="h-5 w-full" />
          ))}
        </div>
      </div>
    </div>
  );
}
