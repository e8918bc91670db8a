"use client";

import Link from "next/link";
import { useState } from "react";
import { uploadThenApply } from "@/components/csv-import/apply-staged-import";
import { CsvFilePicker, CsvPreviewTable, previewColumns } from "@/components/csv-import/csv-file-parts";
import type { WorkerResponse } from "@/components/csv-import/csv-import-protocol";
import { ImportReportSummary } from "@/components/csv-import/import-report-card";
import { useCsvWorker } from "@/components/csv-import/use-csv-worker";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Select } from "@/components/ui/select";
import type { DataStoreIdentifierKind, DataStoreImportReport } from "@/db/schema";
import { startDataStoreImportAction } from "@/lib/actions/data-stores/start-data-store-import";
import { attributeKeyFromHeader, EMAIL_PATTERN } from "@/lib/csv-import/analyze-columns";
import { CSV_FILE_NAME, MAX_IMPORT_FILE_BYTES, NOT_A_CSV_NAME_MESSAGE } from "@/lib/csv-import/import-limits";
import { MAX_FIELDS_PER_RECORD } from "@/lib/data-stores/data-store-limits";
import { CUSTOMER_CELL, recordIdHeader } from "@/lib/data-stores/record-csv";

type Preview = Extract<WorkerResponse, { type: "preview" }>;
type Phase =
  | { step: "choose" }
  | { step: "reading" }
  | { step: "options" }
  | { step: "uploading"; rows: number; fraction: number }
  | { step: "applying"; rows: number }
  | { step: "done"; report: DataStoreImportReport; importId: string };

type Store = { publicId: string; name: string; identifierKind: DataStoreIdentifierKind };

/**
 * Upload records into a data store from a CSV file, on the segment import's pipeline: the
 * worker parses the file (streamed papaparse) and sends it in batches into the import's staging
 * table; the server then applies every valid row at once (a background job for a large file)
 * and reports what it did, with an error file of the rows it rejected.
 */
export function DataStoreUpload({ workspaceId, dataStore }: { workspaceId: string; dataStore: Store }) {
  const [phase, setPhase] = useState<Phase>({ step: "choose" });
  const [error, setError] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [hasHeader, setHasHeader] = useState(true);
  const [keyIndex, setKeyIndex] = useState<number | null>(null);
  const [customerIndex, setCustomerIndex] = useState<number | null>(null);
  const [skipped, setSkipped] = useState<Set<number>>(new Set());
  const ask = useCsvWorker(() => {
    setError("The file could not be read in this browser.");
    setPhase({ step: "choose" });
  });
  const byEmail = dataStore.identifierKind === "email";
  const customerWord = byEmail ? "Customer email" : "Customer external ID";

  function reset() {
    setPhase({ step: "choose" });
    setFile(null);
    setPreview(null);
    setError(null);
  }

  function choose(chosen: File | undefined) {
    setError(null);
    setPreview(null);
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_FILE_BYTES) return setError(`The file is larger than ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
    if (!CSV_FILE_NAME.test(chosen.name)) return setError(NOT_A_CSV_NAME_MESSAGE);
    setFile(chosen);
    setPhase({ step: "reading" });
    ask({ type: "preview", file: chosen }, (m) => {
      if (m.type === "error") {
        setError(m.message);
        setPhase({ step: "choose" });
      } else if (m.type === "preview") {
        const guess = guessColumns(m, byEmail);
        setPreview(m);
        setHasHeader(m.analysis.hasHeader);
        setKeyIndex(guess.key);
        setCustomerIndex(guess.customer);
        setSkipped(new Set());
        setPhase({ step: "options" });
      }
    });
  }

  const { headers, dataRows } = previewColumns(preview, hasHeader);
  const fieldColumns = headers.map((h, i) => ({ index: i, header: h, key: attributeKeyFromHeader(h) })).filter((c) => c.index !== keyIndex && c.index !== customerIndex);
  const chosenFields = fieldColumns.filter((c) => !skipped.has(c.index));
  const problem = columnsProblem({ keyIndex, customerIndex, headers, dataRows, byEmail, chosenFields });

  async function upload() {
    if (!file || !preview || keyIndex === null || customerIndex === null || problem) return;
    setError(null);
    const started = await startDataStoreImportAction(null, {
      workspaceId,
      dataStoreId: dataStore.publicId,
      fileName: file.name,
      fileSize: file.size,
      fieldNames: chosenFields.map((c) => c.key),
    });
    if (!started.ok || !started.data) return setError(started.ok ? "The upload could not start." : started.error);
    const { importId } = started.data;
    setPhase({ step: "uploading", rows: 0, fraction: 0 });
    const attributes = [{ index: customerIndex, key: CUSTOMER_CELL }, ...chosenFields.map((c) => ({ index: c.index, key: c.key }))];
    uploadThenApply(ask, { type: "upload", file, encoding: preview.encoding, importId, workspaceId, hasHeader, identifierIndex: keyIndex, attributes }, {
      progress: (rows, fraction) => setPhase({ step: "uploading", rows, fraction }),
      applying: (rows) => setPhase({ step: "applying", rows }),
      failed: (message) => {
        setError(message);
        setPhase({ step: "options" });
      },
      applied: (report) => {
        if ("target" in report) setPhase({ step: "done", report, importId });
        else {
          setError("The upload could not be applied.");
          setPhase({ step: "options" });
        }
      },
    });
  }

  if (phase.step === "done") {
    const r = phase.report;
    const name = dataStore.name.length > 28 ? `${dataStore.name.slice(0, 27)}…` : dataStore.name;
    return (
      <ImportReportSummary
        title={`Upload finished: ${r.rowsRead.toLocaleString("en-US")} ${r.rowsRead === 1 ? "row" : "rows"} read`}
        lines={[
          ["Records added", r.added],
          ["Records changed", r.changed],
          ["Unchanged: already in the store", r.unchanged],
          ["Rejected", r.rejected],
        ]}
        byReason={r.rejectedByReason}
        errorFileHref={`/api/imports/${phase.importId}/errors?workspaceId=${encodeURIComponent(workspaceId)}`}
        errorRows={r.rejected}
        back={{ href: `/data-stores/${dataStore.publicId}`, label: `Back to “${name}”` }}
        onAnother={reset}
      />
    );
  }

  const busy = phase.step === "uploading" || phase.step === "applying";
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <div>
            <CardTitle>1. Choose a CSV file</CardTitle>
            <CardDescription>
              One record per row: its Record ID, the customer&apos;s {byEmail ? "email" : "external ID"}, and any other columns as data fields. Comma, semicolon or tab
              separated; UTF-8 or UTF-16 (as Excel saves it). Up to {MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB.
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          <CsvFilePicker file={file} preview={preview} reading={phase.step === "reading"} error={error} disabled={busy} onChoose={choose} />
        </CardContent>
      </Card>

      {preview && phase.step !== "choose" && phase.step !== "reading" ? (
        <>
          <Card>
            <CardHeader>
              <div>
                <CardTitle>2. Check the first rows</CardTitle>
                <CardDescription>
                  {preview.wholeFile ? `The whole file: ${dataRows.length.toLocaleString("en-US")} ${dataRows.length === 1 ? "row" : "rows"}.` : `The first ${dataRows.length} rows.`} The Record
                  ID and customer columns are highlighted.
                </CardDescription>
              </div>
            </CardHeader>
            <CardContent className="space-y-4">
              <label className="flex items-center gap-2 text-sm text-gray-800">
                <input type="checkbox" className="size-4 rounded border-gray-300" checked={hasHeader} onChange={(e) => setHasHeader(e.target.checked)} disabled={busy} />
                The first row holds column names
              </label>
              <CsvPreviewTable headers={headers} rows={dataRows} firstRowNumber={hasHeader ? 2 : 1} highlight={[keyIndex, customerIndex].filter((i): i is number => i !== null)} />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <div>
                <CardTitle>3. Choose the columns</CardTitle>
                <CardDescription>
                  A row whose Record ID is already in the store replaces that record (an empty cell leaves its field out). A Record ID twice in the file: the first row is used,
                  the others are listed in the error file.
                </CardDescription>
              </div>
            </CardHeader>
            <CardContent className="space-y-5">
              <div className="grid gap-4 sm:grid-cols-2">
                <ColumnSelect id="key-column" label="Record ID column" headers={headers} value={keyIndex} disabled={busy} onChange={setKeyIndex} />
                <ColumnSelect id="customer-column" label={`${customerWord} column`} headers={headers} value={customerIndex} disabled={busy} onChange={setCustomerIndex} />
              </div>
              {fieldColumns.length > 0 ? (
                <fieldset className="space-y-2">
                  <legend className="text-sm font-medium text-gray-900">Other columns become data fields</legend>
                  <div className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
                    {fieldColumns.map((c) => (
                      <label key={c.index} className="flex min-w-0 items-center gap-2 text-sm text-gray-800">
                        <input
                          type="checkbox"
                          className="size-4 shrink-0 rounded border-gray-300"
                          checked={!skipped.has(c.index)}
                          disabled={busy}
                          onChange={(e) =>
                            setSkipped((s) => {
                              const next = new Set(s);
                              if (e.target.checked) next.delete(c.index);
                              else next.add(c.index);
                              return next;
                            })
                          }
                        />
                        <span className="min-w-0 truncate" title={`${c.header} → ${c.key}`}>
                          {c.header} <span className="font-mono text-xs text-gray-500">→ {c.key}</span>
                        </span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              ) : (
                <p className="text-sm text-gray-600">The file has no other columns: the records will have no data fields.</p>
              )}
              {problem ? (
                <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  {problem}
                </p>
              ) : null}
              {busy ? (
                <div className="space-y-2" aria-live="polite">
                  <ProgressBar value={phase.step === "uploading" ? phase.fraction : null} label={phase.step === "uploading" ? "Uploading" : "Applying"} />
                  <p className="text-sm text-gray-700">
                    {phase.step === "uploading" ? `Uploading… ${phase.rows.toLocaleString("en-US")} rows sent` : `Writing ${phase.rows.toLocaleString("en-US")} rows to “${dataStore.name}”…`}
                  </p>
                </div>
              ) : null}
              <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                <Link href={`/data-stores/${dataStore.publicId}`} className={buttonClasses({ variant: "secondary" })}>
                  Cancel
                </Link>
                <Button onClick={() => void upload()} disabled={busy || problem !== null}>
                  {busy ? "Uploading…" : "Upload records"}
                </Button>
              </div>
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}

/** The Record ID column by its header (`Record ID`, `key`, `order_id`, …), the customer column by its header or its emails. */
function guessColumns(preview: Preview, byEmail: boolean): { key: number; customer: number } {
  const { analysis, records } = preview;
  const first = analysis.hasHeader ? (records[0] ?? []) : [];
  const width = Math.max(...records.map((r) => r.length));
  const customer = byEmail ? (analysis.identifierKind === "email" ? analysis.identifierIndex : null) : analysis.identifierKind === "external_id" ? analysis.identifierIndex : null;
  const namedKey = first.findIndex((c, i) => i !== customer && recordIdHeader.test(c.trim()));
  const key = namedKey >= 0 ? namedKey : customer === 0 ? 1 : 0;
  const fallbackCustomer = Array.from({ length: width }, (_, i) => i).find((i) => i !== key) ?? 0;
  return { key, customer: customer !== null && customer !== key ? customer : fallbackCustomer };
}

function columnsProblem({
  keyIndex,
  customerIndex,
  headers,
  dataRows,
  byEmail,
  chosenFields,
}: {
  keyIndex: number | null;
  customerIndex: number | null;
  headers: string[];
  dataRows: string[][];
  byEmail: boolean;
  chosenFields: { header: string; key: string }[];
}): string | null {
  if (keyIndex === null || customerIndex === null) return "Choose the Record ID column and the customer column.";
  if (headers.length < 2) return "The file has one column: a record needs a Record ID and a customer, in two columns.";
  if (keyIndex === customerIndex) return "The Record ID and the customer must be different columns.";
  const cells = dataRows.map((r) => (r[customerIndex] ?? "").trim()).filter(Boolean);
  const name = headers[customerIndex];
  if (cells.length === 0) return `Column “${name}” is empty in the first rows: choose the column that names the customer.`;
  if (byEmail && !cells.some((c) => EMAIL_PATTERN.test(c))) return `Column “${name}” has no email addresses in the first rows. This data store finds customers by email: choose the column of emails.`;
  if (chosenFields.length > MAX_FIELDS_PER_RECORD) return `A record has at most ${MAX_FIELDS_PER_RECORD} data fields: untick ${chosenFields.length - MAX_FIELDS_PER_RECORD} of the columns.`;
  const seen = new Map<string, string>();
  for (const f of chosenFields) {
    const earlier = seen.get(f.key);
    if (earlier !== undefined) return `Columns “${earlier}” and “${f.header}” would both become the field ${f.key}: untick one of them.`;
    seen.set(f.key, f.header);
  }
  return null;
}

function ColumnSelect({ id, label, headers, value, disabled, onChange }: { id: string; label: string; headers: string[]; value: number | null; disabled: boolean; onChange: (index: number) => void }) {
  return (
    <div className="min-w-0 space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value ?? ""} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))}>
        {headers.map((h, i) => (
          <option key={i} value={i}>
            {h}
          </option>
        ))}
      </Select>
    </div>
  );
}
