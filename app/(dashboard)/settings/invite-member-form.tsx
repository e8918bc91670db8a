"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { FieldError, fieldErrorProps, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult, ActionState } from "@/lib/actions/action-result";
import { inviteMemberAction } from "@/lib/actions/members/invite-member";

export type RoleOption = { value: string; label: string; description: string };

export function InviteMemberForm({ workspaceId, roles }: { workspaceId: string; roles: RoleOption[] }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState(roles.find((r) => r.value === "member")?.value ?? roles[0]?.value ?? "");
  const [state, formAction, pending] = useActionState(async (prev: ActionState, formData: FormData): Promise<ActionResult> => {
    const result = await inviteMemberAction(prev, formData);
    if (result.ok) setEmail("");
    return result;
  }, null);
  const selected = roles.find((r) => r.value === role);

  // Submitted by hand rather than through `action`: React resets a form after its action, which
  // would put the role <select> back to its first option while the state still says otherwise.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <div>
          <Label htmlFor="invite-email">Email address</Label>
          <Input
            id="invite-email"
            name="email"
            type="email"
            autoComplete="off"
            placeholder="colleague@company.com"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            className="mt-1.5"
            {...fieldErrorProps(state, "email", "invite-email-error")}
          />
        </div>
        <div>
          <Label htmlFor="invite-role">Role</Label>
          <Select
            id="invite-role"
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value)}
            className="mt-1.5"
            aria-describedby="invite-role-help"
          >
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </Select>
        </div>
        <SubmitButton pending={pending} pendingLabel="Inviting…" disabled={!email.trim()}>
          Invite
        </SubmitButton>
      </div>
      <FieldError state={state} name="email" id="invite-email-error" />
      <p id="invite-role-help" className="text-xs text-gray-500">
        {selected ? `${selected.label}: ${selected.description}.` : null}
      </p>
      {state && (state.ok || !state.fieldErrors?.email) ? <FormMessage state={state} /> : null}
    </form>
  );
}
