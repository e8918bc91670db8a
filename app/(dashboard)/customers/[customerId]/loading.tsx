import { PageSkeleton } from "@/components/dashboard/page-skeleton";

export default function CustomerLoading() {
  return <PageSkeleton label="Loading the customer…" rows={6} />;
}
