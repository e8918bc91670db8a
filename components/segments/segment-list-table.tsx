import { Timestamp } from "@/components/dashboard/timestamp";
import { Card } from "@/components/ui/card";
import { IntentLink } from "@/components/ui/intent-link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SegmentListParams } from "@/lib/segments/list-params";
import { ComputeStatus } from "./compute-status";
import { SegmentTypeBadge } from "./segment-type-badge";
import { SortableHeader } from "./sortable-header";

export type SegmentRow = {
  publicId: string;
  name: string;
  description: string;
  type: "automatic" | "manual";
  memberCount: number;
  computeStatus: "queued" | "computing" | "ready" | "failed";
  computeProgress: number | null;
  computeError: string | null;
  lastChangedAt: Date | null;
};

/**
 * The Segments list. Each row opens its segment; links prefetch on intent only. On phones the
 * type and status move under the name so nothing scrolls sideways.
 */
export function SegmentListTable({ segments, params }: { segments: SegmentRow[]; params: SegmentListParams }) {
  return (
    <Card>
      <Table>
        <caption className="sr-only">Segments</caption>
        <TableHeader>
          <TableRow>
            <SortableHeader params={params} sort="name" label="Name" />
            <TableHead className="hidden md:table-cell">Type</TableHead>
            <SortableHeader params={params} sort="size" label="Customers" className="text-right [&>a]:flex-row-reverse" />
            <SortableHeader params={params} sort="changed" label="Last change" className="hidden lg:table-cell" />
            <TableHead className="hidden md:table-cell">Status</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {segments.map((s) => (
            <TableRow
              key={s.publicId}
              className="relative hover:bg-gray-50 has-[a:focus-visible]:bg-brand-50 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:-outline-offset-2 has-[a:focus-visible]:outline-brand-500"
            >
              <TableCell className="max-w-md">
                {/* The link covers the whole row (after:inset-0), so any cell opens the segment. */}
                <IntentLink
                  href={`/segments/${s.publicId}`}
                  className="font-medium break-words text-gray-900 after:absolute after:inset-0 focus-visible:outline-none"
                >
                  {s.name}
                </IntentLink>
                {s.description ? <p className="mt-0.5 line-clamp-2 text-sm text-gray-500">{s.description}</p> : null}
                <div className="mt-2 flex flex-col items-start gap-2 md:hidden">
                  <SegmentTypeBadge type={s.type} />
                  <ComputeStatus computeStatus={s.computeStatus} computeProgress={s.computeProgress} computeError={s.computeError} />
                </div>
              </TableCell>
              <TableCell className="hidden md:table-cell">
                <SegmentTypeBadge type={s.type} />
              </TableCell>
              <TableCell className="text-right align-top font-medium tabular-nums md:align-middle">
                {s.memberCount.toLocaleString("en-US")}
              </TableCell>
              <TableCell className="hidden whitespace-nowrap text-gray-600 lg:table-cell">
                <Timestamp date={s.lastChangedAt} fallback="No change yet" />
              </TableCell>
              <TableCell className="hidden md:table-cell">
                <ComputeStatus computeStatus={s.computeStatus} computeProgress={s.computeProgress} computeError={s.computeError} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
