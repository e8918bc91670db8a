import { CircleAlert, Info } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

export type NoticeTone = "info" | "warning";

/** An inline, non-dismissable note inside a page or card. */
export function Notice({ tone = "info", className, children, ...props }: ComponentProps<"div"> & { tone?: NoticeTone }) {
  const Icon = tone === "warning" ? CircleAlert : Info;
  return (
    <div
      className={cn(
        "flex items-start gap-2 rounded-md px-3 py-2 text-sm",
        tone === "warning" ? "bg-amber-50 text-amber-900" : "bg-brand-50 text-brand-700",
        className,
      )}
      {...props}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
