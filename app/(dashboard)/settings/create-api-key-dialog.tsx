"use client";

import { KeyRound, Plus } from "lucide-react";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FieldError, fieldErrorProps, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { createApiKeyAction } from "@/lib/actions/api-keys/create-api-key";

export function CreateApiKeyDialog({ workspaceId }: { workspaceId: string }) {
  const [open, setOpen] = useState(false);
  // A new form (and so a new, empty action state) each time the dialog opens: the full key of
  // the last one must not survive closing the dialog.
  const [round, setRound] = useState(0);
  const [showingKey, setShowingKey] = useState(false);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setRound((r) => r + 1);
      setShowingKey(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          Create API key
        </Button>
      </DialogTrigger>
      <DialogContent
        // While the key is on screen, only the explicit Done button closes the dialog.
        onInteractOutside={(e) => showingKey && e.preventDefault()}
        onEscapeKeyDown={(e) => showingKey && e.preventDefault()}
        hideClose={showingKey}
      >
        <CreateApiKeyForm key={round} workspaceId={workspaceId} onCreated={() => setShowingKey(true)} />
      </DialogContent>
    </Dialog>
  );
}

function CreateApiKeyForm({ workspaceId, onCreated }: { workspaceId: string; onCreated: () => void }) {
  const [kind, setKind] = useState("write");
  const [state, formAction, pending] = useActionState(async (...args: Parameters<typeof createApiKeyAction>) => {
    const result = await createApiKeyAction(...args);
    if (result.ok) onCreated();
    return result;
  }, null);

  // Submitted by hand rather than through `action`, so a rejected name stays in the field (React
  // resets a form after its action) and the type <select> keeps matching its help text.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  if (state?.ok && state.data) {
    const { key, name } = state.data;
    return (
      <>
        <DialogHeader>
          <DialogTitle>Copy your new API key</DialogTitle>
          <DialogDescription>
            “{name}” is ready. This is the only time the full key is shown: Lumen stores only a fingerprint of it.
          </DialogDescription>
        </DialogHeader>
        <Label htmlFor="new-api-key">API key</Label>
        <div className="mt-1.5 flex gap-2">
          <Input id="new-api-key" readOnly value={key} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={key} />
        </div>
        <Notice tone="warning" className="mt-4">
          Store it somewhere safe, such as your password manager or your server&apos;s environment. If it is lost, revoke it
          and create a new one.
        </Notice>
        <ApiKeyUsage apiKey={key} />
        <DialogFooter>
          <DialogClose asChild>
            <Button>Done</Button>
          </DialogClose>
        </DialogFooter>
      </>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <DialogHeader>
        <DialogTitle className="flex items-center gap-2">
          <KeyRound aria-hidden className="size-5 text-brand-600" />
          Create API key
        </DialogTitle>
        <DialogDescription>Name the key after where it will be used, so you know what breaks if you revoke it.</DialogDescription>
      </DialogHeader>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="space-y-4">
        <div>
          <Label htmlFor="api-key-name">Name</Label>
          <Input
            id="api-key-name"
            name="name"
            placeholder="e.g. Website tracking"
            maxLength={80}
            className="mt-1.5"
            autoFocus
            {...fieldErrorProps(state, "name", "api-key-name-error")}
          />
          <FieldError state={state} name="name" id="api-key-name-error" />
        </div>
        <div>
          <Label htmlFor="api-key-kind">Type</Label>
          <Select id="api-key-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)} className="mt-1.5" aria-describedby="api-key-kind-help">
            <option value="write">Write key</option>
            <option value="secret">Secret key</option>
          </Select>
          <p id="api-key-kind-help" className="mt-1.5 text-xs text-gray-500">
            {kind === "write"
              ? "For the tracking API (identify, track, page, batch): sends customers and events to Lumen from your website, app or backend. It cannot read anything back."
              : "For the REST API under /api/v1/segments, /api/v1/customers and /api/v1/data-stores: reads segments and their members, changes manual segments and writes data store records. It does not send events (use a write key). Keep it on your servers, never in a browser or app."}
          </p>
        </div>
        {state && !state.ok && !state.fieldErrors?.name ? <FormMessage state={state} /> : null}
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create key
        </SubmitButton>
      </DialogFooter>
    </form>
  );
}

/**
 * The first request to make with the new key, with this Lumen's address filled in: a new team
 * should not have to look up where events go or how the key is sent.
 */
function ApiKeyUsage({ apiKey }: { apiKey: string }) {
  // Shown only after a client-side action, never server-rendered: window is there.
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const write = apiKey.startsWith("lk_write_");
  const example = write
    ? `curl ${origin}/api/v1/track \\\n  -u "${apiKey}:" \\\n  -H "Content-Type: application/json" \\\n  -d '{"userId":"usr_123","event":"order_completed","properties":{"amount":42.5}}'`
    : `curl ${origin}/api/v1/segments \\\n  -H "Authorization: Bearer ${apiKey}"`;
  return (
    <div className="mt-4">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-gray-900">{write ? "Send your first event" : "List your segments"}</p>
        <CopyButton value={example} label="Copy command" />
      </div>
      <p className="mt-1 text-xs text-gray-500">
        {write
          ? "Any Segment SDK works too: use this key as its write key and this Lumen's address as its host (path /api/v1/batch)."
          : "The same key reads members and changes manual segments and data stores under /api/v1."}
      </p>
      <pre className="mt-2 overflow-x-auto rounded-md bg-gray-900 p-3 text-xs leading-relaxed text-gray-100">{example}</pre>
    </div>
  );
}
