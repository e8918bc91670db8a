import { stringify } from "csv-stringify";

/** A cell value as the export reads it from SQL: text, or empty. */
export type CsvCell = string | null;

// A number as a spreadsheet reads it: "-12.5", "+3", "1e6". Left alone by the formula guard,
// since prefixing every negative amount would corrupt the data the guard exists to protect.
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with
 * `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'`, so Excel and Sheets show
 * it as text instead of evaluating it. Plain numbers are left as they are.
 */
export function neutraliseFormula(value: string): string {
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

export type CsvPartOptions = {
  /** Header labels: given for the first part of a file, which also starts with the UTF-8 BOM. */
  header?: string[];
};

/**
 * One part of an RFC 4180 CSV file (CRLF record ends, fields with `"`, `,`, CR or LF quoted,
 * quotes doubled) written by csv-stringify's streaming API. The first part carries the BOM,
 * so Excel reads the file as UTF-8, and the header row. Parts concatenate into one file.
 */
export function writeCsvPart(rows: Iterable<CsvCell[]>, options: CsvPartOptions = {}): Promise<string> {
  const { header } = options;
  return new Promise((resolve, reject) => {
    const out: string[] = [];
    const stringifier = stringify({
      bom: Boolean(header),
      header: Boolean(header),
      columns: header?.map((label) => neutraliseFormula(label)),
      record_delimiter: "windows",
      // Quote a field holding CR or LF too (RFC 4180 §2.6), not only the record delimiter.
      quoted_match: /[\r\n]/,
      cast: { string: (value) => neutraliseFormula(value) },
    });
    stringifier.setEncoding("utf8");
    stringifier.on("data", (chunk: string) => out.push(chunk));
    stringifier.on("error", reject);
    stringifier.on("end", () => resolve(out.join("")));
    for (const row of rows) stringifier.write(row);
    stringifier.end();
  });
}
