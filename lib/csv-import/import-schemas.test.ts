import { describe, expect, it } from "vitest";
import { stageRowsSchema, stagedRowSchema } from "./import-schemas";
import { MAX_CELL_LENGTH, MAX_IDENTIFIER_LENGTH, MAX_ROWS_PER_BATCH } from "./import-limits";

// The batch check is a hand-written loop (zod per element was too slow at 20,000 rows): it
// must accept and refuse exactly what the row's zod schema does.
const cases: unknown[] = [
  [1, "a@b.co", null],
  [2, "a@b.co", { plan: "pro", city: "=SUM(A1)" }],
  [3, "", {}],
  [0, "a@b.co", null],
  [1.5, "a@b.co", null],
  ["1", "a@b.co", null],
  [1, 5, null],
  [1, "x".repeat(MAX_IDENTIFIER_LENGTH * 4 + 1), null],
  [1, "a@b.co", { plan: 3 }],
  [1, "a@b.co", { plan: "x".repeat(MAX_CELL_LENGTH + 1) }],
  [1, "a@b.co", ["pro"]],
  [1, "a@b.co"],
  [1, "a@b.co", null, "extra"],
  "row",
  null,
];

describe("stageRowsSchema", () => {
  it.each(cases.map((c, i) => [i, c]))("case %i agrees with the row schema", (_i, row) => {
    expect(stageRowsSchema.safeParse({ rows: [row] }).success).toBe(stagedRowSchema.safeParse(row).success);
  });

  it("says which row and cell is wrong", () => {
    const parsed = stageRowsSchema.safeParse({ rows: [[1, "a@b.co", null], [2, "b@b.co", { plan: "x".repeat(MAX_CELL_LENGTH + 1) }]] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(["rows", 1, 2, "plan"]);
    expect(parsed.error?.issues[0].message).toMatch(/longer than/);
  });

  it("refuses an empty batch and one over the row cap", () => {
    expect(stageRowsSchema.safeParse({ rows: [] }).success).toBe(false);
    const many = Array.from({ length: MAX_ROWS_PER_BATCH + 1 }, (_, i) => [i + 1, "a@b.co", null]);
    expect(stageRowsSchema.safeParse({ rows: many }).success).toBe(false);
    expect(stageRowsSchema.safeParse({ rows: many.slice(1) }).success).toBe(true);
  });
});
