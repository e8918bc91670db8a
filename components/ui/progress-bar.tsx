import { cn } from "@/lib/utils/cn";

/**
 * A determinate bar for `value` in [0, 1], or an indeterminate one while the amount is not known
 * yet (null). Named for assistive technology through `label`.
 */
export function ProgressBar({ value, label, className }: { value: number | null; label: string; className?: string }) {
  const percent = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={percent === null ? "Starting…" : `${percent}%`}
      className={cn("h-1.5 w-full overflow-hidden rounded-full bg-gray-200", className)}
    >
      {percent === null ? (
        <div className="h-full w-1/3 animate-pulse rounded-full bg-brand-500" />
      ) : (
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500" style={{ width: `${percent}%` }} />
      )}
    </div>
  );
}
