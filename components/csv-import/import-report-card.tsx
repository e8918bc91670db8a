import { CircleCheck, Download } from "lucide-react";
import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ImportReport } from "@/db/schema";

type Props = {
  report: ImportReport;
  direction: "add" | "remove";
  errorFileHref: string;
  segmentHref: string;
  onAnother: () => void;
};

/** What an import did, in counts that add up to the rows read, and the error file. */
export function ImportReportCard({ report, direction, errorFileHref, segmentHref, onAnother }: Props) {
  const n = (v: number) => v.toLocaleString("en-US");
  const lines: [string, number][] =
    direction === "add"
      ? [
          ["Added to the segment", report.added],
          ["Customers created and added", report.created],
          ["Already members", report.alreadyMembers],
          ["Skipped", report.skipped],
        ]
      : [
          ["Removed from the segment", report.removed],
          ["Not members", report.notMembers],
          ["Kept: a data store still includes them", report.keptByDataStore],
          ["Skipped", report.skipped],
        ];
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <CircleCheck aria-hidden className="size-5 text-green-600" />
          Import finished: {n(report.rowsRead)} rows read
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-5">
        <dl className="divide-y divide-gray-100 rounded-md border border-gray-200">
          {lines.map(([label, value]) => (
            <div key={label} className="flex items-center justify-between gap-4 px-4 py-2.5 text-sm">
              <dt className="text-gray-700">{label}</dt>
              <dd className="font-semibold text-gray-900 tabular-nums">{n(value)}</dd>
            </div>
          ))}
          {Object.entries(report.skippedByReason)
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .map(([reason, count]) => (
            <div key={reason} className="flex items-center justify-between gap-4 px-4 py-2 pl-8 text-sm">
              <dt className="text-gray-600">{reason.charAt(0).toUpperCase() + reason.slice(1)}</dt>
              <dd className="text-gray-700 tabular-nums">{n(count)}</dd>
            </div>
          ))}
        </dl>
        {report.attributesUpdated > 0 ? <p className="text-sm text-gray-700">Attributes updated on {n(report.attributesUpdated)} existing customers.</p> : null}
        <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:justify-end">
          {report.skipped > 0 ? (
            <a href={errorFileHref} download className={buttonClasses({ variant: "secondary" })}>
              <Download aria-hidden />
              Download the error file ({n(report.skipped)} {report.skipped === 1 ? "row" : "rows"})
            </a>
          ) : null}
          <Button variant="secondary" onClick={onAnother}>
            Upload another file
          </Button>
          <Link href={segmentHref} className={buttonClasses()}>
            Back to the segment
          </Link>
        </div>
      </CardContent>
    </Card>
  );
}
