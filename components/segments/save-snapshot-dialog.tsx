"use client";

import { Camera } from "lucide-react";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FieldError, fieldErrorProps, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveSegmentSnapshotAction } from "@/lib/actions/segments/save-segment-snapshot";
import { snapshotName } from "@/lib/segments/snapshot-name";

/**
 * "Save as manual segment": the segment's members as they are now, copied into a new manual
 * segment (name suggested, editable), which then opens. The copy no longer follows the source.
 */
export function SaveSnapshotDialog({
  workspaceId,
  segmentPublicId,
  segmentName,
  memberCount,
}: {
  workspaceId: string;
  segmentPublicId: string;
  segmentName: string;
  memberCount: number;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // The suggested name is made when the dialog opens (the date is the marketer's, not the server's).
  const [suggested, setSuggested] = useState("");
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
        if (next) setSuggested(snapshotName(segmentName));
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <Camera aria-hidden />
          Save as manual segment
        </Button>
      </DialogTrigger>
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
