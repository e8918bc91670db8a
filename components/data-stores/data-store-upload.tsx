"use client";

import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { CsvFilePicker, CsvPreviewTable, previewColumns } from "@/components/csv-import/csv-file-parts";
import type { WorkerResponse } from "@/components/csv-import/csv-import-protocol";
import { useCsvWorker } from "@/components/csv-import/use-csv-worker";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Select } from "@/components/ui/select";
import type { DataStoreIdentifierKind } from "@/db/schema";
import { attributeKeyFromHeader } from "@/lib/csv-import/analyze-columns";
import { MAX_RECORDS_BODY_BYTES, MAX_RECORDS_PER_BATCH } from "@/lib/data-stores/data-store-limits";
import type { UploadReport } from "@/lib/data-stores/upload-data-store-records";

type Preview = Extract<WorkerResponse, { type: "preview" }>;
type Phase = { step: "choose" } | { step: "reading" } | { step: "options" } | { step: "uploading"; fraction: number } | { step: "done"; report: UploadReport };

/** The cell key the server reads the customer from (data-store-records' CUSTOMER_CELL; not imported: that module is server-only). */
const CUSTOMER_CELL = "$customer";
const keyHeader = /^(key|record[-_ ]?(key|id)|id|subscription[-_ ]?id|order[-_ ]?id|ref(erence)?)$/i;

/**
 * Upload records into a data store from a CSV file. Parsing and reading reuse the segment
 * import's worker (streamed papaparse, encodings, separators); unlike an import the whole file
 * goes in one request and is applied in one transaction, so it is limited to 10,000 rows.
 */
export function DataStoreUpload({ workspaceId, dataStore }: { workspaceId: string; dataStore: { publicId: string; name: string; identifierKind: DataStoreIdentifierKind } }) {
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

  function choose(chosen: File | undefined) {
    setError(null);
    setPreview(null);
    if (!chosen) return;
    if (!/\.(csv|tsv|txt)$/i.test(chosen.name)) return setError("Choose a CSV file (.csv, .tsv or .txt). Excel workbooks: save as CSV first.");
    setFile(chosen);
    setPhase({ step: "reading" });
    ask({ type: "preview", file: chosen }, (m) => {
      if (m.type === "error") {
        setError(m.message);
        setPhase({ step: "choose" });
      } else if (m.type === "preview") {
        const first = m.records[0] ?? [];
        const guessedKey = m.analysis.hasHeader ? first.findIndex((c) => keyHeader.test(c.trim())) : -1;
        const key = guessedKey >= 0 && guessedKey !== m.analysis.identifierIndex ? guessedKey : m.analysis.identifierIndex === 0 ? 1 : 0;
        setPreview(m);
        setHasHeader(m.analysis.hasHeader);
        setKeyIndex(key);
        setCustomerIndex(m.analysis.identifierIndex ?? (key === 0 ? 1 : 0));
        setSkipped(new Set());
        setPhase({ step: "options" });
      }
    });
  }

  const { headers, dataRows } = previewColumns(preview, hasHeader);
  const fieldColumns = headers.map((h, i) => ({ index: i, header: h, key: attributeKeyFromHeader(h) })).filter((c) => c.index !== keyIndex && c.index !== customerIndex);
  const problem =
    keyIndex === null || customerIndex === null
      ? "Choose the key column and the customer column."
      : keyIndex === customerIndex
        ? "The key and the customer must be different columns."
        : null;

  function upload() {
    if (!file || !preview || keyIndex === null || customerIndex === null || problem) return;
    setError(null);
    setPhase({ step: "uploading", fraction: 0 });
    const attributes = [{ index: customerIndex, key: CUSTOMER_CELL }, ...fieldColumns.filter((c) => !skipped.has(c.index)).map((c) => ({ index: c.index, key: c.key }))];
    ask(
      {
        type: "upload",
        file,
        encoding: preview.encoding,
        importId: "",
        workspaceId,
        hasHeader,
        identifierIndex: keyIndex,
        attributes,
        single: {
          url: `/api/data-stores/${encodeURIComponent(dataStore.publicId)}/upload?workspaceId=${encodeURIComponent(workspaceId)}`,
          maxRows: MAX_RECORDS_PER_BATCH,
          maxBytes: MAX_RECORDS_BODY_BYTES,
        },
      },
      (m) => {
        if (m.type === "progress") setPhase({ step: "uploading", fraction: m.fraction });
        else if (m.type === "error") {
          setError(`${m.message} Nothing was changed.`);
          setPhase({ step: "options" });
        } else if (m.type === "uploaded") setPhase({ step: "done", report: m.result as UploadReport });
      },
    );
  }

  if (phase.step === "done") {
    const r = phase.report;
    return (
      <Card>
        <CardHeader>
          <div>
            <CardTitle className="flex items-center gap-2">
              <CircleCheck aria-hidden className="size-5 text-green-600" />
              Upload applied
            </CardTitle>
            <CardDescription>
              {plural(r.rowsRead, "row")} read: {plural(r.created, "record")} added, {r.updated.toLocaleString("en-US")} changed, {r.unchanged.toLocaleString("en-US")} unchanged,{" "}
              {r.skipped.toLocaleString("en-US")} skipped.
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent className="space-y-4">
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
            {[
              ["Rows read", r.rowsRead],
              ["Added", r.created],
              ["Changed", r.updated],
              ["Unchanged", r.unchanged],
              ["Skipped", r.skipped],
            ].map(([label, n]) => (
              <div key={label} className="rounded-md border border-gray-200 px-3 py-2">
                <dt className="text-xs text-gray-600">{label}</dt>
                <dd className="text-lg font-semibold text-gray-900 tabular-nums">{Number(n).toLocaleString("en-US")}</dd>
              </div>
            ))}
          </dl>
          {r.errors.length > 0 ? (
            <div>
              <h3 className="text-sm font-medium text-gray-900">Skipped rows{r.skipped > r.errors.length ? ` (the first ${r.errors.length})` : ""}</h3>
              <ul className="mt-2 max-h-60 space-y-1 overflow-auto text-sm text-gray-700">
                {r.errors.map((e) => (
                  <li key={e.row} className="break-all">
                    Row {e.row}: {e.reason}
                    {e.value ? ` (“${e.value}”)` : ""}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={() => (setPhase({ step: "choose" }), setFile(null), setPreview(null))}>
              Upload another file
            </Button>
            <Link href={`/data-stores/${dataStore.publicId}`} className={buttonClasses()}>
              Back to “{dataStore.name.length > 28 ? `${dataStore.name.slice(0, 27)}…` : dataStore.name}”
            </Link>
          </div>
        </CardContent>
      </Card>
    );
  }

  const busy = phase.step === "uploading";
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <div>
            <CardTitle>1. Choose a CSV file</CardTitle>
            <CardDescription>
              One record per row: a key, the customer&apos;s {dataStore.identifierKind === "email" ? "email" : "external ID"}, and any other columns as data fields. Up to{" "}
              {MAX_RECORDS_PER_BATCH.toLocaleString("en-US")} rows; records with a key already in the store are replaced.
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          <CsvFilePicker file={file} preview={preview} reading={phase.step === "reading"} error={error} disabled={busy} onChoose={choose} />
        </CardContent>
      </Card>

      {preview && phase.step !== "choose" && phase.step !== "reading" ? (
        <Card>
          <CardHeader>
            <div>
              <CardTitle>2. Choose the columns</CardTitle>
              <CardDescription>{preview.wholeFile ? `The whole file: ${dataRows.length.toLocaleString("en-US")} rows.` : `The first ${dataRows.length} rows.`}</CardDescription>
            </div>
          </CardHeader>
          <CardContent className="space-y-5">
            <label className="flex items-center gap-2 text-sm text-gray-800">
              <input type="checkbox" className="size-4 rounded border-gray-300" checked={hasHeader} onChange={(e) => setHasHeader(e.target.checked)} disabled={busy} />
              The first row holds column names
            </label>
            <CsvPreviewTable headers={headers} rows={dataRows} firstRowNumber={hasHeader ? 2 : 1} highlight={[keyIndex, customerIndex].filter((i): i is number => i !== null)} />
            <div className="grid gap-4 sm:grid-cols-2">
              <ColumnSelect id="key-column" label="Key column" headers={headers} value={keyIndex} disabled={busy} onChange={setKeyIndex} />
              <ColumnSelect
                id="customer-column"
                label={dataStore.identifierKind === "email" ? "Customer email column" : "Customer external ID column"}
                headers={headers}
                value={customerIndex}
                disabled={busy}
                onChange={setCustomerIndex}
              />
            </div>
            {fieldColumns.length > 0 ? (
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-gray-900">Other columns become data fields</legend>
                {fieldColumns.map((c) => (
                  <label key={c.index} className="flex items-center gap-2 text-sm text-gray-800">
                    <input
                      type="checkbox"
                      className="size-4 rounded border-gray-300"
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
                    <span className="min-w-0 truncate">
                      {c.header} <span className="font-mono text-xs text-gray-500">→ {c.key}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            ) : null}
            {problem ? <p className="text-sm text-amber-800">{problem}</p> : null}
            {busy ? <ProgressBar value={phase.fraction} label="Uploading" /> : null}
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Link href={`/data-stores/${dataStore.publicId}`} className={buttonClasses({ variant: "secondary" })}>
                Cancel
              </Link>
              <Button onClick={upload} disabled={busy || problem !== null}>
                {busy ? "Uploading…" : "Upload records"}
              </Button>
            </div>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}

function ColumnSelect({ id, label, headers, value, disabled, onChange }: { id: string; label: string; headers: string[]; value: number | null; disabled: boolean; onChange: (index: number) => void }) {
  return (
    <div className="space-y-1.5">
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

function plural(n: number, word: string) {
  return `${n.toLocaleString("en-US")} ${n === 1 ? word : `${word}s`}`;
}
