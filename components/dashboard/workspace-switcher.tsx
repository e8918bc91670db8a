"use client";

import { Check, ChevronsUpDown } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { switchWorkspaceAction } from "@/lib/actions/workspaces/switch-workspace";
import { cn } from "@/lib/utils/cn";

export type SwitcherWorkspace = { id: string; name: string; roleLabel: string; isDemo: boolean };

export function WorkspaceSwitcher({
  workspaces,
  currentId,
  onSwitched,
}: {
  workspaces: SwitcherWorkspace[];
  currentId: string;
  onSwitched?: () => void;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const current = workspaces.find((w) => w.id === currentId) ?? workspaces[0];

  function choose(workspaceId: string) {
    if (workspaceId === currentId) return;
    setError(null);
    startTransition(async () => {
      const result = await switchWorkspaceAction(null, { workspaceId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      // A customer or key page belongs to the old workspace: land on the same section's list instead.
      const section = `/${pathname.split("/")[1] ?? ""}`;
      router.push(section === "/" ? "/segments" : section);
      router.refresh();
      onSwitched?.();
    });
  }

  return (
    <div>
      <DropdownMenu>
        <DropdownMenuTrigger
          className={cn(
            "flex w-full items-center gap-3 rounded-lg border border-gray-200 bg-white px-3 py-2 text-left shadow-sm hover:bg-gray-50",
            pending && "opacity-60",
          )}
          disabled={pending}
        >
          <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-md bg-brand-600 text-sm font-semibold text-white">
            {current.name.trim().charAt(0).toUpperCase() || "W"}
          </span>
          <span className="min-w-0 flex-1">
            <span className="sr-only">Workspace: </span>
            <span className="line-clamp-2 text-sm font-semibold break-words text-gray-900" title={current.name}>
              {current.name}
            </span>
            <span className="block truncate text-xs text-gray-500">{pending ? "Switching…" : current.roleLabel}</span>
          </span>
          <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-gray-400" />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-(--radix-dropdown-menu-trigger-width) min-w-60">
          <DropdownMenuLabel>Switch workspace</DropdownMenuLabel>
          {workspaces.map((w) => (
            <DropdownMenuItem key={w.id} onSelect={() => choose(w.id)} aria-current={w.id === currentId ? "true" : undefined}>
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{w.name}</span>
                <span className="block text-xs text-gray-500">{w.roleLabel}</span>
              </span>
              {w.isDemo ? <Badge tone="amber">Demo</Badge> : null}
              {w.id === currentId ? <Check aria-label="Current workspace" className="text-brand-600!" /> : null}
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      {error ? (
        <p role="alert" className="mt-2 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
