"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import type { ActionResult, ActionState } from "@/lib/actions/action-result";

/**
 * A server action behind a form submitted by hand (not through `action`, so React does not
 * reset the form and a refused value stays in its field): the action's state, whether it runs,
 * and the form's onSubmit. `onDone` runs after a successful result.
 */
export function useFormSubmit<T>(action: (prev: ActionState<T>, formData: FormData) => Promise<ActionResult<T>>, onDone?: (result: Extract<ActionResult<T>, { ok: true }>) => void) {
  const [state, formAction, pending] = useActionState(async (prev: ActionState<T>, formData: FormData) => {
    const result = await action(prev, formData);
    if (result.ok) onDone?.(result);
    return result;
  }, null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }
  return { state, pending, onSubmit };
}
