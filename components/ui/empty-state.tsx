import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export function EmptyState({
  icon,
  title,
  children,
  action,
  className,
  ...props
}: Omit<ComponentProps<"div">, "title"> & { icon?: ReactNode; title: ReactNode; action?: ReactNode }) {
  return (
    <div className={cn("flex flex-col items-center px-6 py-12 text-center", className)} {...props}>
      {icon ? (
        <div aria-hidden className="mb-4 flex size-12 items-center justify-center rounded-full bg-brand-50 text-brand-600 [&_svg]:size-6">
          {icon}
        </div>
      ) : null}
      <h2 className="text-base font-semibold text-gray-900">{title}</h2>
      {children ? <div className="mt-2 max-w-prose text-sm text-gray-600">{children}</div> : null}
      {action ? <div className="mt-6">{action}</div> : null}
    </div>
  );
}
