/// <reference lib="webworker" />
import { analyzeColumns } from "@/lib/csv-import/analyze-columns";
import type { StagedRow } from "@/lib/csv-import/import-schemas";
import { parseCsv, sniffFile } from "@/lib/csv-import/parse-csv";
import { stageFileInBatches } from "@/lib/csv-import/stage-file-in-batches";
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
  const url = `/api/imports/${encodeURIComponent(req.importId)}/rows?workspaceId=${encodeURIComponent(req.workspaceId)}`;
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
  const { rows } = await stageFileInBatches(
    req.file,
    { encoding: req.encoding, hasHeader: req.hasHeader, identifierIndex: req.identifierIndex, attributes: req.attributes, onProgress: (sent, fraction) => post({ type: "progress", rows: sent, fraction }) },
    (batch) => sendBatch(req, batch),
  );
  if (rows === 0) throw new Error("The file has no data rows.");
  post({ type: "uploaded", rows });
}
