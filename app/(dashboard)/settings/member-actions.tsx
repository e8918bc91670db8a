"use client";

import { MoreHorizontal, UserMinus } from "lucide-react";
import { useState, useTransition } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { changeMemberRoleAction } from "@/lib/actions/members/change-member-role";
import { removeMemberAction } from "@/lib/actions/members/remove-member";
import type { RoleOption } from "./invite-member-form";

export type MemberActionsProps = {
  workspaceId: string;
  userId: string;
  label: string;
  role: string;
  /** Roles this member may be moved to by the viewer of the page, current role included. */
  roleOptions: RoleOption[];
  canRemove: boolean;
};

export function MemberActions({ workspaceId, userId, label, role, roleOptions, canRemove }: MemberActionsProps) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const canChangeRole = roleOptions.length > 1;

  function changeRole(next: string) {
    if (next === role) return;
    setError(null);
    startTransition(async () => {
      const result = await changeMemberRoleAction(null, { workspaceId, userId, role: next });
      if (!result.ok) setError(result.error);
    });
  }

  function remove() {
    setError(null);
    startTransition(async () => {
      const result = await removeMemberAction(null, { workspaceId, userId });
      if (result.ok) setConfirming(false);
      else setError(result.error);
    });
  }

  if (!canChangeRole && !canRemove) return null;

  return (
    <div className="flex items-center justify-end gap-2">
      {error && !confirming ? (
        <p role="alert" className="max-w-64 text-right text-xs text-red-600">
          {error}
        </p>
      ) : null}
      {/* Not modal: a modal menu that opens a dialog can leave the page unclickable when both close. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" disabled={pending} aria-label={`Manage ${label}`}>
            <MoreHorizontal aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          {canChangeRole ? (
            <>
              <DropdownMenuLabel>Role</DropdownMenuLabel>
              <DropdownMenuRadioGroup value={role} onValueChange={changeRole}>
                {roleOptions.map((r) => (
                  <DropdownMenuRadioItem key={r.value} value={r.value}>
                    {r.label}
                  </DropdownMenuRadioItem>
                ))}
              </DropdownMenuRadioGroup>
            </>
          ) : null}
          {canChangeRole && canRemove ? <DropdownMenuSeparator /> : null}
          {canRemove ? (
            <DropdownMenuItem destructive onSelect={() => setConfirming(true)}>
              <UserMinus aria-hidden />
              Remove from workspace
            </DropdownMenuItem>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>

      <AlertDialog open={confirming} onOpenChange={(open) => !pending && setConfirming(open)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Remove {label}?</AlertDialogTitle>
            <AlertDialogDescription>
              They lose access to this workspace at once. Their Lumen account stays, and you can invite them again later.
            </AlertDialogDescription>
          </AlertDialogHeader>
          {error ? (
            <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button variant="danger" onClick={remove} disabled={pending}>
              {pending ? "Removing…" : "Remove member"}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
