"use client";

import { CircleCheck, CircleX, Search } from "lucide-react";
import { startTransition, useActionState, type FormEvent } from "react";
import { FieldError, fieldErrorProps, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";
import { explainMembershipAction } from "@/lib/actions/segments/explain-membership";
import { cn } from "@/lib/utils/cn";

/**
 * "Why is this customer in / not in this segment?": look a customer up by email, external ID or
 * Lumen ID and see every condition, true or false, with the customer's actual value.
 */
export function MembershipLookup({ workspaceId, segmentPublicId }: { workspaceId: string; segmentPublicId: string }) {
  const [state, formAction, pending] = useActionState(explainMembershipAction, null);

  // Submitted by hand so the looked-up value stays in the field (React resets a form after its action).
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  const explanation = state?.ok ? state.data : undefined;
  return (
    <div>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="segmentId" value={segmentPublicId} />
        <div className="flex-1">
          <Label htmlFor="explain-customer">Customer</Label>
          <Input
            id="explain-customer"
            name="customer"
            placeholder="Email, external ID or Lumen ID"
            className="mt-1.5"
            autoComplete="off"
            {...fieldErrorProps(state, "customer", "explain-customer-error")}
          />
        </div>
        <SubmitButton variant="secondary" pending={pending} pendingLabel="Checking…">
          <Search aria-hidden />
          Check
        </SubmitButton>
      </form>
      <FieldError state={state} name="customer" id="explain-customer-error" />
      {state && !state.ok && !state.fieldErrors?.customer ? <FormMessage state={state} className="mt-3" /> : null}
      {explanation ? (
        <div role="status" className="mt-4 space-y-3">
          <p className={cn("flex items-center gap-2 text-sm font-medium", explanation.isMember ? "text-green-800" : "text-gray-900")}>
            {explanation.isMember ? <CircleCheck aria-hidden className="size-4 text-green-600" /> : <CircleX aria-hidden className="size-4 text-gray-500" />}
            {explanation.isMember ? "This customer is in the segment." : "This customer is not in the segment."}
          </p>
          {explanation.isMember !== explanation.matches ? (
            <p className="text-sm text-amber-800">
              Their data changed a moment ago: they {explanation.matches ? "now match" : "no longer match"} the conditions and Lumen is
              moving them {explanation.matches ? "in" : "out"}.
            </p>
          ) : null}
          <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200">
            {explanation.leaves.map((leaf) => (
              <li key={leaf.path.join(".")} className="flex items-start gap-3 px-3 py-2.5 text-sm">
                {leaf.matched ? (
                  <CircleCheck aria-label="True" className="mt-0.5 size-4 shrink-0 text-green-600" />
                ) : (
                  <CircleX aria-label="False" className="mt-0.5 size-4 shrink-0 text-red-600" />
                )}
                <div className="min-w-0">
                  <p className="break-words text-gray-900">{leaf.description}</p>
                  <p className="mt-0.5 text-xs break-words text-gray-500">{leaf.actual}</p>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
