import { describe, expect, it } from "vitest";
import { neutraliseFormula, writeCsvPart } from "./csv-writer";

const BOM = "\uFEFF";

describe("neutraliseFormula", () => {
  it.each([
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\tindent", "'\tindent"],
    ["\rreturn", "'\rreturn"],
    ["-", "'-"],
    ["=1", "'=1"],
    ["--5", "'--5"],
    ["-1e", "'-1e"],
  ])("prefixes %j", (value, expected) => {
    expect(neutraliseFormula(value)).toBe(expected);
  });

  it.each(["-12", "-12.50", "+3", "-.5", "1e6", "-2E-3", "42", "hello", "a=b", " =x", ""])("leaves %j alone", (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });
});

describe("writeCsvPart", () => {
  it("starts the first part with the BOM and the header, and ends records with CRLF", async () => {
    const csv = await writeCsvPart([["a@example.com", "Ann"]], { header: ["Email", "Name"] });
    expect(csv).toBe(`${BOM}Email,Name\r\na@example.com,Ann\r\n`);
  });

  it("writes later parts with neither BOM nor header, so parts concatenate into one file", async () => {
    const first = await writeCsvPart([["1"]], { header: ["Id"] });
    const second = await writeCsvPart([["2"], ["3"]]);
    expect(second).toBe("2\r\n3\r\n");
    expect(first + second).toBe(`${BOM}Id\r\n1\r\n2\r\n3\r\n`);
  });

  it("quotes commas, quotes, CR and LF (RFC 4180)", async () => {
    const row = ['Smith, John', 'say "hi"', "line one\nline two", "carriage\rreturn", "crlf\r\ninside", "plain"];
    const csv = await writeCsvPart([row], { header: ["a", "b", "c", "d", "e", "f"] });
    expect(csv).toBe(`${BOM}a,b,c,d,e,f\r\n"Smith, John","say ""hi""","line one\nline two","carriage\rreturn","crlf\r\ninside",plain\r\n`);
  });

  it("keeps unicode as UTF-8 text and writes null as an empty cell", async () => {
    const csv = await writeCsvPart([["Zoë Ångström", "東京", "🎉", null]], { header: ["Name", "City", "Emoji", "Region"] });
    expect(csv).toBe(`${BOM}Name,City,Emoji,Region\r\nZoë Ångström,東京,🎉,\r\n`);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("neutralises formulas in cells and in the header, but not negative numbers", async () => {
    const csv = await writeCsvPart([["=HYPERLINK(\"http://x\")", "-42.5", "@SUM(1)", "-1+1"]], { header: ["=evil", "amount", "b", "c"] });
    expect(csv).toBe(`${BOM}'=evil,amount,b,c\r\n"'=HYPERLINK(""http://x"")",-42.5,'@SUM(1),'-1+1\r\n`);
  });

  it("quotes a neutralised tab or CR cell like any other", async () => {
    const csv = await writeCsvPart([["\r=1", "\tx"]]);
    expect(csv).toBe(`"'\r=1",'\tx\r\n`);
  });

  it("writes only the header for an empty first part", async () => {
    expect(await writeCsvPart([], { header: ["Email"] })).toBe(`${BOM}Email\r\n`);
  });
});
