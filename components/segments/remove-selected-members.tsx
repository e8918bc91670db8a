"use client";

import { Loader2, UserMinus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { useSelection } from "@/components/customers/selection";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { removeCustomersFromSegmentAction } from "@/lib/actions/segments/remove-customers-from-segment";

/**
 * A manual segment's member list: "Remove selected" for the ticked members, after a
 * confirmation that names the segment and says the customers themselves stay.
 */
export function RemoveSelectedMembers({ workspaceId, segmentPublicId, segmentName }: { workspaceId: string; segmentPublicId: string; segmentName: string }) {
  const router = useRouter();
  const { selected, clear } = useSelection();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const count = selected.size;
  const members = `${count.toLocaleString("en-US")} ${count === 1 ? "member" : "members"}`;

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await removeCustomersFromSegmentAction(null, { workspaceId, segmentId: segmentPublicId, selection: { kind: "ids", ids: [...selected] } });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      toast.success(result.message ?? "Removed.");
      setOpen(false);
      clear();
      router.refresh();
    });
  }

  return (
    <div role="region" aria-label="Selected members" className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-gray-100 px-4 py-3 text-sm">
      <p className="font-medium text-gray-900" aria-live="polite">
        {count === 0 ? "Tick members to remove them from this segment." : `${members} selected`}
      </p>
      <AlertDialog
        open={open}
        onOpenChange={(next) => {
          if (pending) return;
          setOpen(next);
          if (!next) setError(null);
        }}
      >
        <AlertDialogTrigger asChild>
          <Button variant="secondary" size="sm" className="text-red-700 hover:bg-red-50 sm:ml-auto" disabled={count === 0}>
            <UserMinus aria-hidden />
            Remove selected
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>
              Remove {members} from “{segmentName}”?
            </AlertDialogTitle>
            <AlertDialogDescription>
              They leave this segment only; the customers stay in your customer list. A member that a data store added stays until the store
              removes it.
            </AlertDialogDescription>
          </AlertDialogHeader>
          {error ? <FormMessage state={{ ok: false, error }} className="mt-4" /> : null}
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            {/* A plain Button, not AlertDialogAction: the dialog stays open until the server answers. */}
            <Button variant="danger" onClick={confirm} disabled={pending}>
              {pending ? <Loader2 aria-hidden className="animate-spin" /> : <UserMinus aria-hidden />}
              {pending ? "Removing…" : `Remove ${members}`}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
