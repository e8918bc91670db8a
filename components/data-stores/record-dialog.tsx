"use client";

import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FieldError, fieldErrorProps, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import type { DataStoreIdentifierKind } from "@/db/schema";
import { saveDataStoreRecordAction } from "@/lib/actions/data-stores/save-data-store-record";

export type EditableRecord = { key: string; customer: string; data: Record<string, unknown> };

/** A record's fields as the text area shows them: `name = value`, one a line. */
function fieldsText(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([k, v]) => `${k} = ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("\n");
}

/** "Add record" (no `record`) or "Edit" one: record ID (the store's key), customer, and data fields. */
export function RecordDialog({ workspaceId, dataStoreId, identifierKind, record }: { workspaceId: string; dataStoreId: string; identifierKind: DataStoreIdentifierKind; record?: EditableRecord }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setRound((r) => r + 1);
      }}
    >
      <DialogTrigger asChild>
        {record ? (
          <Button variant="ghost" size="sm" aria-label={`Edit record ${record.key}`}>
            <Pencil aria-hidden />
            <span className="hidden sm:inline">Edit</span>
          </Button>
        ) : (
          <Button>
            <Plus aria-hidden />
            Add record
          </Button>
        )}
      </DialogTrigger>
      <DialogContent>
        <RecordForm
          key={round}
          workspaceId={workspaceId}
          dataStoreId={dataStoreId}
          identifierKind={identifierKind}
          record={record}
          onSaved={() => {
            setOpen(false);
            setRound((r) => r + 1);
            router.refresh();
          }}
        />
      </DialogContent>
    </Dialog>
  );
}

function RecordForm({ workspaceId, dataStoreId, identifierKind, record, onSaved }: { workspaceId: string; dataStoreId: string; identifierKind: DataStoreIdentifierKind; record?: EditableRecord; onSaved: () => void }) {
  const { state, pending, onSubmit } = useFormSubmit(saveDataStoreRecordAction, onSaved);

  const email = identifierKind === "email";
  return (
    <form onSubmit={onSubmit} noValidate>
      <DialogHeader>
        <DialogTitle>{record ? "Edit record" : "Add record"}</DialogTitle>
        <DialogDescription>Segments linked to this store follow the change within seconds.</DialogDescription>
      </DialogHeader>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="dataStoreId" value={dataStoreId} />
      {record ? <input type="hidden" name="originalKey" value={record.key} /> : null}
      <div className="space-y-4">
        <div>
          <Label htmlFor="record-key">Record ID</Label>
          <Input
            id="record-key"
            name="key"
            defaultValue={record?.key}
            maxLength={255}
            placeholder="sub_2027_0042"
            className="mt-1.5 font-mono"
            autoFocus={!record}
            {...fieldErrorProps(state, "key", "record-key-error")}
            aria-describedby={state && !state.ok && state.fieldErrors?.key ? "record-key-error" : "record-key-help"}
          />
          <p id="record-key-help" className="mt-1.5 text-xs text-gray-500">
            What this record is about, for example a subscription or order number. One record per ID.
          </p>
          <FieldError state={state} name="key" id="record-key-error" />
        </div>
        <div>
          <Label htmlFor="record-customer">{email ? "Customer email" : "Customer external ID"}</Label>
          <Input
            id="record-customer"
            name="customer"
            type={email ? "email" : "text"}
            defaultValue={record?.customer}
            maxLength={320}
            placeholder={email ? "ana@example.com" : "usr_000123"}
            className="mt-1.5"
            {...fieldErrorProps(state, "customer", "record-customer-error")}
          />
          <FieldError state={state} name="customer" id="record-customer-error" />
        </div>
        <div>
          <Label htmlFor="record-fields">Data fields</Label>
          <Textarea
            id="record-fields"
            name="fields"
            rows={4}
            defaultValue={record ? fieldsText(record.data) : ""}
            placeholder={"plan = pro\nrenews_on = 2027-01-31"}
            className="mt-1.5 font-mono text-xs"
            {...fieldErrorProps(state, "fields", "record-fields-error")}
            aria-describedby={state && !state.ok && state.fieldErrors?.fields ? "record-fields-error" : "record-fields-help"}
          />
          <p id="record-fields-help" className="mt-1.5 text-xs text-gray-500">
            Optional. One field a line, as <span className="font-mono">name = value</span>. A linked segment can filter on them.
          </p>
          <FieldError state={state} name="fields" id="record-fields-error" />
        </div>
        {state && !state.ok && !state.fieldErrors ? <FormMessage state={state} /> : null}
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <SubmitButton pending={pending} pendingLabel="Saving…">
          {record ? "Save record" : "Add record"}
        </SubmitButton>
      </DialogFooter>
    </form>
  );
}
