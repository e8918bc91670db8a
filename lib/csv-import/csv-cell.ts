/**
 * A cell for a CSV we write (the error file): quoted when needed, and a value a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR at the start) is prefixed with a quote so it
 * stays text (OWASP's CSV-injection advice).
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;\t]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: (string | number)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
