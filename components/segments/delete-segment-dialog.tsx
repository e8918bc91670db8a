"use client";

import { Loader2, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useState, useTransition } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { deleteSegmentAction } from "@/lib/actions/segments/delete-segment";

export type DeleteSegmentDialogProps = {
  workspaceId: string;
  segmentPublicId: string;
  segmentName: string;
  memberCount: number;
  /** Segments whose conditions use this one: while there are any, deletion is refused. */
  dependents: { publicId: string; name: string }[];
  /** Opened by "Delete Segment" in the segment's actions (a button, or an entry of its More menu). */
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/**
 * "Delete Segment" with a confirmation that names the segment and its size, and says the
 * customers stay. Refused (and says which segments to edit first) while other segments use it;
 * the server refuses too. After deleting, back to the list, which no longer shows it.
 */
export function DeleteSegmentDialog({ workspaceId, segmentPublicId, segmentName, memberCount, dependents, open, onOpenChange: setOpen }: DeleteSegmentDialogProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const blocked = dependents.length > 0;
  const customers = `${memberCount.toLocaleString("en-US")} ${memberCount === 1 ? "customer" : "customers"}`;

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await deleteSegmentAction(null, { workspaceId, segmentId: segmentPublicId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setOpen(false);
      toast.success(`Deleted “${segmentName}”. Its customers were kept.`);
      router.replace("/segments");
      router.refresh();
    });
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        if (!next) setError(null);
      }}
    >
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{blocked ? `“${segmentName}” is in use` : `Delete “${segmentName}”?`}</AlertDialogTitle>
          {blocked ? (
            <AlertDialogDescription asChild>
              <div className="space-y-2">
                <p>
                  This segment cannot be deleted while the conditions of {dependents.length === 1 ? "another segment use" : "other segments use"}{" "}
                  it. Edit {dependents.length === 1 ? "it" : "them"} to no longer refer to “{segmentName}”, then delete it:
                </p>
                <ul className="list-disc space-y-1 pl-5">
                  {dependents.map((d) => (
                    <li key={d.publicId}>
                      <Link href={`/segments/${d.publicId}`} prefetch={false} className="font-medium text-brand-700 underline-offset-4 hover:underline">
                        {d.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            </AlertDialogDescription>
          ) : (
            <AlertDialogDescription>
              The segment and its list of {customers} will be deleted. The customers themselves are not removed from your customer
              list: only the segment is deleted. This cannot be undone.
            </AlertDialogDescription>
          )}
        </AlertDialogHeader>
        {error ? <FormMessage state={{ ok: false, error }} className="mt-4" /> : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>{blocked ? "Close" : "Cancel"}</AlertDialogCancel>
          {blocked ? null : (
            // A plain Button, not AlertDialogAction: the dialog stays open until the server answers.
            <Button variant="danger" onClick={confirm} disabled={pending}>
              {pending ? <Loader2 aria-hidden className="animate-spin" /> : <Trash2 aria-hidden />}
              {pending ? "Deleting…" : "Delete Segment"}
            </Button>
          )}
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
