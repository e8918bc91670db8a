"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { cancelInvitationAction } from "@/lib/actions/members/cancel-invitation";

export function CancelInvitationButton({ workspaceId, invitationId, email }: { workspaceId: string; invitationId: string; email: string }) {
  const [state, formAction] = useActionState(cancelInvitationAction, null);
  return (
    <form action={formAction} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <SubmitButton variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" pendingLabel="Cancelling…">
        {/* One inline run: as separate flex items the button's gap doubled the space before "invitation". */}
        <span>
          Cancel<span className="sr-only sm:not-sr-only"> invitation</span>
          <span className="sr-only"> for {email}</span>
        </span>
      </SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
