"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from "@/components/ui/command";
import { fieldClasses } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { menuSearchScore } from "@/lib/segments/builder/menu-search";
import { cn } from "@/lib/utils/cn";

export type ComboItem = { value: string; label: ReactNode; hint?: ReactNode; keywords?: string[] };

/**
 * A button that opens a searchable list (cmdk in a Radix popover): scales to hundreds of
 * attribute keys or event names. `allowCustom` lets the user use a name the catalog has not
 * seen (keys only found on older profiles, events not received yet).
 */
export function CatalogCombobox({
  label,
  value,
  display,
  placeholder,
  searchPlaceholder,
  items,
  onSelect,
  allowCustom,
  emptyText = "Nothing found.",
  className,
  autoFocus,
  ...aria
}: {
  label: string;
  value: string;
  display?: ReactNode;
  placeholder: string;
  searchPlaceholder: string;
  items: ComboItem[];
  onSelect: (value: string) => void;
  allowCustom?: (search: string) => string;
  emptyText?: string;
  className?: string;
  autoFocus?: boolean;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const typed = search.trim();
  const exact = items.some((i) => i.value === typed);
  const choose = (v: string) => {
    onSelect(v);
    setOpen(false);
    setSearch("");
  };
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger
        type="button"
        aria-label={`${label}: ${value || "none chosen"}`}
        autoFocus={autoFocus}
        className={cn(
          fieldClasses,
          "inline-flex h-9 w-auto max-w-full min-w-28 items-center justify-between gap-2 text-left font-medium",
          !value && "font-normal text-gray-500",
          className,
        )}
        {...aria}
      >
        <span className="truncate">{value ? (display ?? value) : placeholder}</span>
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-gray-400" />
      </PopoverTrigger>
      <PopoverContent className="w-80 p-0" aria-label={label}>
        <Command label={label} filter={menuSearchScore}>
          <CommandInput placeholder={searchPlaceholder} value={search} onValueChange={setSearch} aria-label={searchPlaceholder} />
          <CommandList>
            <CommandEmpty>{emptyText}</CommandEmpty>
            <CommandGroup>
              {items.map((item) => (
                <CommandItem key={item.value} value={item.value} keywords={item.keywords} onSelect={() => choose(item.value)}>
                  <Check aria-hidden className={cn(item.value === value ? "opacity-100" : "opacity-0")} />
                  <span className="min-w-0 flex-1 truncate">{item.label}</span>
                  {item.hint ? <span className="ml-2 shrink-0 truncate text-xs text-gray-600">{item.hint}</span> : null}
                </CommandItem>
              ))}
            </CommandGroup>
            {allowCustom && typed && !exact ? (
              // A value that does not match the search keeps it after the real matches. The group is
              // forceMount as well: cmdk hides a group without a matching item, and forceMount items do not count.
              <CommandGroup forceMount>
                <CommandItem value="~custom" onSelect={() => choose(typed)} forceMount>
                  <Plus aria-hidden />
                  {allowCustom(typed)}
                </CommandItem>
              </CommandGroup>
            ) : null}
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
