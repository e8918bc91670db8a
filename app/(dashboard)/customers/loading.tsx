import { PageSkeleton } from "@/components/dashboard/page-skeleton";

export default function CustomersLoading() {
  return <PageSkeleton label="Loading customers…" rows={12} />;
}
