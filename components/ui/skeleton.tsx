import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/** A grey placeholder block for loading.tsx screens; hidden from screen readers (the page says "Loading…"). */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-gray-200/80", className)} {...props} />;
}
