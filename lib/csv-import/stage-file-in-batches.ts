import { toStagedRow, type AttributeMapping } from "./analyze-columns";
import { MAX_BATCH_BYTES, MAX_ROWS_PER_BATCH } from "./import-limits";
import type { StagedRow } from "./import-schemas";
import { parseCsv, type CsvEncoding } from "./parse-csv";

/** Batches being sent while the parser reads on: parsing and the server's staging overlap, memory stays bounded. */
export const BATCHES_IN_FLIGHT = 2;

export type StageFileOptions = {
  encoding: CsvEncoding;
  hasHeader: boolean;
  identifierIndex: number;
  attributes: AttributeMapping;
  /** Called after each batch has been sent: rows sent so far, share of the file read. */
  onProgress?: (rows: number, fraction: number) => void;
  inFlight?: number;
};

/** A close upper bound of a staged row's JSON size, without serialising it: what batches are cut by. */
export function stagedRowSize(row: StagedRow): number {
  let size = 16 + row[1].length * 2;
  if (row[2]) for (const [k, v] of Object.entries(row[2])) size += k.length + v.length * 2 + 8;
  return size;
}

/**
 * Parses a CSV file into staged rows and hands them to `send` in batches that fit a serverless
 * request (≤ MAX_ROWS_PER_BATCH rows and ≈ MAX_BATCH_BYTES of JSON). Up to `inFlight` batches
 * are on their way while the next one is parsed; the first failure stops the parse and is thrown.
 * Batches may arrive out of order: the server keys staged rows by row number. The upload
 * page's worker and bench:import both run this, so the benchmark measures what the browser does.
 */
export async function stageFileInBatches(file: Blob, options: StageFileOptions, send: (rows: StagedRow[]) => Promise<unknown>): Promise<{ rows: number; batches: number }> {
  const inFlight = Math.max(1, options.inFlight ?? BATCHES_IN_FLIGHT);
  const pending = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  let recordIndex = 0;
  let rows = 0;
  let sent = 0;
  let batches = 0;
  let fraction = 0;
  let batch: StagedRow[] = [];
  let batchBytes = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    const rowsInBatch = batch.length;
    const p: Promise<void> = send(batch).then(
      () => {
        sent += rowsInBatch;
        options.onProgress?.(sent, fraction);
      },
      (error: unknown) => {
        failure ??= { error };
      },
    );
    const tracked = p.finally(() => pending.delete(tracked));
    pending.add(tracked);
    batches++;
    batch = [];
    batchBytes = 0;
    // Hold the parser back while enough batches are on their way.
    while (pending.size >= inFlight && !failure) await Promise.race(pending);
    if (failure) throw failure.error;
  };

  try {
    await parseCsv(
      file,
      options.encoding,
      async (records) => {
        for (const record of records) {
          recordIndex++;
          if (options.hasHeader && recordIndex === 1) continue;
          const row = toStagedRow(recordIndex, record, options.identifierIndex, options.attributes);
          const size = stagedRowSize(row);
          if (batch.length >= MAX_ROWS_PER_BATCH || batchBytes + size > MAX_BATCH_BYTES) await flush();
          batch.push(row);
          batchBytes += size;
          rows++;
        }
      },
      (bytes) => {
        fraction = file.size > 0 ? bytes / file.size : 1;
      },
    );
    fraction = 1;
    await flush();
  } finally {
    // Never leave a request running unobserved, also when the parse failed.
    await Promise.all(pending);
  }
  if (failure) throw (failure as { error: unknown }).error;
  return { rows, batches };
}
