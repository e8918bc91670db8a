"use client";

import { CircleCheck, CircleX, Search } from "lucide-react";
import { startTransition, useActionState, type FormEvent } from "react";
import { FieldError, fieldErrorProps, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";
import { explainMembershipAction } from "@/lib/actions/segments/explain-membership";
import type { ExplanationNode } from "@/lib/segments/explain-groups";
import { cn } from "@/lib/utils/cn";

/**
 * "Why is this customer in / not in this segment?": look a customer up by email, external ID or
 * Lumen ID and see every condition, true or false, with the customer's actual value; a nested
 * "all of" / "any of" group shows its own result with its conditions indented under it.
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
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2">
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="segmentId" value={segmentPublicId} />
        <div>
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
        <SubmitButton variant="secondary" pending={pending} pendingLabel="Checking…" className="self-start">
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
          {explanation.tree.children.length > 1 ? (
            <p className="text-xs text-gray-600">{rootSentence(explanation.tree.operator, explanation.tree.children)}</p>
          ) : null}
          <ExplanationList nodes={explanation.tree.children} className="rounded-lg border border-gray-200" />
        </div>
      ) : null}
    </div>
  );
}

/** The top group's rule, which the flat list would not say: "Any one of these is enough (1 of 3 holds)." */
function rootSentence(operator: "and" | "or", children: ExplanationNode[]): string {
  const held = children.filter((c) => c.matched).length;
  const count = `${held} of ${children.length} ${held === 1 ? "holds" : "hold"}`;
  return operator === "and" ? `All of these must hold (${count}).` : `Any one of these is enough (${count}).`;
}

function ResultIcon({ matched }: { matched: boolean }) {
  return matched ? (
    <CircleCheck aria-label="True" className="mt-0.5 size-4 shrink-0 text-green-600" />
  ) : (
    <CircleX aria-label="False" className="mt-0.5 size-4 shrink-0 text-red-600" />
  );
}

/** Conditions with their results; a group's conditions are indented under the group's own line. */
function ExplanationList({ nodes, className }: { nodes: ExplanationNode[]; className?: string }) {
  return (
    <ul className={cn("divide-y divide-gray-100", className)}>
      {nodes.map((node) => (
        <li key={node.path.join(".")} className="px-3 py-2.5 text-sm">
          <div className="flex items-start gap-3">
            <ResultIcon matched={node.matched} />
            <div className="min-w-0">
              <p className={cn("break-words text-gray-900", node.type === "group" && "font-medium")}>{node.description}</p>
              <p className="mt-0.5 text-xs break-words text-gray-500">{node.actual}</p>
            </div>
          </div>
          {node.type === "group" ? <ExplanationList nodes={node.children} className="mt-2 ml-1.5 border-l-2 border-gray-200" /> : null}
        </li>
      ))}
    </ul>
  );
}
