import { FileUp, TriangleAlert } from "lucide-react";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { WorkerResponse } from "./csv-import-protocol";

/** Pieces of the CSV upload screens shared by a segment's import and a data store's upload. */

const delimiterNames: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };

function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

type Preview = Extract<WorkerResponse, { type: "preview" }>;

/**
 * The drop zone / file chooser, naming the chosen file with its size and what the preview found
 * (encoding, separator), then "Reading the file" while the worker reads it, and why it was refused.
 */
export function CsvFilePicker({ file, preview, reading, error, disabled, onChoose }: { file: File | null; preview: Preview | null; reading: boolean; error: string | null; disabled: boolean; onChoose: (file: File | undefined) => void }) {
  return (
    <>
      <label
        className="flex cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed border-gray-300 bg-gray-50 px-4 py-8 text-center hover:border-brand-400 hover:bg-brand-50/40 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          if (!disabled) onChoose(e.dataTransfer.files[0]);
        }}
      >
        <FileUp aria-hidden className="size-6 text-gray-500" />
        <span className="text-sm font-medium break-all text-gray-900">{file ? file.name : "Drop a CSV file here, or choose one"}</span>
        {file ? (
          <span className="text-xs text-gray-600">
            {formatBytes(file.size)}
            {preview ? ` · ${preview.encoding.toUpperCase()} · ${delimiterNames[preview.delimiter] ?? preview.delimiter} separated` : ""}
          </span>
        ) : null}
        <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" className="sr-only" disabled={disabled} onChange={(e) => onChoose(e.target.files?.[0])} aria-label="CSV file" />
      </label>
      {reading ? <ProgressBar value={null} label="Reading the file" className="mt-4" /> : null}
      {error ? (
        <p role="alert" className="mt-4 flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          {error}
        </p>
      ) : null}
    </>
  );
}

/** The preview's column names (from the first row, or "Column n") and its data rows. */
export function previewColumns(preview: Preview | null, hasHeader: boolean): { headers: string[]; dataRows: string[][] } {
  if (!preview) return { headers: [], dataRows: [] };
  const width = Math.max(...preview.records.map((r) => r.length));
  const headers = Array.from({ length: width }, (_, i) => (hasHeader ? (preview.records[0][i] ?? "").trim() || `Column ${i + 1}` : `Column ${i + 1}`));
  return { headers, dataRows: preview.records.slice(hasHeader ? 1 : 0) };
}

/** The first rows of the file under their column names, the chosen columns highlighted. */
export function CsvPreviewTable({ headers, rows, firstRowNumber, highlight }: { headers: string[]; rows: string[][]; firstRowNumber: number; highlight: number[] }) {
  const marked = new Set(highlight);
  return (
    <div tabIndex={0} className="max-h-80 overflow-auto rounded-md border border-gray-200 focus-visible:outline-2 focus-visible:outline-brand-500">
      <table className="min-w-full text-left text-sm">
        <thead className="sticky top-0 bg-gray-50 text-xs font-medium text-gray-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-right tabular-nums">
              Row
            </th>
            {headers.map((h, i) => (
              <th key={i} scope="col" className={`max-w-60 truncate px-3 py-2 ${marked.has(i) ? "bg-brand-50 text-brand-700" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.slice(0, 10).map((r, ri) => (
            <tr key={ri}>
              <td className="px-3 py-1.5 text-right text-xs text-gray-500 tabular-nums">{ri + firstRowNumber}</td>
              {headers.map((_, i) => (
                <td key={i} className={`max-w-60 truncate px-3 py-1.5 whitespace-pre text-gray-800 ${marked.has(i) ? "bg-brand-50/60" : ""}`} title={r[i] ?? ""}>
                  {r[i] ?? ""}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
