import { CircleAlert, CircleCheck } from "lucide-react";
import type { ActionState } from "@/lib/actions/action-result";
import { cn } from "@/lib/utils/cn";

/** The result of a server action, announced to screen readers: the error, or the success message if any. */
export function FormMessage({ state, className }: { state: ActionState<unknown>; className?: string }) {
  if (!state) return null;
  if (!state.ok) {
    return (
      <p role="alert" className={cn("flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700", className)}>
        <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>{state.error}</span>
      </p>
    );
  }
  if (!state.message) return null;
  return (
    <p role="status" className={cn("flex items-start gap-2 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800", className)}>
      <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>{state.message}</span>
    </p>
  );
}

/** The first error for one field, linked to its input through `id` (use it in aria-describedby). */
export function FieldError({ state, name, id }: { state: ActionState<unknown>; name: string; id: string }) {
  const message = state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined;
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-600">
      {message}
    </p>
  );
}

/** Props that mark an input invalid and point it at its FieldError. */
export function fieldErrorProps(state: ActionState<unknown>, name: string, id: string) {
  const invalid = Boolean(state && !state.ok && state.fieldErrors?.[name]?.length);
  return { "aria-invalid": invalid || undefined, "aria-describedby": invalid ? id : undefined };
}
