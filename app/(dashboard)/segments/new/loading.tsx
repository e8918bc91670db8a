import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function NewSegmentLoading() {
  return (
    <div role="status" aria-label="Loading">
      <Skeleton className="mb-4 h-4 w-24" />
      <h1 className="mb-6 text-2xl font-semibold tracking-tight text-gray-900">Create New Segment</h1>
      <Card className="space-y-5 p-5">
        <Skeleton className="h-4 w-48" />
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-16 w-full" />
        <div className="grid gap-3 sm:grid-cols-2">
          <Skeleton className="h-24" />
          <Skeleton className="h-24" />
        </div>
      </Card>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
