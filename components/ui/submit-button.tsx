"use client";

import { Loader2 } from "lucide-react";
import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";

/**
 * A submit button that disables itself and shows `pendingLabel` while its form's action runs.
 * Forms submitted through onSubmit (not the `action` prop) are invisible to useFormStatus:
 * they pass `pending` themselves.
 */
export function SubmitButton({
  children,
  pendingLabel,
  disabled,
  pending: pendingProp,
  ...props
}: Omit<ButtonProps, "type" | "asChild"> & { pendingLabel?: ReactNode; pending?: boolean }) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  return (
    <Button type="submit" disabled={pending || disabled} aria-disabled={pending || disabled} {...props}>
      {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
