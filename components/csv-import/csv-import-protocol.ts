import type { ColumnAnalysis, AttributeMapping } from "@/lib/csv-import/analyze-columns";
import type { CsvEncoding } from "@/lib/csv-import/parse-csv";

/** Messages between the upload page and its parsing worker. */
export type WorkerRequest =
  | { type: "preview"; file: File }
  | {
      type: "upload";
      file: File;
      encoding: CsvEncoding;
      importId: string;
      workspaceId: string;
      hasHeader: boolean;
      identifierIndex: number;
      attributes: AttributeMapping;
      /**
       * Send the whole file as one request to this URL (a data store's upload: one transaction,
       * all or nothing) instead of staging batches into an import; refused before anything is
       * sent when the file has more rows or bytes than one request may carry.
       */
      single?: { url: string; maxRows: number; maxBytes: number };
    };

export type WorkerResponse =
  | { type: "preview"; encoding: CsvEncoding; delimiter: string; records: string[][]; analysis: ColumnAnalysis; wholeFile: boolean }
  | { type: "progress"; rows: number; fraction: number }
  | { type: "uploaded"; rows: number; result?: unknown }
  | { type: "error"; message: string };

export const PREVIEW_RECORDS = 30;
