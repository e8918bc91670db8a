import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { copyCsv } from "@/db/copy-csv";
import { withEveryDriver } from "@/tests/helpers/every-driver";
import { copyCsvToCrlf, neutraliseFormula, neutraliseFormulaSql, writeCsvPart, type CsvCell } from "./csv-writer";

// The export's cells are written by Postgres (COPY) with the formula guard as SQL. These
// properties hold it to the JavaScript reference on random strings: the guard gives the same
// text, and the whole file is byte for byte what the csv-stringify writer makes of the same rows.
const { drivers, dbFor } = withEveryDriver();

// Strings made mostly of the characters that matter (formula starts, number parts, what CSV
// must quote), plus any Unicode. Postgres text cannot hold NUL.
const interesting = fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "'", ".", "e", "E", "0", "7", " ", "a", "é", "東", "😀");
const cellText = fc
  .oneof(fc.string({ unit: interesting, maxLength: 8 }), fc.string({ unit: "grapheme", maxLength: 8 }), fc.constantFrom("-12.5", "+3", "1e6", "-.5", "-1e", "--5", "=1"))
  .filter((s) => !s.includes("\0"));
const RUNS = 40;

describe.each(drivers)("the SQL formula guard on %s", (driver) => {
  it("gives the same text as neutraliseFormula for any string", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cellText, { minLength: 1, maxLength: 100 }), async (values) => {
        const rows = await queryRows<{ guarded: string }>(
          dbFor(driver),
          sql`SELECT ${neutraliseFormulaSql(sql`v`)} AS guarded FROM jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) WITH ORDINALITY AS u(v, n) ORDER BY n`,
        );
        expect(rows.map((r) => r.guarded)).toEqual(values.map(neutraliseFormula));
      }),
      { numRuns: RUNS },
    );
  });

  it("through COPY, writes exactly the bytes the csv-stringify writer writes for the same rows", async () => {
    const row = fc.tuple(fc.option(cellText, { nil: null }), fc.option(cellText, { nil: null }));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 60 }), async (rows) => {
        const copied = await copyCsv(dbFor(driver), (param) => {
          const cell = (i: number) => sql`nullif(${neutraliseFormulaSql(sql.raw(`(r.cells ->> ${i})`))}, '')`;
          return sql`SELECT ${cell(0)}, ${cell(1)} FROM jsonb_array_elements(${param(JSON.stringify(rows))}::jsonb) WITH ORDINALITY AS r(cells, n) ORDER BY r.n`;
        });
        const { csv, records } = copyCsvToCrlf(copied);
        expect(records).toBe(rows.length);
        expect(csv.toString("utf8")).toBe(await writeCsvPart(rows as CsvCell[][]));
      }),
      { numRuns: RUNS },
    );
  });
});
