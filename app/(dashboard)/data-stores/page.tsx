import { Database } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { CreateDataStoreDialog } from "@/components/data-stores/create-data-store-dialog";
import { DataStoresTable } from "@/components/data-stores/data-stores-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { listDataStores } from "@/lib/data-stores/list-data-stores";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Data stores" };

export default async function DataStoresPage() {
  // Checks the session and workspace itself: a layout is not a security boundary.
  const { db, workspaceId, can } = await getWorkspaceContext();
  const stores = await listDataStores(db, workspaceId);
  const canCreate = can("member");
  return (
    <>
      <PageHeader
        title="Data stores"
        description="Keep manual segments in step with records you already maintain: link a data store to a manual segment for automated addition and removal of customers."
        actions={canCreate ? <CreateDataStoreDialog workspaceId={workspaceId} /> : null}
      />
      <Card>
        {stores.length === 0 ? (
          <EmptyState icon={<Database />} title="No data stores yet">
            <p>
              A data store is a named collection of records, each naming one customer by email or external ID. Link it to a manual segment:
              when a record is added, its customer joins the segment, and when the record is removed, the customer leaves it.
            </p>
            <p className="mt-3">
              {canCreate ? "Create a data store, then add records here, by CSV upload, or with the API." : "Members of this workspace can create data stores."}
            </p>
          </EmptyState>
        ) : (
          <DataStoresTable stores={stores} />
        )}
      </Card>
    </>
  );
}
