"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionResult } from "@/lib/actions/action-result";

/**
 * A destructive step behind a confirmation (delete a record or a store, unlink, remove members):
 * the dialog stays open until the server answers (a plain Button, not AlertDialogAction), shows
 * its refusal in place, and on success calls `onSuccess`, then refreshes the page or goes to
 * `afterHref`.
 */
export function ConfirmActionDialog({
  trigger,
  title,
  description,
  confirmLabel,
  pendingLabel,
  icon,
  run,
  onSuccess,
  afterHref,
}: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  icon: ReactNode;
  run: () => Promise<ActionResult<unknown>>;
  onSuccess?: (result: Extract<ActionResult<unknown>, { ok: true }>) => void;
  afterHref?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await run();
      if (!result.ok) return setError(result.error);
      onSuccess?.(result);
      setOpen(false);
      if (afterHref) router.replace(afterHref);
      router.refresh();
    });
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        if (!next) setError(null);
      }}
    >
      <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        {error ? <FormMessage state={{ ok: false, error }} className="mt-4" /> : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <Button variant="danger" onClick={confirm} disabled={pending}>
            {pending ? <Loader2 aria-hidden className="animate-spin" /> : icon}
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
