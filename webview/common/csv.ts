/** CSV text from columns and rows (RFC 4180 quoting). Pure. */

/** A cell: numbers as JavaScript prints them, missing values empty. */
export type Cell = string | number | boolean | undefined;

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
