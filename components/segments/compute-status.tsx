import { CircleAlert, CircleCheck, Loader2 } from "lucide-react";
import { ProgressBar } from "@/components/ui/progress-bar";
import { cn } from "@/lib/utils/cn";

export type ComputeStatusProps = {
  computeStatus: "queued" | "computing" | "ready" | "failed";
  computeProgress: number | null;
  computeError: string | null;
  /** "compact" for table cells, "full" for the segment page (the whole error, a wider bar). */
  variant?: "compact" | "full";
};

/** Where a segment's membership stands: being calculated (with progress), up to date, or failed with the reason. */
export function ComputeStatus({ computeStatus, computeProgress, computeError, variant = "compact" }: ComputeStatusProps) {
  if (computeStatus === "ready") {
    return (
      <span className="inline-flex items-center gap-1.5 text-sm text-green-700">
        <CircleCheck aria-hidden className="size-4" />
        Up to date
      </span>
    );
  }
  if (computeStatus === "failed") {
    return (
      <span className={cn("inline-flex items-start gap-1.5 text-sm text-red-700", variant === "compact" && "max-w-56")}>
        <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span className={cn(variant === "compact" && "line-clamp-2")} title={computeError ?? undefined}>
          Failed{computeError ? `: ${computeError}` : ""}
        </span>
      </span>
    );
  }
  const label = computeStatus === "queued" ? "Waiting to calculate" : "Calculating members";
  const percent = computeProgress === null ? null : Math.round(computeProgress * 100);
  return (
    <span className={cn("inline-flex flex-col gap-1.5", variant === "compact" ? "w-40" : "w-full max-w-xs")}>
      <span className="inline-flex items-center gap-1.5 text-sm text-amber-800">
        <Loader2 aria-hidden className="size-4 animate-spin" />
        {label}
        {percent !== null && computeStatus === "computing" ? <span className="tabular-nums">· {percent}%</span> : null}
      </span>
      <ProgressBar value={computeStatus === "queued" ? null : computeProgress} label={label} />
    </span>
  );
}
