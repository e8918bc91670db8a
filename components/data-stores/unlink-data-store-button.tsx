"use client";

import { Unlink } from "lucide-react";
import { Button } from "@/components/ui/button";
import { unlinkDataStoreAction } from "@/lib/actions/data-stores/unlink-data-store";
import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";

export function UnlinkDataStoreButton({ workspaceId, segmentPublicId, storeName }: { workspaceId: string; segmentPublicId: string; storeName: string }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="secondary" size="sm">
          <Unlink aria-hidden />
          Unlink
        </Button>
      }
      title={`Unlink “${storeName}”?`}
      description="The segment stops following the data store. The customers it added leave the segment; customers also added another way stay. The store and its records are kept."
      confirmLabel="Unlink"
      pendingLabel="Unlinking…"
      icon={<Unlink aria-hidden />}
      run={() => unlinkDataStoreAction(null, { workspaceId, segmentId: segmentPublicId })}
    />
  );
}
