"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FieldError, fieldErrorProps, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveSegmentSnapshotAction } from "@/lib/actions/segments/save-segment-snapshot";

/**
 * "Save as manual segment": the segment's members as they are now, copied into a new manual
 * segment (name suggested, editable), which then opens. The copy no longer follows the source.
 */
export function SaveSnapshotDialog({
  workspaceId,
  segmentPublicId,
  segmentName,
  memberCount,
  suggestedName: suggested,
  open,
  onOpenChange: setOpen,
}: {
  workspaceId: string;
  segmentPublicId: string;
  segmentName: string;
  memberCount: number;
  /** Made by the opener when it opens the dialog (the date in it is the marketer's, not the server's). */
  suggestedName: string;
  /** Opened by "Save as manual segment" in the segment's actions (a button, or an entry of its More menu). */
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(async (...args: Parameters<typeof saveSegmentSnapshotAction>) => {
    const result = await saveSegmentSnapshotAction(...args);
    if (result.ok && result.data) {
      toast.success(result.message ?? "Saved.");
      router.push(`/segments/${result.data.publicId}`);
    }
    return result;
  }, null);
  const succeeded = state?.ok === true;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  const members = `${memberCount.toLocaleString("en-US")} ${memberCount === 1 ? "customer" : "customers"}`;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
      }}
    >
      <DialogContent>
        <form onSubmit={onSubmit} noValidate>
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <input type="hidden" name="segmentId" value={segmentPublicId} />
          <DialogHeader>
            <DialogTitle>Save as manual segment</DialogTitle>
            <DialogDescription>
              The {members} in “{segmentName}” right now become the members of a new manual segment. It keeps them when “{segmentName}” changes;
              add or remove customers by hand later.
            </DialogDescription>
          </DialogHeader>
          <div className="space-y-1.5">
            <Label htmlFor="snapshot-name">Name</Label>
            <Input id="snapshot-name" name="name" defaultValue={suggested} key={suggested} maxLength={120} required {...fieldErrorProps(state, "name", "snapshot-name-error")} />
            <FieldError state={state} name="name" id="snapshot-name-error" />
          </div>
          {state && !state.ok && !state.fieldErrors?.name?.length ? <FormMessage state={state} className="mt-4" /> : null}
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)} disabled={pending || succeeded}>
              Cancel
            </Button>
            <SubmitButton pending={pending || succeeded} pendingLabel={succeeded ? "Opening…" : "Saving…"}>
              Save manual segment
            </SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
