import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * Shown at once when Upload CSV or Remove by CSV is opened. Without it the segment page's own
 * skeleton (chart, members) stood in for a page that has neither.
 */
export default function SegmentImportLoading() {
  return (
    <div role="status" aria-label="Loading">
      <Skeleton className="mb-4 h-4 w-32" />
      <Skeleton className="mb-2 h-7 w-56 max-w-full" />
      <Skeleton className="mb-6 h-4 w-96 max-w-full" />
      <Card className="space-y-4 p-5">
        <Skeleton className="h-4 w-40" />
        <Skeleton className="h-28 w-full" />
        <Skeleton className="h-9 w-36" />
      </Card>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
