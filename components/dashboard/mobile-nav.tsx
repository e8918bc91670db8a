"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { overlayClasses } from "@/components/ui/dialog";
import { Logo } from "./logo";
import { SidebarContent, type ShellProps } from "./sidebar-content";

/** Below the lg breakpoint: a top bar whose menu button opens the navigation as a sheet. */
export function MobileNav(props: ShellProps) {
  const [open, setOpen] = useState(false);
  const current = props.workspaces.find((w) => w.id === props.currentWorkspaceId);
  return (
    <header className="sticky top-0 z-30 flex items-center gap-3 border-b border-gray-200 bg-white px-4 py-3 lg:hidden">
      <Logo />
      <span className="min-w-0 flex-1 truncate text-right text-sm text-gray-500">{current?.name}</span>
      <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
        <DialogPrimitive.Trigger asChild>
          <Button variant="ghost" size="icon" aria-label="Open menu">
            <Menu aria-hidden />
          </Button>
        </DialogPrimitive.Trigger>
        <DialogPrimitive.Portal>
          <DialogPrimitive.Overlay className={overlayClasses} />
          <DialogPrimitive.Content
            className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto bg-white shadow-xl focus:outline-none"
            aria-describedby={undefined}
          >
            <div className="flex items-center justify-between px-5 pt-4">
              <DialogPrimitive.Title className="sr-only">Menu</DialogPrimitive.Title>
              <Logo />
              <DialogPrimitive.Close asChild>
                <Button variant="ghost" size="icon" aria-label="Close menu">
                  <X aria-hidden />
                </Button>
              </DialogPrimitive.Close>
            </div>
            <SidebarContent {...props} hideLogo onNavigate={() => setOpen(false)} className="h-auto flex-1" />
          </DialogPrimitive.Content>
        </DialogPrimitive.Portal>
      </DialogPrimitive.Root>
    </header>
  );
}
