import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/**
 * Scrolls sideways on narrow screens instead of squeezing columns. The scroll box takes
 * keyboard focus, so a keyboard user can scroll it too (WCAG 2.1.1; axe scrollable-region-focusable).
 */
export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    <div tabIndex={0} className="relative w-full overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500">
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("border-b border-gray-200 bg-gray-50/80", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-gray-100", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("transition-colors", className)} {...props} />;
}

export function TableHead({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cn("px-4 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-gray-600 uppercase", className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-4 py-3 align-middle text-gray-800", className)} {...props} />;
}
