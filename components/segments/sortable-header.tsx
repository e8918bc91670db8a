import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { TableHead } from "@/components/ui/table";
import { segmentListHref, toggleSort, type SegmentListParams, type SegmentSort } from "@/lib/segments/list-params";
import { cn } from "@/lib/utils/cn";

/** A column header that sorts the list by its column (and flips the direction when clicked again). */
export function SortableHeader({
  params,
  sort,
  label,
  className,
}: {
  params: SegmentListParams;
  sort: SegmentSort;
  label: string;
  className?: string;
}) {
  const active = params.sort === sort;
  const Icon = !active ? ArrowUpDown : params.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <TableHead aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : "none"} className={className}>
      <Link
        href={segmentListHref(toggleSort(params, sort))}
        prefetch={false}
        scroll={false}
        className={cn("inline-flex items-center gap-1 rounded hover:text-gray-900", active && "text-gray-900")}
      >
        {label}
        <Icon aria-hidden className={cn("size-3.5", !active && "text-gray-400")} />
      </Link>
    </TableHead>
  );
}
