import { CircleCheck, Download } from "lucide-react";
import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ImportReport } from "@/db/schema";

type SummaryProps = {
  title: string;
  /** The counts, which add up to the rows read. */
  lines: [string, number][];
  /** The rows not applied, by reason, shown under the last line. */
  byReason: Record<string, number>;
  note?: string | null;
  errorFileHref: string;
  errorRows: number;
  back: { href: string; label: string };
  onAnother: () => void;
};

/** What an upload did, in counts that add up to the rows read, and the error file: a segment's import and a data store's upload. */
export function ImportReportSummary({ title, lines, byReason, note, errorFileHref, errorRows, back, onAnother }: SummaryProps) {
  const n = (v: number) => v.toLocaleString("en-US");
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <CircleCheck aria-hidden className="size-5 shrink-0 text-green-600" />
          {title}
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
          {Object.entries(byReason)
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .map(([reason, count]) => (
              <div key={reason} className="flex items-center justify-between gap-4 px-4 py-2 pl-8 text-sm">
                <dt className="text-gray-600">{reason.charAt(0).toUpperCase() + reason.slice(1)}</dt>
                <dd className="text-gray-700 tabular-nums">{n(count)}</dd>
              </div>
            ))}
        </dl>
        {note ? <p className="text-sm text-gray-700">{note}</p> : null}
        <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:justify-end">
          {errorRows > 0 ? (
            <a href={errorFileHref} download className={buttonClasses({ variant: "secondary" })}>
              <Download aria-hidden />
              Download the error file ({n(errorRows)} {errorRows === 1 ? "row" : "rows"})
            </a>
          ) : null}
          <Button variant="secondary" onClick={onAnother}>
            Upload another file
          </Button>
          <Link href={back.href} className={buttonClasses()}>
            {back.label}
          </Link>
        </div>
      </CardContent>
    </Card>
  );
}

type Props = {
  report: ImportReport;
  direction: "add" | "remove";
  errorFileHref: string;
  segmentHref: string;
  onAnother: () => void;
};

/** A segment import's report. */
export function ImportReportCard({ report, direction, errorFileHref, segmentHref, onAnother }: Props) {
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
  // "invalid email" only comes from a column read as emails: when it is most of the file, the
  // column most likely holds external IDs (usr_123), and the way out is to say so on upload.
  const invalidEmails = report.skippedByReason["invalid email"] ?? 0;
  const notes = [
    report.attributesUpdated > 0 ? `Attributes updated on ${report.attributesUpdated.toLocaleString("en-US")} existing customers.` : null,
    invalidEmails > 0 && invalidEmails * 2 >= report.rowsRead
      ? "Most identifiers are not email addresses. If the column holds external IDs, upload the file again and choose “External ids” under “It holds”."
      : null,
  ].filter((n): n is string => n !== null);
  return (
    <ImportReportSummary
      title={`${direction === "add" ? "Upload finished" : "Removal finished"}: ${report.rowsRead.toLocaleString("en-US")} rows read`}
      lines={lines}
      byReason={report.skippedByReason}
      note={notes.length > 0 ? notes.join(" ") : null}
      errorFileHref={errorFileHref}
      errorRows={report.skipped}
      back={{ href: segmentHref, label: "Back to the segment" }}
      onAnother={onAnother}
    />
  );
}
