"use client";

import { Database, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FieldError, fieldErrorProps, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { createDataStoreAction } from "@/lib/actions/data-stores/create-data-store";

/** "Create data store": a name and how its records name customers; opens the new store's page. */
export function CreateDataStoreDialog({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit } = useFormSubmit(createDataStoreAction, (result) => {
    if (result.data) router.push(`/data-stores/${result.data.publicId}`);
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          Create data store
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} noValidate>
          <DialogHeader>
            <DialogTitle className="flex items-center gap-2">
              <Database aria-hidden className="size-5 text-brand-600" />
              Create data store
            </DialogTitle>
            <DialogDescription>A named collection of records. Link it to a manual segment and the segment follows its records.</DialogDescription>
          </DialogHeader>
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <div className="space-y-4">
            <div>
              <Label htmlFor="data-store-name">Name</Label>
              <Input id="data-store-name" name="name" placeholder="e.g. Active subscriptions" maxLength={120} className="mt-1.5" autoFocus {...fieldErrorProps(state, "name", "data-store-name-error")} />
              <FieldError state={state} name="name" id="data-store-name-error" />
            </div>
            <div>
              <Label htmlFor="data-store-kind">Records name customers by</Label>
              <Select id="data-store-kind" name="identifierKind" defaultValue="email" className="mt-1.5" aria-describedby="data-store-kind-help">
                <option value="email">Email</option>
                <option value="external_id">External ID</option>
              </Select>
              <p id="data-store-kind-help" className="mt-1.5 text-xs text-gray-500">
                Each record names one customer: by email address, or by your own ID for them: the External ID on each customer’s page, which your tracking sends as userId.
              </p>
            </div>
            {state && !state.ok && !state.fieldErrors?.name ? <FormMessage state={state} /> : null}
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <SubmitButton pending={pending} pendingLabel="Creating…">
              Create data store
            </SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
