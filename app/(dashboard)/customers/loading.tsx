import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** Shown at once when the Customers tab is clicked, while the server renders the list. */
export default function CustomersLoading() {
  return (
    <div role="status" aria-label="Loading customers">
      <h1 className="text-2xl font-semibold tracking-tight text-gray-900">Customers</h1>
      <Skeleton className="mt-2 mb-6 h-4 w-96 max-w-full" />
      <Skeleton className="mb-4 h-9 w-full" />
      <Card className="divide-y divide-gray-100">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex items-center gap-4 px-4 py-3.5">
            <Skeleton className="h-4 w-56 max-w-[50%]" />
            <Skeleton className="h-4 w-32" />
            <Skeleton className="ml-auto hidden h-4 w-20 sm:block" />
          </div>
        ))}
      </Card>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
