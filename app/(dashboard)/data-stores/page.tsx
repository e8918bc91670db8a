import { Database } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Data stores" };

export default async function DataStoresPage() {
  // Only for the sign-in redirect and the membership check: there is nothing to load yet.
  await getWorkspaceContext();
  return (
    <>
      <PageHeader title="Data stores" description="Keep manual segments in step with records you already maintain." />
      <Card>
        <EmptyState icon={<Database />} title="No data stores yet">
          <p>
            Link a data store to a manual segment for automated addition and removal of customers: when a record is added
            to the store, its customer joins the segment, and when the record is removed, the customer leaves it.
          </p>
          <p className="mt-3">Data stores are not available in this version of Lumen yet; they come in a later release.</p>
        </EmptyState>
      </Card>
    </>
  );
}
