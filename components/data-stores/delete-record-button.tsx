"use client";

import { Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { deleteDataStoreRecordAction } from "@/lib/actions/data-stores/delete-data-store-record";
import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";

export function DeleteRecordButton({ workspaceId, dataStoreId, recordKey }: { workspaceId: string; dataStoreId: string; recordKey: string }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Delete record ${recordKey}`}>
          <Trash2 aria-hidden />
          <span className="hidden sm:inline">Delete</span>
        </Button>
      }
      title={`Delete record “${recordKey}”?`}
      description="The record is removed from this data store. If a linked segment has its customer only because of this record, the customer leaves that segment. The customer is not deleted."
      confirmLabel="Delete record"
      pendingLabel="Deleting…"
      icon={<Trash2 aria-hidden />}
      run={() => deleteDataStoreRecordAction(null, { workspaceId, dataStoreId, key: recordKey })}
    />
  );
}
