"use client";

import { useActionState, useState } from "react";
import { FieldError, fieldErrorProps, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";
import { renameWorkspaceAction } from "@/lib/actions/workspaces/rename-workspace";

export function WorkspaceNameForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const [state, formAction] = useActionState(renameWorkspaceAction, null);
  // Controlled, so a rejected name stays in the field for the user to correct.
  const [value, setValue] = useState(name);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div>
        <Label htmlFor="workspace-name">Workspace name</Label>
        <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
          <Input
            id="workspace-name"
            name="name"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            maxLength={80}
            required
            className="sm:max-w-sm"
            {...fieldErrorProps(state, "name", "workspace-name-error")}
          />
          <SubmitButton variant="secondary" pendingLabel="Saving…" disabled={value.trim() === name}>
            Save
          </SubmitButton>
        </div>
        <FieldError state={state} name="name" id="workspace-name-error" />
      </div>
      {state && (state.ok || !state.fieldErrors?.name) ? <FormMessage state={state} /> : null}
    </form>
  );
}
