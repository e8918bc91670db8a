import { Download } from "lucide-react";
import { Timestamp } from "@/components/dashboard/timestamp";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RecentImport } from "@/lib/csv-import/list-recent-imports";

const n = (v: number) => v.toLocaleString("en-US");

/** What an upload did, in the report's own words, short. */
function outcome(item: RecentImport): string {
  const r = item.report;
  if (!r) return "—";
  if ("target" in r) return `${n(r.added)} added, ${n(r.changed)} changed, ${n(r.unchanged)} unchanged, ${n(r.rejected)} rejected`;
  return item.direction === "add"
    ? `${n(r.added + r.created)} added${r.created > 0 ? ` (${n(r.created)} new customers)` : ""}, ${n(r.alreadyMembers)} already members, ${n(r.skipped)} skipped`
    : `${n(r.removed)} removed, ${n(r.notMembers)} not members${r.keptByDataStore > 0 ? `, ${n(r.keptByDataStore)} kept by a data store` : ""}, ${n(r.skipped)} skipped`;
}

function rejectedRows(item: RecentImport): number {
  const r = item.report;
  if (!r) return 0;
  return "target" in r ? r.rejected : r.skipped;
}

function Status({ item }: { item: RecentImport }) {
  switch (item.status) {
    case "applied":
      return <Badge tone="green">Done</Badge>;
    case "applying":
      return <Badge tone="brand">Applying</Badge>;
    case "uploading":
      return <Badge>Not finished</Badge>;
    case "failed":
      return (
        <span className="inline-flex flex-col gap-1">
          <Badge tone="red">Failed</Badge>
          {item.error ? <span className="text-xs text-red-700">{item.error}</span> : null}
        </span>
      );
  }
}

/**
 * The latest CSV uploads of a segment or data store: so the report and the error file are not
 * lost once the user leaves the upload page. Renders nothing before the first upload.
 */
export function RecentUploadsCard({ workspaceId, items }: { workspaceId: string; items: RecentImport[] }) {
  if (items.length === 0) return null;
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <div>
          <CardTitle>Recent uploads</CardTitle>
          <CardDescription>The last {items.length === 1 ? "CSV file" : `${items.length} CSV files`} uploaded here, what each did, and the rows it could not use.</CardDescription>
        </div>
      </CardHeader>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>File</TableHead>
            <TableHead className="hidden md:table-cell">Result</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>
              <span className="sr-only">Error file</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id}>
              <TableCell className="max-w-64">
                <div className="truncate font-medium text-gray-900" title={item.fileName}>
                  {item.direction === "remove" ? "Removal: " : ""}
                  {item.fileName}
                </div>
                <div className="text-xs text-gray-500">
                  {item.uploadedBy ?? "A former member"} · <Timestamp date={item.createdAt} />
                </div>
                {/* On phones the Result column folds in here. */}
                <div className="mt-0.5 text-xs text-gray-600 md:hidden">{outcome(item)}</div>
              </TableCell>
              <TableCell className="hidden text-gray-700 md:table-cell">
                {item.report ? `${n(item.report.rowsRead)} rows: ${outcome(item)}` : "—"}
              </TableCell>
              <TableCell>
                <Status item={item} />
              </TableCell>
              <TableCell className="text-right">
                {item.status === "applied" && rejectedRows(item) > 0 ? (
                  <a
                    href={`/api/imports/${item.id}/errors?workspaceId=${encodeURIComponent(workspaceId)}`}
                    className="inline-flex items-center gap-1 text-sm font-medium whitespace-nowrap text-brand-700 hover:underline"
                  >
                    <Download aria-hidden className="size-4" />
                    Error file
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
