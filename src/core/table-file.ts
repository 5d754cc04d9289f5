/**
 * A table as a file staff open in Excel: .csv (UTF-8 with a BOM, CRLF, formula-looking cells
 * defused) or .xlsx (exceljs, bold header row). Used by the ticket export and the activity roster.
 */
export type TableFormat = 'xlsx' | 'csv';

function csvCell(v: string | number): string {
  const s = String(v);
  // A leading = + - @ would run as a formula in Excel: prefix with a quote.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The file's bytes: `columns` in order, `headers` their titles, `width` of each column in .xlsx. */
export async function tableFile<K extends string>(
  columns: readonly K[],
  headers: string[],
  rows: Record<K, string | number>[],
  format: TableFormat,
  opts: { sheet: string; created: Date; width: (key: K) => number },
): Promise<Buffer> {
  if (format === 'csv') {
    const lines = [headers.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
    return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
  }
  // exceljs is loaded only when someone exports (it is heavy for every start-up)
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.created = opts.created;
  // Sheet names: at most 31 characters, none of []:*?/\
  const ws = wb.addWorksheet(opts.sheet.replace(/[[\]:*?/\\]/gu, ' ').slice(0, 31));
  ws.columns = columns.map((key, i) => ({ header: headers[i]!, key, width: opts.width(key) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
