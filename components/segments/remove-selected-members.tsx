"use client";

import { UserMinus } from "lucide-react";
import { toast } from "sonner";
import { useSelection } from "@/components/customers/selection";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";
import { removeCustomersFromSegmentAction } from "@/lib/actions/segments/remove-customers-from-segment";

/**
 * A manual segment's member list: "Remove selected" for the ticked members, after a
 * confirmation that names the segment and says the customers themselves stay.
 */
export function RemoveSelectedMembers({ workspaceId, segmentPublicId, segmentName }: { workspaceId: string; segmentPublicId: string; segmentName: string }) {
  const { selected, clear } = useSelection();
  const count = selected.size;
  const members = `${count.toLocaleString("en-US")} ${count === 1 ? "member" : "members"}`;

  return (
    <div role="region" aria-label="Selected members" className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-gray-100 px-4 py-3 text-sm">
      <p className="font-medium text-gray-900" aria-live="polite">
        {count === 0 ? "Tick members to remove them from this segment." : `${members} selected`}
      </p>
      <ConfirmActionDialog
        trigger={
          <Button variant="secondary" size="sm" className="text-red-700 hover:bg-red-50 sm:ml-auto" disabled={count === 0}>
            <UserMinus aria-hidden />
            Remove selected
          </Button>
        }
        title={`Remove ${members} from “${segmentName}”?`}
        description="They leave this segment only; the customers stay in your customer list. A member that a data store added stays until the store removes it."
        confirmLabel={`Remove ${members}`}
        pendingLabel="Removing…"
        icon={<UserMinus aria-hidden />}
        run={() => removeCustomersFromSegmentAction(null, { workspaceId, segmentId: segmentPublicId, selection: { kind: "ids", ids: [...selected] } })}
        onSuccess={(result) => {
          toast.success(result.message ?? "Removed.");
          clear();
        }}
      />
    </div>
  );
}
