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
    };

export type WorkerResponse =
  | { type: "preview"; encoding: CsvEncoding; delimiter: string; records: string[][]; analysis: ColumnAnalysis; wholeFile: boolean }
  | { type: "progress"; rows: number; fraction: number }
  | { type: "uploaded"; rows: number }
  | { type: "error"; message: string };

export const PREVIEW_RECORDS = 30;
