import type { ImportIdentifierKind } from "@/db/schema";
import type { StagedRow } from "./import-schemas";

export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const emailHeader = /^(e[-_ ]?mail|e[-_ ]?mail[-_ ]?address|email[-_ ]?addr|mail|courriel|correo|e[-_ ]?mail[-_ ]?adresse)$/i;
const externalIdHeader = /^(user[-_ ]?id|userid|external[-_ ]?id|customer[-_ ]?id|client[-_ ]?id|contact[-_ ]?id|member[-_ ]?id|account[-_ ]?id|id|uid|user)$/i;

export type ColumnAnalysis = {
  hasHeader: boolean;
  headers: string[];
  identifierIndex: number | null;
  identifierKind: ImportIdentifierKind;
};

const norm = (s: string) => s.trim().replace(/^["']|["']$/g, "");

/**
 * From the first records of a file: whether the first is a header, and which column holds
 * the identifier (by header name: `email`, `Email Address`, `E-Mail`, `user_id`, `id`, …;
 * or by content: the column of email addresses). A first record that contains an email
 * address is data, not a header.
 */
export function analyzeColumns(records: string[][]): ColumnAnalysis {
  const first = records[0] ?? [];
  const width = Math.max(0, ...records.slice(0, 50).map((r) => r.length));
  const firstHasEmail = first.some((c) => EMAIL_PATTERN.test(norm(c)));
  const namedEmail = first.findIndex((c) => emailHeader.test(norm(c)));
  const namedId = first.findIndex((c) => externalIdHeader.test(norm(c)));
  const data = records.slice(1, 51);
  const emailColumn = (rows: string[][]) => {
    for (let i = 0; i < width; i++) {
      const cells = rows.map((r) => norm(r[i] ?? "")).filter(Boolean);
      if (cells.length > 0 && cells.filter((c) => EMAIL_PATTERN.test(c)).length >= cells.length / 2) return i;
    }
    return -1;
  };
  const hasHeader = !firstHasEmail && (namedEmail >= 0 || namedId >= 0 || (first.every((c) => !/^\d+$/.test(norm(c))) && emailColumn(data) >= 0));
  const headers = hasHeader ? first.map((c, i) => norm(c) || `Column ${i + 1}`) : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  for (let i = headers.length; i < width; i++) headers.push(`Column ${i + 1}`);
  if (hasHeader && namedEmail >= 0) return { hasHeader, headers, identifierIndex: namedEmail, identifierKind: "email" };
  const byContent = emailColumn(hasHeader ? data : records.slice(0, 50));
  if (byContent >= 0) return { hasHeader, headers, identifierIndex: byContent, identifierKind: "email" };
  if (hasHeader && namedId >= 0) return { hasHeader, headers, identifierIndex: namedId, identifierKind: "external_id" };
  return { hasHeader, headers, identifierIndex: null, identifierKind: "email" };
}

/** Why the chosen column cannot identify customers (checked on the preview rows), or null. */
export function identifierColumnProblem(records: string[][], analysis: { hasHeader: boolean; headers: string[] }, index: number | null, kind: ImportIdentifierKind): string | null {
  if (index === null) return "Choose the column that identifies customers (their email or your id for them).";
  const cells = records.slice(analysis.hasHeader ? 1 : 0).map((r) => norm(r[index] ?? "")).filter(Boolean);
  const name = analysis.headers[index] ?? `Column ${index + 1}`;
  if (cells.length === 0) return `Column “${name}” is empty in the first rows: choose the column that identifies customers.`;
  if (kind === "email" && !cells.some((c) => EMAIL_PATTERN.test(c))) {
    return `Column “${name}” has no email addresses in the first rows. Choose the column of emails, or say it holds external ids.`;
  }
  return null;
}

export type AttributeMapping = { index: number; key: string }[];

/**
 * A record as it is staged: its row number in the file (the header is row 1), the
 * identifier cell, and the mapped cells that are not blank (a blank cell never overwrites
 * an attribute). Cells are kept as text: a formula-looking value is just a string.
 */
export function toStagedRow(rowNumber: number, record: string[], identifierIndex: number, attributes: AttributeMapping): StagedRow {
  let mapped: Record<string, string> | null = null;
  for (const { index, key } of attributes) {
    const value = (record[index] ?? "").trim();
    if (value === "") continue;
    (mapped ??= {})[key] = value;
  }
  return [rowNumber, record[identifierIndex] ?? "", mapped];
}

/** A header cell as an attribute name: `First Name` → `first_name`. */
export function attributeKeyFromHeader(header: string): string {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[a-z_]/.test(key) ? key.slice(0, 100) : `_${key}`.slice(0, 100);
}
