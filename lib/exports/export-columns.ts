import { z } from "zod";

/**
 * The columns an export can contain. Shared by the dialog (client), the action and the job,
 * so the choices, their labels and their validation live in one place.
 */
export const standardExportColumns = [
  { id: "email", label: "Email" },
  { id: "external_id", label: "External ID" },
  { id: "name", label: "Name" },
  { id: "country", label: "Country" },
  { id: "region", label: "Region" },
  { id: "city", label: "City" },
  { id: "created_at", label: "Created at" },
  { id: "entered_at", label: "Entered segment at" },
] as const;

export type StandardExportColumnId = (typeof standardExportColumns)[number]["id"];

/** Preselected in the dialog: who the person is, where, and since when they are in the segment. */
export const defaultExportColumns: StandardExportColumnId[] = ["email", "external_id", "name", "country", "created_at", "entered_at"];

/** Attribute columns are `attribute:<key>`; the key is bound as a parameter, never spliced into SQL. */
export const ATTRIBUTE_PREFIX = "attribute:";
export const MAX_EXPORT_COLUMNS = 50;
const MAX_ATTRIBUTE_KEY_LENGTH = 200;

const standardIds = new Set<string>(standardExportColumns.map((c) => c.id));

export function attributeColumn(key: string): string {
  return `${ATTRIBUTE_PREFIX}${key}`;
}

export function attributeKeyOf(column: string): string | null {
  return column.startsWith(ATTRIBUTE_PREFIX) ? column.slice(ATTRIBUTE_PREFIX.length) : null;
}

/** The header cell for a column id: the standard label, or the attribute key itself. */
export function exportColumnLabel(column: string): string {
  const standard = standardExportColumns.find((c) => c.id === column);
  if (standard) return standard.label;
  return attributeKeyOf(column) ?? column;
}

export function isValidExportColumn(column: string): boolean {
  if (standardIds.has(column)) return true;
  const key = attributeKeyOf(column);
  return key !== null && key.trim().length > 0 && key.length <= MAX_ATTRIBUTE_KEY_LENGTH;
}

/** FormData sends one `columns` value as a string and several as an array. */
export const exportColumnsSchema = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.string())
    .min(1, "Choose at least one column to export")
    .max(MAX_EXPORT_COLUMNS, `Choose at most ${MAX_EXPORT_COLUMNS} columns`)
    .refine((columns) => columns.every(isValidExportColumn), { message: "Unknown column: choose columns from the list" })
    .refine((columns) => new Set(columns).size === columns.length, { message: "Each column can be chosen only once" }),
);
