import Papa from "papaparse";
import { MAX_IMPORT_FILE_BYTES } from "./import-limits";

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be";
export type SniffResult = { ok: true; encoding: CsvEncoding } | { ok: false; error: string };

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/**
 * What the first bytes say about a file, before anything is parsed or sent: its text
 * encoding (UTF-8 with or without BOM; UTF-16 as Excel's "Unicode Text" writes it), or why
 * it is not a CSV at all (empty, too large, a workbook or another binary file).
 */
export function sniffFile(head: Uint8Array, size: number): SniffResult {
  if (size === 0) return { ok: false, error: "The file is empty." };
  if (size > MAX_IMPORT_FILE_BYTES) return { ok: false, error: `The file is larger than ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB. Split it into smaller files.` };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { ok: false, error: "This is an Excel workbook, not a CSV. In Excel, use File → Save As → “CSV UTF-8”, then upload that file." };
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return { ok: false, error: "This is a PDF, not a CSV file." };
  if (startsWith(head, [0xff, 0xfe])) return { ok: true, encoding: "utf-16le" };
  if (startsWith(head, [0xfe, 0xff])) return { ok: true, encoding: "utf-16be" };
  const sample = head.subarray(0, 4096);
  let zeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      zeros++;
      if (i % 2 === 1) oddZeros++;
    }
  }
  // UTF-16 without a BOM: every other byte of ASCII text is 0.
  if (zeros > sample.length / 4) {
    if (oddZeros > zeros * 0.9) return { ok: true, encoding: "utf-16le" };
    if (oddZeros < zeros * 0.1) return { ok: true, encoding: "utf-16be" };
  }
  if (zeros > 0) return { ok: false, error: "This is not a text file, so not a CSV. Export your data as CSV and upload that file." };
  return { ok: true, encoding: "utf-8" };
}

const FIRST_PIECE_CHARS = 64 * 1024;
const PIECE_CHARS = 1024 * 1024;

export type ParseSummary = { records: number; delimiter: string };

/**
 * Streams a file through papaparse: decoded as it is read (a multi-byte character split
 * between two reads is decoded whole; a BOM is dropped), separator guessed from the first
 * chunk (`,` `;` tab `|`), quoted fields with separators and line breaks kept whole, blank
 * lines skipped. `onRecords` gets the records in order and is awaited before more of the
 * file is read, so an upload can hold the parser back; it returns false to stop early.
 * The same code runs in the browser's worker and in the tests.
 */
export async function parseCsv(
  blob: Blob,
  encoding: CsvEncoding,
  onRecords: (records: string[][]) => Promise<boolean | void> | boolean | void,
  onBytes?: (bytesRead: number) => void,
): Promise<ParseSummary> {
  let bytesRead = 0;
  const counted = blob.stream().pipeThrough(
    new TransformStream<BufferSource, BufferSource>({
      transform(chunk, controller) {
        bytesRead += chunk.byteLength;
        onBytes?.(bytesRead);
        controller.enqueue(chunk);
      },
    }),
  );
  const reader = counted.pipeThrough(new TextDecoderStream(encoding)).getReader();
  // papaparse reads a Node-style stream (data/end events); this feeds it the decoded chunks one by one.
  const handlers: Record<string, (arg?: unknown) => void> = {};
  const input = {
    readable: true,
    read() {},
    on(event: string, fn: (arg?: unknown) => void) {
      handlers[event] = fn;
    },
    removeListener() {},
    pause() {},
    resume() {},
  };
  let pending: string[][] = [];
  let delimiter = ",";
  let records = 0;
  let failure: unknown = null;
  const finished = new Promise<void>((resolve) => {
    Papa.parse<string[]>(input as unknown as File, {
      header: false,
      skipEmptyLines: "greedy",
      delimitersToGuess: [",", ";", "\t", "|"],
      chunk: (results) => {
        if (results.meta.delimiter) delimiter = results.meta.delimiter;
        for (const row of results.data) pending.push(row);
      },
      complete: () => resolve(),
      error: (error: unknown) => {
        failure = error;
        resolve();
      },
    });
  });
  const flush = async () => {
    if (pending.length === 0) return true;
    const batch = pending;
    pending = [];
    records += batch.length;
    return (await onRecords(batch)) !== false;
  };
  let stopped = false;
  // papaparse guesses the line ending and the separator from the first piece it is given,
  // so pieces are gathered to a useful size (a stream may deliver a few bytes at a time).
  let buffered = "";
  let firstPiece = true;
  const feed = async () => {
    handlers.data?.(buffered);
    buffered = "";
    firstPiece = false;
    if (failure) return false;
    return flush();
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    if (buffered.length < (firstPiece ? FIRST_PIECE_CHARS : PIECE_CHARS)) continue;
    if (!(await feed())) {
      stopped = true;
      await reader.cancel();
      break;
    }
  }
  if (!stopped && buffered.length > 0) stopped = !(await feed());
  if (!stopped) {
    handlers.end?.();
    await finished;
    await flush();
  }
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return { records, delimiter };
}
