import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { copyCsvToCrlf, writeCsvPart } from "@/lib/exports/csv-writer";
import { withEveryDriver } from "@/tests/helpers/every-driver";
import { copyCsv } from "./copy-csv";

// Every driver the run can reach: PGlite by default; with TEST_DATABASE_URL the Neon serverless
// driver (the test database's own) and node-postgres on the same database, since each fetches
// COPY's bytes its own way.
const { drivers, dbFor } = withEveryDriver();

// Enough rows that COPY's output spans many network reads (a driver that kept views into a
// reused read buffer would corrupt it), with values that must be quoted.
const ROWS = 30_000;
const valueOf = (g: number) => ["plain", 'say "hi", ok', "two\nlines", "crlf\r\nend", "Zoë 東京 😀"][g % 5] + `#${g}`;

describe.each(drivers)("copyCsv on %s", (driver) => {
  const db = () => dbFor(driver);

  it("returns Postgres's CSV bytes of every row, in order, however many network reads they span", async () => {
    const copied = await copyCsv(db(), () =>
      sql.raw(`SELECT g, (ARRAY['plain', 'say "hi", ok', E'two\\nlines', E'crlf\\r\\nend', 'Zoë 東京 😀'])[g % 5 + 1] || '#' || g, NULL
               FROM generate_series(1, ${ROWS}) AS g ORDER BY g`),
    );
    const expected = await writeCsvPart(Array.from({ length: ROWS }, (_, i) => [String(i + 1), valueOf(i + 1), null]));
    const { csv, records } = copyCsvToCrlf(copied);
    expect(records).toBe(ROWS);
    expect(csv.toString("utf8")).toBe(expected);
  });

  it("binds values through param(), never into the statement's text", async () => {
    const tricky = `it's $1 "quoted"; DROP TABLE customers; --`;
    let text = "";
    const copied = await copyCsv(db(), (param) => {
      const query = sql`SELECT ${param(tricky)}, ${param(42)}::int + 1`;
      text = JSON.stringify(query);
      return query;
    });
    expect(text).not.toContain("DROP TABLE");
    expect(copied.toString("utf8")).toBe(`"it's $1 ""quoted""; DROP TABLE customers; --",43\n`);
  });

  it("returns no bytes for no rows", async () => {
    expect((await copyCsv(db(), () => sql`SELECT 1 WHERE false`)).length).toBe(0);
  });

  it("rejects when the query fails mid-COPY, and the database stays usable", async () => {
    await expect(copyCsv(db(), () => sql.raw(`SELECT 1 / (5000 - g) FROM generate_series(1, 10000) AS g`))).rejects.toThrow(/division by zero/);
    const again = await copyCsv(db(), (param) => sql`SELECT ${param("still here")}`);
    expect(again.toString("utf8")).toBe("still here\n");
  });

  it("refuses a query with ordinary bind parameters (COPY cannot take them)", async () => {
    await expect(copyCsv(db(), () => sql`SELECT ${"x"}`)).rejects.toThrow(/param\(\)/);
  });
});
