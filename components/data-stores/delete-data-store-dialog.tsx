"use client";

import { Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { deleteDataStoreAction } from "@/lib/actions/data-stores/delete-data-store";
import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";

/** "Delete data store": says how many records go and which segments are unlinked (their store-added customers leave). */
export function DeleteDataStoreDialog({ workspaceId, dataStoreId, name, recordCount, linkedSegments }: { workspaceId: string; dataStoreId: string; name: string; recordCount: number; linkedSegments: string[] }) {
  const records = `${recordCount.toLocaleString("en-US")} ${recordCount === 1 ? "record" : "records"}`;
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="secondary" className="text-red-700 hover:bg-red-50">
          <Trash2 aria-hidden />
          Delete data store
        </Button>
      }
      title={`Delete “${name}”?`}
      description={
        linkedSegments.length > 0
          ? `The data store and its ${records} will be deleted. ${linkedSegments.length === 1 ? "The segment" : "The segments"} ${linkedSegments.map((s) => `“${s}”`).join(", ")} will be unlinked, and the customers this store added leave ${linkedSegments.length === 1 ? "it" : "them"} (customers also added another way stay). Customers are never deleted. This cannot be undone.`
          : `The data store and its ${records} will be deleted. No segment follows it. Customers are never deleted. This cannot be undone.`
      }
      confirmLabel="Delete data store"
      pendingLabel="Deleting…"
      icon={<Trash2 aria-hidden />}
      run={() => deleteDataStoreAction(null, { workspaceId, dataStoreId })}
      afterHref="/data-stores"
    />
  );
}
