"use client";

import { Link2 } from "lucide-react";
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
import { linkDataStoreAction } from "@/lib/actions/data-stores/link-data-store";

export type StoreChoice = { publicId: string; name: string; recordCount: number };

/** "Link a data store" on a manual segment's page: choose the store and, optionally, which of its records count. */
export function LinkDataStoreDialog({ workspaceId, segmentPublicId, stores }: { workspaceId: string; segmentPublicId: string; stores: StoreChoice[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [operator, setOperator] = useState("equals");
  const { state, pending, onSubmit } = useFormSubmit(linkDataStoreAction, () => {
    setOpen(false);
    router.refresh();
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          <Link2 aria-hidden />
          Link a data store
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} noValidate>
          <DialogHeader>
            <DialogTitle>Link a data store</DialogTitle>
            <DialogDescription>
              From now on, a record that names a customer makes them a member, and when the record is removed they leave (customers you added another way stay).
            </DialogDescription>
          </DialogHeader>
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <input type="hidden" name="segmentId" value={segmentPublicId} />
          <div className="space-y-4">
            <div>
              <Label htmlFor="link-store">Data store</Label>
              <Select id="link-store" name="dataStoreId" className="mt-1.5" {...fieldErrorProps(state, "dataStoreId", "link-store-error")}>
                {stores.map((s) => (
                  <option key={s.publicId} value={s.publicId}>
                    {s.name} ({s.recordCount.toLocaleString("en-US")} {s.recordCount === 1 ? "record" : "records"})
                  </option>
                ))}
              </Select>
              <FieldError state={state} name="dataStoreId" id="link-store-error" />
            </div>
            <fieldset className="space-y-3 rounded-md border border-gray-200 p-3">
              <legend className="px-1 text-sm font-medium text-gray-900">Only records where (optional)</legend>
              <div className="grid gap-3 sm:grid-cols-2">
                <div>
                  <Label htmlFor="link-filter-field">Field</Label>
                  <Input id="link-filter-field" name="filterField" placeholder="e.g. plan" maxLength={100} className="mt-1.5" {...fieldErrorProps(state, "filterField", "link-filter-field-error")} />
                  <FieldError state={state} name="filterField" id="link-filter-field-error" />
                </div>
                <div>
                  <Label htmlFor="link-filter-operator">Is</Label>
                  <Select id="link-filter-operator" name="filterOperator" value={operator} onChange={(e) => setOperator(e.target.value)} className="mt-1.5">
                    <option value="equals">equal to</option>
                    <option value="in">one of</option>
                    <option value="not_in">not one of</option>
                    <option value="exists">present (any value)</option>
                  </Select>
                </div>
              </div>
              {operator !== "exists" ? (
                <div>
                  <Label htmlFor="link-filter-values">{operator === "equals" ? "Value" : "Values, separated by commas"}</Label>
                  <Input
                    id="link-filter-values"
                    name="filterValues"
                    placeholder={operator === "equals" ? "pro" : "pro, team"}
                    className="mt-1.5"
                    {...fieldErrorProps(state, "filterValues", "link-filter-values-error")}
                  />
                  <FieldError state={state} name="filterValues" id="link-filter-values-error" />
                </div>
              ) : null}
              <p className="text-xs text-gray-500">Leave the field empty to count every record of the store.</p>
            </fieldset>
            {state && !state.ok && !state.fieldErrors?.filterField && !state.fieldErrors?.filterValues && !state.fieldErrors?.dataStoreId ? <FormMessage state={state} /> : null}
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <SubmitButton pending={pending} pendingLabel="Linking…">
              Link data store
            </SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
