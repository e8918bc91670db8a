/// <reference lib="webworker" />
import { analyzeColumns, toStagedRow } from "@/lib/csv-import/analyze-columns";
import { MAX_BATCH_BYTES, MAX_ROWS_PER_BATCH } from "@/lib/csv-import/import-limits";
import type { StagedRow } from "@/lib/csv-import/import-schemas";
import { parseCsv, sniffFile } from "@/lib/csv-import/parse-csv";
import { PREVIEW_RECORDS, type WorkerRequest, type WorkerResponse } from "./csv-import-protocol";

// Parsing a million rows takes seconds of CPU: here, off the page's thread, so the page stays responsive.
const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  try {
    if (event.data.type === "preview") await preview(event.data.file);
    else await upload(event.data);
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
};

async function preview(file: File) {
  const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  const sniff = sniffFile(head, file.size);
  if (!sniff.ok) return post({ type: "error", message: sniff.error });
  const records: string[][] = [];
  let wholeFile = true;
  const summary = await parseCsv(file, sniff.encoding, (batch) => {
    for (const r of batch) if (records.length < PREVIEW_RECORDS) records.push(r);
    if (records.length >= PREVIEW_RECORDS) {
      wholeFile = false;
      return false;
    }
  });
  if (records.length === 0) return post({ type: "error", message: "The file has no rows." });
  const analysis = analyzeColumns(records);
  if (wholeFile && analysis.hasHeader && records.length === 1) return post({ type: "error", message: "The file has a header row but no data rows." });
  post({ type: "preview", encoding: sniff.encoding, delimiter: summary.delimiter, records, analysis, wholeFile });
}

async function sendBatch(req: Extract<WorkerRequest, { type: "upload" }>, rows: StagedRow[]): Promise<unknown> {
  const url = req.single?.url ?? `/api/imports/${encodeURIComponent(req.importId)}/rows?workspaceId=${encodeURIComponent(req.workspaceId)}`;
  const body = JSON.stringify({ rows, fileName: req.file.name });
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body, credentials: "same-origin" }).catch(() => null);
    if (response?.ok) return response.json().catch(() => null);
    // Staging is keyed by row number, so sending a batch again is harmless.
    if (response && response.status < 500) {
      const detail = (await response.json().catch(() => null)) as { error?: string } | null;
      throw new Error(detail?.error ?? `The upload was refused (${response.status}).`);
    }
    if (attempt >= 4) throw new Error("The upload failed several times. Check your connection and try again.");
    await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
  }
}

async function upload(req: Extract<WorkerRequest, { type: "upload" }>) {
  let recordIndex = 0;
  let rows = 0;
  let batch: StagedRow[] = [];
  let batchBytes = 0;
  let fraction = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await sendBatch(req, batch);
    batch = [];
    batchBytes = 0;
    post({ type: "progress", rows, fraction });
  };
  await parseCsv(
    req.file,
    req.encoding,
    async (records) => {
      for (const record of records) {
        recordIndex++;
        if (req.hasHeader && recordIndex === 1) continue;
        const row = toStagedRow(recordIndex, record, req.identifierIndex, req.attributes);
        // A close upper bound of the row's JSON size, without serialising it twice.
        let size = 16 + row[1].length * 2;
        if (row[2]) for (const [k, v] of Object.entries(row[2])) size += k.length + v.length * 2 + 8;
        if (req.single) {
          // One request for the whole file: too big is refused here, before anything is sent.
          if (batch.length >= req.single.maxRows) throw new Error(`The file has more than ${req.single.maxRows.toLocaleString("en-US")} rows: split it into smaller files.`);
          if (batchBytes + size > req.single.maxBytes) throw new Error(`The file is larger than one upload can carry (${Math.round(req.single.maxBytes / 1024 / 1024)} MB of data): split it into smaller files.`);
        } else if (batch.length >= MAX_ROWS_PER_BATCH || batchBytes + size > MAX_BATCH_BYTES) await flush();
        batch.push(row);
        batchBytes += size;
        rows++;
      }
    },
    (bytes) => {
      fraction = req.file.size > 0 ? bytes / req.file.size : 1;
    },
  );
  fraction = 1;
  if (rows === 0) throw new Error("The file has no data rows.");
  if (req.single) return post({ type: "uploaded", rows, result: await sendBatch(req, batch) });
  await flush();
  post({ type: "uploaded", rows });
}
