import { PageSkeleton } from "@/components/dashboard/page-skeleton";

// Every dashboard route without a loading screen of its own shows this at once on navigation.
export default function DashboardLoading() {
  return <PageSkeleton />;
}
