"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Notice } from "@/components/ui/notice";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Select } from "@/components/ui/select";
import type { ImportReport } from "@/db/schema";
import { startImportAction } from "@/lib/actions/csv-import/start-import";
import { attributeKeyFromHeader, identifierColumnProblem } from "@/lib/csv-import/analyze-columns";
import { MAX_IMPORT_FILE_BYTES } from "@/lib/csv-import/import-limits";
import { uploadThenApply } from "./apply-staged-import";
import { CsvFilePicker, CsvPreviewTable, previewColumns } from "./csv-file-parts";
import type { WorkerResponse } from "./csv-import-protocol";
import { useCsvWorker } from "./use-csv-worker";
import { ImportReportCard } from "./import-report-card";

type Preview = Extract<WorkerResponse, { type: "preview" }>;
type Phase =
  | { step: "choose" }
  | { step: "reading" }
  | { step: "options" }
  | { step: "uploading"; rows: number; fraction: number }
  | { step: "applying"; rows: number }
  | { step: "done"; report: ImportReport; importId: string };


export type CsvImportWizardProps = {
  workspaceId: string;
  segment: { publicId: string; name: string };
  direction: "add" | "remove";
};

/**
 * Upload a CSV into a manual segment (or remove its rows from it): the file is read and
 * sent by a worker, in batches, then applied on the server all at once.
 */
export function CsvImportWizard({ workspaceId, segment, direction }: CsvImportWizardProps) {
  const [phase, setPhase] = useState<Phase>({ step: "choose" });
  const [error, setError] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [identifierIndex, setIdentifierIndex] = useState<number | null>(null);
  const [kind, setKind] = useState<"email" | "external_id">("email");
  const [hasHeader, setHasHeader] = useState(true);
  const [createUnknown, setCreateUnknown] = useState(false);
  const [attributes, setAttributes] = useState<Record<number, string>>({});
  const importIdRef = useRef<string | null>(null);
  const ask = useCsvWorker(() => {
    setError("The file could not be read in this browser.");
    setPhase({ step: "choose" });
  });

  function choose(chosen: File | undefined) {
    setError(null);
    setPreview(null);
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_FILE_BYTES) return setError(`The file is larger than ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
    if (!/\.(csv|tsv|txt)$/i.test(chosen.name)) return setError("Choose a CSV file (.csv, .tsv or .txt). Excel workbooks: save as CSV first.");
    setFile(chosen);
    setPhase({ step: "reading" });
    ask({ type: "preview", file: chosen }, (m) => {
      if (m.type === "error") {
        setError(m.message);
        setPhase({ step: "choose" });
      } else if (m.type === "preview") {
        setPreview(m);
        setHasHeader(m.analysis.hasHeader);
        setIdentifierIndex(m.analysis.identifierIndex);
        setKind(m.analysis.identifierKind);
        setAttributes({});
        setPhase({ step: "options" });
      }
    });
  }

  const { headers, dataRows } = previewColumns(preview, hasHeader);
  const problem = preview ? identifierColumnProblem(preview.records, { hasHeader, headers }, identifierIndex, kind) : null;

  async function start() {
    if (!file || !preview || identifierIndex === null || problem) return;
    setError(null);
    const mapping = Object.entries(attributes)
      .filter(([, key]) => key.trim() !== "")
      .map(([index, key]) => ({ index: Number(index), key: key.trim() }));
    const started = await startImportAction(null, {
      workspaceId,
      segmentId: segment.publicId,
      direction,
      identifierKind: kind,
      createUnknown: direction === "add" && createUnknown,
      fileName: file.name,
      fileSize: file.size,
      attributeKeys: mapping.map((m) => m.key),
    });
    if (!started.ok || !started.data) return setError(started.ok ? "The import could not start." : started.error);
    const importId = (started.data as { importId: string }).importId;
    importIdRef.current = importId;
    setPhase({ step: "uploading", rows: 0, fraction: 0 });
    uploadThenApply(ask, { type: "upload", file, encoding: preview.encoding, importId, workspaceId, hasHeader, identifierIndex, attributes: mapping }, {
      progress: (rows, fraction) => setPhase({ step: "uploading", rows, fraction }),
      applying: (rows) => setPhase({ step: "applying", rows }),
      failed: (message) => {
        setError(message);
        setPhase({ step: "options" });
      },
      applied: (report) => {
        if (!("target" in report)) setPhase({ step: "done", report, importId });
        else {
          setError("The import could not be applied.");
          setPhase({ step: "options" });
        }
      },
    });
  }

  const verb = direction === "add" ? "Add" : "Remove";
  const busy = phase.step === "uploading" || phase.step === "applying";

  if (phase.step === "done") {
    return (
      <ImportReportCard
        report={phase.report}
        direction={direction}
        errorFileHref={`/api/imports/${phase.importId}/errors?workspaceId=${encodeURIComponent(workspaceId)}`}
        segmentHref={`/segments/${segment.publicId}`}
        onAnother={() => {
          setPhase({ step: "choose" });
          setFile(null);
          setPreview(null);
        }}
      />
    );
  }

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>1. Choose a CSV file</CardTitle>
          <CardDescription>
            One customer per row, identified by email or by your own id for them. Comma, semicolon or tab separated; UTF-8 or UTF-16 (as
            Excel saves it). Up to {MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CsvFilePicker file={file} preview={preview} reading={phase.step === "reading"} error={error} disabled={busy} onChoose={choose} />
        </CardContent>
      </Card>

      {preview && phase.step !== "choose" && phase.step !== "reading" ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>2. Check the first rows</CardTitle>
              <CardDescription>
                {preview.wholeFile ? `The whole file: ${dataRows.length.toLocaleString("en-US")} rows.` : `The first ${dataRows.length} rows.`}{" "}
                The identifier column is highlighted.
              </CardDescription>
            </CardHeader>
            <CardContent className="space-y-4">
              <label className="flex items-center gap-2 text-sm text-gray-800">
                <input type="checkbox" className="size-4 rounded border-gray-300" checked={hasHeader} onChange={(e) => setHasHeader(e.target.checked)} disabled={busy} />
                The first row holds column names
              </label>
              <CsvPreviewTable headers={headers} rows={dataRows} firstRowNumber={hasHeader ? 2 : 1} highlight={identifierIndex === null ? [] : [identifierIndex]} />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>3. How to read it</CardTitle>
            </CardHeader>
            <CardContent className="space-y-5">
              <div className="grid gap-4 sm:grid-cols-2">
                <div className="space-y-1.5">
                  <Label htmlFor="identifier-column">Column that identifies customers</Label>
                  <Select
                    id="identifier-column"
                    value={identifierIndex ?? ""}
                    disabled={busy}
                    onChange={(e) => setIdentifierIndex(e.target.value === "" ? null : Number(e.target.value))}
                  >
                    <option value="">Choose a column…</option>
                    {headers.map((h, i) => (
                      <option key={i} value={i}>
                        {h}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="space-y-1.5">
                  <Label htmlFor="identifier-kind">It holds</Label>
                  <Select id="identifier-kind" value={kind} disabled={busy} onChange={(e) => setKind(e.target.value as "email" | "external_id")}>
                    <option value="email">Email addresses</option>
                    <option value="external_id">External ids (your user ids)</option>
                  </Select>
                </div>
              </div>
              {problem ? <Notice tone="warning">{problem}</Notice> : null}

              {direction === "add" ? (
                <fieldset className="space-y-2">
                  <legend className="text-sm font-medium text-gray-900">Rows that match no customer</legend>
                  <label className="flex items-start gap-2 text-sm text-gray-800">
                    <input type="radio" name="unknown" className="mt-0.5 size-4" checked={!createUnknown} onChange={() => setCreateUnknown(false)} disabled={busy} />
                    <span>Skip them (listed in the error file)</span>
                  </label>
                  <label className="flex items-start gap-2 text-sm text-gray-800">
                    <input type="radio" name="unknown" className="mt-0.5 size-4" checked={createUnknown} onChange={() => setCreateUnknown(true)} disabled={busy} />
                    <span>Create the customers, then add them</span>
                  </label>
                </fieldset>
              ) : null}

              {direction === "add" && headers.length > 1 ? (
                <details className="group rounded-md border border-gray-200">
                  <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-gray-900">Also update attributes from other columns (optional)</summary>
                  <div className="space-y-2 border-t border-gray-200 px-3 py-3">
                    <p className="text-xs text-gray-600">Give a column an attribute name to store its values on the customer. Blank cells never overwrite a value.</p>
                    {headers.map((h, i) =>
                      i === identifierIndex ? null : (
                        <div key={i} className="grid grid-cols-1 items-center gap-1 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] sm:gap-3">
                          <label htmlFor={`attr-${i}`} className="truncate text-sm text-gray-800">
                            {h}
                          </label>
                          <input
                            id={`attr-${i}`}
                            className="h-9 rounded-md border border-gray-300 px-3 text-sm"
                            placeholder={`e.g. ${attributeKeyFromHeader(h)}`}
                            value={attributes[i] ?? ""}
                            disabled={busy}
                            onChange={(e) => setAttributes((a) => ({ ...a, [i]: e.target.value }))}
                          />
                        </div>
                      ),
                    )}
                  </div>
                </details>
              ) : null}

              {phase.step === "uploading" || phase.step === "applying" ? (
                <div className="space-y-2" aria-live="polite">
                  <ProgressBar value={phase.step === "uploading" ? phase.fraction : null} label={phase.step === "uploading" ? "Uploading" : "Applying"} />
                  <p className="text-sm text-gray-700">
                    {phase.step === "uploading"
                      ? `Uploading… ${phase.rows.toLocaleString("en-US")} rows sent`
                      : `Applying ${phase.rows.toLocaleString("en-US")} rows to “${segment.name}”…`}
                  </p>
                </div>
              ) : null}

              <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                <Link href={`/segments/${segment.publicId}`} className={buttonClasses({ variant: "secondary" })}>
                  Cancel
                </Link>
                <Button onClick={() => void start()} disabled={busy || identifierIndex === null || problem !== null} variant={direction === "remove" ? "danger" : "primary"}>
                  {verb} customers {direction === "add" ? "to" : "from"} “{truncate(segment.name, 28)}”
                </Button>
              </div>
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

