import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function EditSegmentLoading() {
  return (
    <div role="status" aria-label="Loading">
      <Skeleton className="mb-4 h-4 w-32" />
      <h1 className="mb-6 text-2xl font-semibold tracking-tight text-gray-900">Edit segment</h1>
      <Card className="mb-6 space-y-4 p-5">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-16 w-full" />
      </Card>
      <Card className="space-y-3 p-5">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
      </Card>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
