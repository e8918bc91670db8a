import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function CustomerLoading() {
  return (
    <div role="status" aria-label="Loading the customer">
      <Skeleton className="mb-4 h-4 w-24" />
      <Skeleton className="h-7 w-64 max-w-full" />
      <Skeleton className="mt-2 mb-6 h-4 w-80 max-w-full" />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card className="space-y-3 p-5 lg:col-span-2">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-5 w-full" />
          ))}
        </Card>
        <Card className="space-y-3 p-5">
          <Skeleton className="h-5 w-32" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </Card>
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
