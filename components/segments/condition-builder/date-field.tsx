"use client";

import { format, isValid, parse } from "date-fns";
import { CalendarDays } from "lucide-react";
import { useState, type CSSProperties } from "react";
import { DayPicker } from "react-day-picker";
import "react-day-picker/style.css";
import { fieldClasses } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { cn } from "@/lib/utils/cn";

/**
 * A date as the schema takes it ("2026-05-01", read as a UTC day): typed, or picked from a
 * calendar (react-day-picker, keyboard navigable). A saved date-time stays as it was until
 * another day is picked.
 */
export function DateField({
  label,
  value,
  onChange,
  autoFocus,
  ...aria
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const [open, setOpen] = useState(false);
  const day = parse(value.slice(0, 10), "yyyy-MM-dd", new Date());
  const selected = isValid(day) ? day : undefined;
  return (
    <div className="flex items-center">
      <input
        aria-label={label}
        value={value}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value.trim())}
        placeholder="YYYY-MM-DD"
        inputMode="numeric"
        className={cn(fieldClasses, "h-9 w-36 rounded-r-none")}
        {...aria}
      />
      <Popover open={open} onOpenChange={setOpen}>
        <PopoverTrigger
          type="button"
          aria-label={`Pick ${label.toLowerCase()} from a calendar`}
          className="inline-flex h-9 items-center rounded-r-md border border-l-0 border-gray-300 bg-white px-2 text-gray-600 shadow-sm hover:bg-gray-50"
        >
          <CalendarDays aria-hidden className="size-4" />
        </PopoverTrigger>
        <PopoverContent aria-label={`Calendar for ${label.toLowerCase()}`} className="p-2">
          <DayPicker
            mode="single"
            // Inline, because the picker's own stylesheet sets these on its root.
            style={{ "--rdp-accent-color": "var(--color-brand-600)", "--rdp-accent-background-color": "var(--color-brand-50)" } as CSSProperties}
            selected={selected}
            defaultMonth={selected}
            captionLayout="dropdown"
            startMonth={new Date(1990, 0)}
            endMonth={new Date(new Date().getFullYear() + 5, 11)}
            autoFocus
            // The visible day number first, so the button's name contains what it shows.
            labels={{ labelDayButton: (date, modifiers) => `${format(date, "d MMMM yyyy, EEEE")}${modifiers?.selected ? ", selected" : ""}` }}
            onSelect={(d) => {
              if (d) onChange(format(d, "yyyy-MM-dd"));
              setOpen(false);
            }}
          />
        </PopoverContent>
      </Popover>
    </div>
  );
}
