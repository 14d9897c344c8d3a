import ExcelJS from 'exceljs';

/**
 * A simple table as a print-ready .xlsx: merged title, a subtitle line (unit, period), header row
 * repeated on every page, amounts as numbers formatted #,##0.00, a Chinese font set explicitly, A4.
 * (The full report model with signature blocks comes with the statements; this is its first use.)
 */
export interface XlsxTable {
  title: string;
  subtitle: string;
  headers: string[];
  /** Cells as text; columns listed in `amountColumns` hold decimal yuan strings written as numbers. */
  rows: string[][];
  amountColumns: number[];
  /** Row indexes (0-based, into rows) to show bold, such as totals. */
  boldRows?: number[];
}

const font = { name: 'SimSun', size: 10 };

export async function writeTableXlsx(file: string, table: XlsxTable): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.title.slice(0, 31), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
    },
    views: [{ state: 'frozen', ySplit: 3 }],
    headerFooter: { oddFooter: '第 &P 页 共 &N 页' },
  });
  const width = table.headers.length;
  sheet.mergeCells(1, 1, 1, width);
  Object.assign(sheet.getCell(1, 1), {
    value: table.title,
    font: { ...font, size: 16, bold: true },
    alignment: { horizontal: 'center' },
  });
  sheet.mergeCells(2, 1, 2, width);
  Object.assign(sheet.getCell(2, 1), { value: table.subtitle, font, alignment: { horizontal: 'center' } });
  const header = sheet.getRow(3);
  table.headers.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { ...font, bold: true };
    cell.alignment = { horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
  });
  table.rows.forEach((cells, r) => {
    const row = sheet.getRow(4 + r);
    cells.forEach((text, i) => {
      const cell = row.getCell(i + 1);
      const amount = table.amountColumns.includes(i);
      // An amount is written as the number Excel will show to the cent; the text came from exact 分.
      cell.value = amount && text !== '' ? Number(text) : text;
      cell.font = { ...font, bold: table.boldRows?.includes(r) ?? false };
      if (amount) Object.assign(cell, { numFmt: '#,##0.00', alignment: { horizontal: 'right' } });
    });
  });
  sheet.columns.forEach((column, i) => {
    column.width = table.amountColumns.includes(i)
      ? 16
      : Math.max(12, ...table.rows.map((r) => (r[i] ?? '').length * 2 + 2), table.headers[i]!.length * 2 + 2);
  });
  await workbook.xlsx.writeFile(file);
}
