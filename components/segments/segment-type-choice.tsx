"use client";

import { Hand, Zap } from "lucide-react";
import { cn } from "@/lib/utils/cn";
import { segmentTypeCopy } from "./segment-type-copy";

type SegmentType = "automatic" | "manual";

const icons = { automatic: Zap, manual: Hand } as const;

/**
 * Automatic or Manual as two radio cards, each explained in one sentence. Native radios: arrow
 * keys move between them and the choice is submitted with the form as `type`.
 */
export function SegmentTypeChoice({
  value,
  onChange,
  errorId,
  invalid,
}: {
  value: SegmentType | null;
  onChange: (type: SegmentType) => void;
  errorId?: string;
  invalid?: boolean;
}) {
  return (
    <fieldset aria-describedby={invalid ? errorId : undefined}>
      <legend className="text-sm font-medium text-gray-700">Type</legend>
      <div className="mt-1.5 grid gap-3 sm:grid-cols-2">
        {(["automatic", "manual"] as const).map((type) => {
          const Icon = icons[type];
          const checked = value === type;
          return (
            <label
              key={type}
              className={cn(
                "relative flex cursor-pointer gap-3 rounded-lg border bg-white p-4 shadow-sm transition-colors hover:border-brand-300",
                "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
                checked ? "border-brand-500 bg-brand-50/60 ring-1 ring-brand-500" : invalid ? "border-red-300" : "border-gray-200",
              )}
            >
              <input
                type="radio"
                name="type"
                value={type}
                checked={checked}
                onChange={() => onChange(type)}
                className="mt-1 size-4 shrink-0 accent-brand-600 focus-visible:outline-none"
                aria-describedby={`segment-type-${type}-help`}
              />
              <span className="min-w-0">
                <span className="flex items-center gap-2 text-sm font-semibold text-gray-900">
                  <Icon aria-hidden className="size-4 text-brand-600" />
                  {segmentTypeCopy[type].title}
                </span>
                <span id={`segment-type-${type}-help`} className="mt-1 block text-sm text-gray-600">
                  {segmentTypeCopy[type].short}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
