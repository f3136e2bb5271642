/** CSV text from columns and rows (RFC 4180 quoting). Pure. */

/** A cell: numbers as JavaScript prints them, missing values empty. */
export type Cell = string | number | boolean | undefined;

/** Columns and rows of a table (a figure's data for the CSV export). */
export interface Table {
  columns: string[];
  rows: Cell[][];
}

function quote(cell: Cell): string {
  if (cell === undefined) {
    return '';
  }
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header line and one line per row, each ending in CRLF. */
export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [columns, ...rows].map((r) => r.map(quote).join(',') + '\r\n').join('');
}

/** A table as CSV text. */
export function tableCsv(table: Table): string {
  return toCsv(table.columns, table.rows);
}
