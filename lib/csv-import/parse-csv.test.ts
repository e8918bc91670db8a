import { describe, expect, it } from "vitest";
import { analyzeColumns, identifierColumnProblem, toStagedRow } from "./analyze-columns";
import { parseCsv, sniffFile, type CsvEncoding } from "./parse-csv";

const enc = new TextEncoder();

function utf16le(text: string, bom = true) {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[(bom ? 2 : 0) + i * 2] = code & 0xff;
    out[(bom ? 2 : 0) + i * 2 + 1] = code >> 8;
  }
  return out;
}

async function parse(bytes: Uint8Array | string) {
  const data = typeof bytes === "string" ? enc.encode(bytes) : bytes;
  const sniff = sniffFile(data.subarray(0, 4096), data.length);
  if (!sniff.ok) throw new Error(sniff.error);
  const rows: string[][] = [];
  // Small blob parts: the decoder and the parser both see the file in pieces.
  const parts: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += 7) parts.push(data.subarray(i, i + 7));
  const summary = await parseCsv(new Blob(parts as BlobPart[]), sniff.encoding as CsvEncoding, (batch) => {
    rows.push(...batch);
  });
  return { rows, ...summary, encoding: sniff.encoding };
}

describe("parsing awkward CSV files", () => {
  it("UTF-8 with a BOM, CRLF, a header", async () => {
    const { rows, encoding } = await parse("\uFEFFEmail,Plan\r\nada@example.com,pro\r\nbob@example.com,free\r\n");
    expect(encoding).toBe("utf-8");
    expect(rows).toEqual([["Email", "Plan"], ["ada@example.com", "pro"], ["bob@example.com", "free"]]);
    expect(analyzeColumns(rows)).toMatchObject({ hasHeader: true, identifierIndex: 0, identifierKind: "email" });
  });

  it("semicolons, quoted separators and line breaks, blank lines, non-ASCII split between reads", async () => {
    const text = 'name;E-Mail;note\n\n"Müller; Jörg";jörg@example.de;"line one\nline two"\n   \n"Zoë ""Z""";zoe@example.com;ok\n';
    const { rows, delimiter } = await parse(text);
    expect(delimiter).toBe(";");
    expect(rows).toEqual([
      ["name", "E-Mail", "note"],
      ["Müller; Jörg", "jörg@example.de", "line one\nline two"],
      ['Zoë "Z"', "zoe@example.com", "ok"],
    ]);
    expect(analyzeColumns(rows)).toMatchObject({ hasHeader: true, identifierIndex: 1, identifierKind: "email" });
  });

  it("UTF-16 as Excel writes it (BOM, tabs), and without a BOM", async () => {
    const text = "Email Address\tCity\r\nada@example.com\tZürich\r\n";
    const withBom = await parse(utf16le(text));
    expect(withBom.encoding).toBe("utf-16le");
    expect(withBom.delimiter).toBe("\t");
    expect(withBom.rows).toEqual([["Email Address", "City"], ["ada@example.com", "Zürich"]]);
    expect((await parse(utf16le(text, false))).rows).toEqual(withBom.rows);
  });

  it("recognises a file without a header, and external-id headers", async () => {
    const { rows } = await parse("ada@example.com,1\nbob@example.com,2\n");
    expect(analyzeColumns(rows)).toMatchObject({ hasHeader: false, identifierIndex: 0, identifierKind: "email", headers: ["Column 1", "Column 2"] });
    expect(analyzeColumns([["user_id", "plan"], ["u1", "pro"]])).toMatchObject({ hasHeader: true, identifierIndex: 0, identifierKind: "external_id" });
    expect(analyzeColumns([["name", "id"], ["Ada", "17"]])).toMatchObject({ hasHeader: true, identifierIndex: 1, identifierKind: "external_id" });
    expect(analyzeColumns([["Name", "Contact"], ["Ada", "ada@example.com"]])).toMatchObject({ hasHeader: true, identifierIndex: 1 });
  });

  it("a header-only file parses to one record; a column without emails is refused for emails", async () => {
    const { rows } = await parse("email,plan\n");
    expect(rows).toEqual([["email", "plan"]]);
    const analysis = analyzeColumns([["name", "plan"], ["Ada", "pro"]]);
    expect(analysis.identifierIndex).toBeNull();
    expect(identifierColumnProblem([["name", "plan"], ["Ada", "pro"]], analysis, 0, "email")).toMatch(/no email addresses/);
    expect(identifierColumnProblem([["name", "plan"], ["Ada", "pro"]], analysis, null, "email")).toMatch(/Choose the column/);
  });

  it("refuses an empty file, a workbook renamed .csv, and binary files before parsing", () => {
    expect(sniffFile(new Uint8Array(), 0)).toEqual({ ok: false, error: "The file is empty." });
    expect(sniffFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), 6)).toMatchObject({ ok: false, error: expect.stringMatching(/Excel workbook/) });
    expect(sniffFile(new Uint8Array([1, 0, 2, 3, 0, 0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]), 16)).toMatchObject({ ok: false, error: expect.stringMatching(/not a text file/) });
    expect(sniffFile(enc.encode("a"), 300 * 1024 * 1024)).toMatchObject({ ok: false, error: expect.stringMatching(/larger than/) });
  });

  it("stages the identifier and non-blank mapped cells; formula-looking cells stay text", () => {
    const record = ["=HYPERLINK(\"http://x\")", "ada@example.com", "", "  pro "];
    expect(toStagedRow(2, record, 1, [{ index: 0, key: "note" }, { index: 2, key: "city" }, { index: 3, key: "plan" }])).toEqual([
      2,
      "ada@example.com",
      { note: '=HYPERLINK("http://x")', plan: "pro" },
    ]);
    expect(toStagedRow(3, ["bob@example.com"], 0, [{ index: 4, key: "x" }])).toEqual([3, "bob@example.com", null]);
  });

  it("streams 200,000 rows in batches, in order", async () => {
    const lines = ["email,n"];
    for (let i = 0; i < 200_000; i++) lines.push(`user${i}@example.com,${i}`);
    const data = enc.encode(`${lines.join("\n")}\n`);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < data.length; i += 64 * 1024) parts.push(data.subarray(i, i + 64 * 1024));
    const numbers: number[] = [];
    let batches = 0;
    await parseCsv(new Blob(parts as BlobPart[]), "utf-8", (batch) => {
      batches++;
      for (const row of batch) numbers.push(Number(row[1]));
    });
    expect(numbers.length).toBe(200_001);
    expect(numbers.slice(1).every((n, i) => n === i)).toBe(true);
    expect(batches).toBeGreaterThan(1);
  });
});
