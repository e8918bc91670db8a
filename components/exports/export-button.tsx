"use client";

import { Download, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useId, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";
import { getExportOptionsAction } from "@/lib/actions/exports/get-export-options";
import { requestSegmentExportAction } from "@/lib/actions/exports/request-segment-export";
import { humanize } from "@/lib/segments/describe-conditions";
import { attributeColumn, defaultExportColumns, standardExportColumns } from "@/lib/exports/export-columns";

export type ExportButtonProps = {
  workspaceId: string;
  segmentPublicId: string;
  segmentName: string;
  memberCount: number;
  /** Members and above; viewers see the button disabled with the reason. The server checks again. */
  canExport: boolean;
};

/** "Export" in the top right corner of the segment page: pick columns, then the CSV is emailed. */
export function ExportButton({ workspaceId, segmentPublicId, segmentName, memberCount, canExport }: ExportButtonProps) {
  const [open, setOpen] = useState(false);
  // A fresh form each time the dialog opens: last time's result or error does not linger.
  const [round, setRound] = useState(0);

  if (!canExport) {
    return (
      <Button variant="secondary" disabled title="Viewers cannot export. Ask an admin for the member role.">
        <Download aria-hidden />
        Export
      </Button>
    );
  }
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setRound((r) => r + 1);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <Download aria-hidden />
          Export
        </Button>
      </DialogTrigger>
      <DialogContent>
        <ExportForm
          key={round}
          workspaceId={workspaceId}
          segmentPublicId={segmentPublicId}
          segmentName={segmentName}
          memberCount={memberCount}
          onQueued={() => setOpen(false)}
        />
      </DialogContent>
    </Dialog>
  );
}

type AttributeKeys = { status: "loading" } | { status: "ready"; keys: string[] } | { status: "error"; message: string };

function ExportForm({
  workspaceId,
  segmentPublicId,
  segmentName,
  memberCount,
  onQueued,
}: Omit<ExportButtonProps, "canExport"> & { onQueued: () => void }) {
  const router = useRouter();
  const idPrefix = useId();
  const [selected, setSelected] = useState<Set<string>>(() => new Set(defaultExportColumns));
  const [attributes, setAttributes] = useState<AttributeKeys>({ status: "loading" });
  const [state, formAction, pending] = useActionState(async (...args: Parameters<typeof requestSegmentExportAction>) => {
    const result = await requestSegmentExportAction(...args);
    if (result.ok) {
      toast.success(result.message ?? "We'll email you the CSV when it's ready.", { description: `Export of ${segmentName}` });
      onQueued();
      router.refresh();
    }
    return result;
  }, null);

  useEffect(() => {
    let live = true;
    getExportOptionsAction(null, { workspaceId }).then(
      (result) => live && setAttributes(result.ok ? { status: "ready", keys: result.data?.attributeKeys ?? [] } : { status: "error", message: result.error }),
      () => live && setAttributes({ status: "error", message: "Could not load the attribute keys." }),
    );
    return () => {
      live = false;
    };
  }, [workspaceId]);

  function toggle(column: string, on: boolean) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(column);
      else next.delete(column);
      return next;
    });
  }

  // Submitted by hand so the chosen columns survive a refused submit (React resets forms after an action).
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  const members = `${memberCount.toLocaleString("en-US")} ${memberCount === 1 ? "customer" : "customers"}`;
  // An attribute reads as the builder says it ("First name"), with its key small beside it: that
  // key is the CSV's column header (shown even for "Name name", which is not the Name column above).
  const columnBox = (column: string, label: string, key?: string) => {
    const id = `${idPrefix}-${column}`;
    return (
      <li key={column} className="flex items-center gap-2">
        <Checkbox id={id} name="columns" value={column} checked={selected.has(column)} onCheckedChange={(v) => toggle(column, v === true)} />
        <Label htmlFor={id} className="min-w-0 font-normal break-words">
          {label}
          {key && key !== label ? (
            <>
              {" "}
              <span className="ml-0.5 font-mono text-xs [overflow-wrap:anywhere] text-gray-500">{key}</span>
            </>
          ) : null}
        </Label>
      </li>
    );
  };

  return (
    <form onSubmit={onSubmit}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="segmentId" value={segmentPublicId} />
      <DialogHeader>
        <DialogTitle>Export {segmentName}</DialogTitle>
        <DialogDescription>
          {members} will be exported to a CSV file and emailed to you. Large files come as a download link.
        </DialogDescription>
      </DialogHeader>

      <fieldset className="mt-2">
        <legend className="text-sm font-medium text-gray-900">Columns</legend>
        <ul className="mt-2 grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-2">{standardExportColumns.map((c) => columnBox(c.id, c.label))}</ul>
      </fieldset>

      <fieldset className="mt-5">
        <legend className="text-sm font-medium text-gray-900">Attributes</legend>
        {attributes.status === "loading" ? (
          <p className="mt-2 flex items-center gap-2 text-sm text-gray-500">
            <Loader2 aria-hidden className="size-4 animate-spin" /> Loading attribute keys…
          </p>
        ) : attributes.status === "error" ? (
          <p className="mt-2 text-sm text-red-700">{attributes.message}</p>
        ) : attributes.keys.length === 0 ? (
          <p className="mt-2 text-sm text-gray-500">No customer attributes in this workspace yet.</p>
        ) : (
          <ul className="mt-2 grid max-h-44 grid-cols-1 gap-x-4 gap-y-2 overflow-y-auto pr-1 sm:grid-cols-2">
            {attributes.keys.map((key) => columnBox(attributeColumn(key), humanize(key), key))}
          </ul>
        )}
      </fieldset>

      <FormMessage state={state} className="mt-4" />
      <DialogFooter className="mt-6">
        <DialogClose asChild>
          <Button variant="ghost" type="button">
            Cancel
          </Button>
        </DialogClose>
        <SubmitButton pending={pending} pendingLabel="Queuing…" disabled={selected.size === 0}>
          Export {selected.size} {selected.size === 1 ? "column" : "columns"}
        </SubmitButton>
      </DialogFooter>
    </form>
  );
}
