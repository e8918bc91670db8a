"use client";

import { ChevronDown, Layers } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from "@/components/ui/command";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";

export type ManualSegmentChoice = { publicId: string; name: string };

/**
 * "Add to segment…" / "Remove from segment…": a button that opens a searchable list (cmdk in a
 * Radix popover) of the workspace's manual segments, the only ones whose members can be
 * chosen by hand. Choosing one calls `onPick`; the caller runs the change and reports it.
 */
export function ManualSegmentPicker({
  label,
  icon,
  segments,
  onPick,
  disabled,
  variant = "secondary",
  emptyText = "No manual segments yet.",
}: {
  label: string;
  icon?: ReactNode;
  segments: ManualSegmentChoice[];
  onPick: (segment: ManualSegmentChoice) => void;
  disabled?: boolean;
  variant?: ButtonVariant;
  emptyText?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant={variant} size="sm" disabled={disabled} aria-haspopup="dialog">
          {icon}
          {label}
          <ChevronDown aria-hidden className="text-gray-400" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-72 p-0" aria-label={label}>
        {/* cmdk names its input after this label (aria-labelledby wins over aria-label). */}
        <Command label="Manual segments">
          <CommandInput placeholder="Search manual segments" aria-label="Search manual segments" />
          <CommandList>
            <CommandEmpty>
              {segments.length === 0 ? (
                <span>
                  {emptyText}{" "}
                  <Link href="/segments/new" className="font-medium text-brand-700 underline-offset-4 hover:underline">
                    Create one
                  </Link>
                </span>
              ) : (
                "No segment has that name."
              )}
            </CommandEmpty>
            {segments.length > 0 ? (
              <CommandGroup heading="Manual segments">
                {segments.map((s) => (
                  <CommandItem
                    key={s.publicId}
                    value={s.publicId}
                    keywords={[s.name]}
                    onSelect={() => {
                      setOpen(false);
                      onPick(s);
                    }}
                  >
                    <Layers aria-hidden />
                    <span className="min-w-0 flex-1 truncate">{s.name}</span>
                  </CommandItem>
                ))}
              </CommandGroup>
            ) : null}
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
