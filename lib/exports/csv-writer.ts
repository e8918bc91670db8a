import { stringify } from "csv-stringify";
import { sql, type SQL } from "drizzle-orm";

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

/**
 * `neutraliseFormula` as a SQL expression, for cells Postgres writes itself (COPY). It must
 * give the same text for every string: a property test checks that on random strings.
 * `[0-9]`, not `\d`: JavaScript's `\d` (without the u flag) is ASCII only. `value` is evaluated
 * up to four times, so pass a column or an alias, not a computation.
 */
export function neutraliseFormulaSql(value: SQL): SQL {
  return sql`(CASE WHEN left(${value}, 1) IN ('=', '+', '-', '@', chr(9), chr(13))
                    AND ${value} !~ '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$'
               THEN '''' || ${value} ELSE ${value} END)`;
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

/**
 * Postgres's COPY ends CSV records with LF on Unix; RFC 4180 (and the rest of our file) wants CRLF.
 * Inside a quoted field an LF is data and stays as it is. COPY quotes every field holding a quote,
 * CR or LF and doubles inner quotes, so counting quotes tells whether an LF is inside a field: an
 * even count since the record began means it ends a record. Returns the CRLF text and how many
 * records it holds.
 */
export function copyCsvToCrlf(copy: Buffer): { csv: Buffer; records: number } {
  const LF = 0x0a;
  const QUOTE = 0x22;
  let lineEnds = 0;
  for (let i = copy.indexOf(LF); i !== -1; i = copy.indexOf(LF, i + 1)) lineEnds++;
  const out = Buffer.allocUnsafe(copy.length + lineEnds);
  let written = 0;
  let start = 0;
  let records = 0;
  let insideQuotes = false;
  let nextQuote = copy.indexOf(QUOTE);
  for (let lf = copy.indexOf(LF); lf !== -1; lf = copy.indexOf(LF, lf + 1)) {
    while (nextQuote !== -1 && nextQuote < lf) {
      insideQuotes = !insideQuotes;
      nextQuote = copy.indexOf(QUOTE, nextQuote + 1);
    }
    if (insideQuotes) continue;
    written += copy.copy(out, written, start, lf);
    out[written++] = 0x0d;
    out[written++] = LF;
    start = lf + 1;
    records++;
  }
  written += copy.copy(out, written, start);
  return { csv: out.subarray(0, written), records };
}
