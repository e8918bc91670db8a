import "server-only";
import { Download, FileDown } from "lucide-react";
import Link from "next/link";
import { Timestamp } from "@/components/dashboard/timestamp";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { exportDownloadUrl } from "@/lib/exports/download-link";
import { listExports, type ExportListItem } from "@/lib/exports/list-exports";
import { AutoRefresh } from "./auto-refresh";

export type ExportsListProps = {
  /** The workspace the page has already checked the signed-in user belongs to. */
  workspaceId: string;
  /** Only this segment's exports (the segment page); omitted: the whole workspace (the Exports page). */
  segmentPublicId?: string;
  /** Most recent first, at most this many (default 50; the segment page may want 10). */
  limit?: number;
  /** A card title, e.g. "Exports" on the segment page; the Exports page has its own page header. */
  title?: string;
  /** Whether the signed-in user may export (members and above): a viewer is told whom to ask instead of where to click. */
  canExport: boolean;
};

/**
 * The exports list, a server component: who requested each export and when, its columns, rows,
 * status (queued, building with progress, sent, failed with the reason) and a download link
 * while the file is valid. Refreshes itself while an export is running.
 */
export async function ExportsList({ workspaceId, segmentPublicId, limit, title, canExport }: ExportsListProps) {
  const db = await getDb();
  const items = await listExports(db, workspaceId, { segmentPublicId, limit });
  const running = items.some((i) => i.status === "queued" || i.status === "building" || i.status === "sending");
  const showSegment = !segmentPublicId;

  const header = title ? (
    <CardHeader>
      <div>
        <CardTitle>{title}</CardTitle>
        <CardDescription>CSV files are emailed to whoever asked, and can be downloaded here for 7 days.</CardDescription>
      </div>
    </CardHeader>
  ) : null;

  if (items.length === 0) {
    return (
      <Card>
        {header}
        <EmptyState icon={<FileDown />} title="No exports yet">
          {noExportsText(showSegment, canExport)}
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card className="overflow-hidden">
      {header}
      <AutoRefresh active={running} />
      <Table>
        <TableHeader>
          <TableRow>
            {showSegment ? <TableHead>Segment</TableHead> : null}
            <TableHead className={showSegment ? "hidden sm:table-cell" : undefined}>Requested</TableHead>
            <TableHead className="hidden md:table-cell">Columns</TableHead>
            <TableHead className="text-right">Rows</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>
              <span className="sr-only">Download</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id}>
              {showSegment ? (
                <TableCell className="font-medium text-gray-900">
                  <Link href={`/segments/${item.segmentPublicId}`} className="text-brand-700 hover:underline">
                    {item.segmentName}
                  </Link>
                  {/* On phones the Requested column folds in here. */}
                  <div className="mt-0.5 text-xs font-normal text-gray-500 sm:hidden">
                    <Timestamp date={item.createdAt} />
                  </div>
                </TableCell>
              ) : null}
              <TableCell className={showSegment ? "hidden sm:table-cell" : undefined}>
                <div className="break-all text-gray-900">{item.requestedBy ?? "A former member"}</div>
                <div className="text-xs text-gray-500">
                  <Timestamp date={item.createdAt} />
                </div>
              </TableCell>
              <TableCell className="hidden max-w-xs md:table-cell">
                <span className="line-clamp-2 text-gray-600" title={item.columns.join(", ")}>
                  {item.columns.join(", ")}
                </span>
              </TableCell>
              <TableCell className="text-right tabular-nums">{rows(item)}</TableCell>
              <TableCell>
                <ExportStatus item={item} />
              </TableCell>
              <TableCell className="text-right">
                {item.downloadUntil ? (
                  <a
                    href={exportDownloadUrl(item.id, item.downloadUntil)}
                    className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
                    title={`Available until ${item.downloadUntil.toISOString().slice(0, 16).replace("T", " ")} UTC`}
                  >
                    <Download aria-hidden className="size-4" />
                    CSV
                  </a>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}

function noExportsText(allSegments: boolean, canExport: boolean): string {
  if (!canExport) {
    // The Export button is disabled for viewers: "click Export" would send them to a control they cannot use.
    return allSegments
      ? "Viewers cannot export. Ask a member or an admin of this workspace to export a segment (or an admin to give you the member role); exports are listed here."
      : "Viewers cannot export. Ask a member or an admin of this workspace to export this segment (or an admin to give you the member role); exports are listed here.";
  }
  return allSegments ? "Open a segment and click Export: the CSV is emailed to you and listed here." : "Click Export in the top right corner: the CSV is emailed to you and listed here.";
}

function rows(item: ExportListItem): string {
  if (item.status === "queued" || item.rowCount === null) return "—";
  const n = item.status === "building" ? item.rowCount : item.rowsWritten;
  return n.toLocaleString("en-US");
}

function ExportStatus({ item }: { item: ExportListItem }) {
  switch (item.status) {
    case "queued":
      return <Badge>Queued</Badge>;
    case "building": {
      const pct = item.rowCount ? Math.min(100, Math.floor((item.rowsWritten / item.rowCount) * 100)) : 0;
      return (
        <div className="min-w-28">
          <Badge tone="brand">Building · {pct}%</Badge>
          <div className="mt-1.5 h-1.5 w-full overflow-hidden rounded-full bg-gray-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label="Export progress">
            <div className="h-full bg-brand-600" style={{ width: `${pct}%` }} />
          </div>
        </div>
      );
    }
    case "sending":
      return <Badge tone="brand">Sending email</Badge>;
    case "sent":
      return <Badge tone="green">Sent</Badge>;
    case "expired":
      return <Badge>Expired</Badge>;
    case "failed":
      return (
        <div className="max-w-xs">
          <Badge tone="red">Failed</Badge>
          {item.error ? <p className="mt-1 text-xs text-red-700">{item.error}</p> : null}
        </div>
      );
  }
}
