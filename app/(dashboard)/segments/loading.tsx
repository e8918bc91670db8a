import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** Shown at once when the Segments tab is clicked, while the server renders the list. */
export default function SegmentsLoading() {
  return (
    <div role="status" aria-label="Loading segments">
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-gray-900">Segments</h1>
          <Skeleton className="mt-2 h-4 w-80 max-w-full" />
        </div>
        <Skeleton className="h-9 w-44" />
      </div>
      <Skeleton className="mb-4 h-9 w-full" />
      <Card className="divide-y divide-gray-100">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex items-center gap-4 px-4 py-4">
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-48 max-w-full" />
              <Skeleton className="h-3 w-72 max-w-full" />
            </div>
            <Skeleton className="h-4 w-16" />
            <Skeleton className="hidden h-4 w-24 md:block" />
          </div>
        ))}
      </Card>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
