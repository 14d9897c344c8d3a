import ExcelJS from 'exceljs';
import { isRedInk, type Column, type ReportModel, type Row } from './model.js';

/**
 * The .xlsx renderer for every report model: A4 in the model's orientation, fitted to one page wide,
 * merged centred title, a line with organisation / period / 单位, one or two header rows (two when a
 * column has a group) repeated on every page and frozen, amounts as numbers `#,##0.00` right-aligned,
 * SimSun set explicitly on every written cell, notes, a signature row and the footer 第 N 页 共 M 页.
 */

const FONT_NAME = 'SimSun';
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
  name: FONT_NAME,
  size: 10,
  ...extra,
});
const thin: Partial<ExcelJS.Border> = { style: 'thin' };
const grid: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const AMOUNT_FORMAT = '#,##0.00';
const RED = 'FFFF0000';

/** Width of a text in Excel's units, roughly: a CJK character in SimSun 10 is about 1.8, others one. */
const textUnits = (text: string) => [...text].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e7f ? 1.8 : 1), 0);

/** Excel column width for a column: the model's width, or one that fits the header and the cells. */
function columnWidth(column: Column, rows: Row[]): number {
  if (column.width) return column.width;
  if (column.kind === 'amount') return 15;
  // A CJK character is about two width units; allow for indentation.
  const longest = Math.max(
    column.header.length * 2,
    ...rows.map((r) => [...(r.cells[column.key] ?? '')].length * 2 + ((r.level ?? 1) - 1) * 2),
  );
  return Math.min(40, Math.max(10, longest + 2));
}

/**
 * Splits columns 1..count into `parts` contiguous spans (as even as possible), for lines whose pieces
 * sit side by side across the table (the organisation/period/unit line, the signature row).
 */
function spans(count: number, parts: number): Array<[number, number]> {
  const n = Math.max(1, Math.min(parts, count));
  const result: Array<[number, number]> = [];
  let start = 1;
  for (let i = 0; i < n; i++) {
    const size = Math.floor(count / n) + (i < count % n ? 1 : 0);
    result.push([start, start + size - 1]);
    start += size;
  }
  return result;
}

function put(
  sheet: ExcelJS.Worksheet,
  row: number,
  [from, to]: [number, number],
  value: string,
  style: { font?: Partial<ExcelJS.Font>; alignment?: Partial<ExcelJS.Alignment> },
): void {
  if (to > from) sheet.mergeCells(row, from, row, to);
  const cell = sheet.getCell(row, from);
  cell.value = value;
  cell.font = style.font ?? font();
  cell.alignment = { vertical: 'middle', ...style.alignment };
}

/** Worksheet names must be unique, at most 31 characters and free of []:*?/\. */
function sheetName(workbook: ExcelJS.Workbook, model: ReportModel): string {
  const base = (model.sheetName ?? model.title).replace(/[[\]:*?/\\]/g, ' ').slice(0, 28);
  let name = base;
  for (let n = 2; workbook.getWorksheet(name); n++) name = `${base}(${n})`;
  return name;
}

/** One report or several (one worksheet each, in order) as an .xlsx workbook. */
export async function renderXlsx(models: ReportModel | ReportModel[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '居财账簿';
  for (const model of Array.isArray(models) ? models : [models]) addSheet(workbook, model);
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

function addSheet(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const { columns } = model;
  const width = columns.length;
  const grouped = columns.some((c) => c.group !== undefined);
  const meta = model.meta ?? [];
  const headerTop = 3 + meta.length;
  const headerBottom = grouped ? headerTop + 1 : headerTop;

  const sheet = workbook.addWorksheet(sheetName(workbook, model), {
    pageSetup: {
      paperSize: 9,
      orientation: model.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerTop}:${headerBottom}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerBottom }],
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  sheet.columns = columns.map((c) => ({ key: c.key, width: columnWidth(c, model.rows) }));

  // Title and the organisation / period / unit line.
  put(sheet, 1, [1, width], model.title, {
    font: font({ size: 16, bold: true }),
    alignment: { horizontal: 'center' },
  });
  sheet.getRow(1).height = 30;
  const [left, middle, right] = width >= 3 ? spans(width, 3) : [undefined, undefined, undefined];
  if (left && middle && right) {
    put(sheet, 2, left, model.subtitle ? `编制单位：${model.subtitle}` : '', {
      alignment: { horizontal: 'left' },
    });
    put(sheet, 2, middle, model.period, { alignment: { horizontal: 'center' } });
    put(sheet, 2, right, `单位：${model.unit}`, { alignment: { horizontal: 'right' } });
  } else {
    const line = [model.subtitle, model.period, `单位：${model.unit}`].filter(Boolean).join('    ');
    put(sheet, 2, [1, width], line, { alignment: { horizontal: 'center' } });
  }
  sheet.getRow(2).height = 20;
  meta.forEach((line, i) => {
    put(sheet, 3 + i, [1, width], line, { alignment: { horizontal: 'left' } });
    sheet.getRow(3 + i).height = 18;
  });

  // Header rows: a column without a group spans both rows; adjacent columns of one group share a cell.
  const headerStyle = (cell: ExcelJS.Cell, value: string) => {
    cell.value = value;
    cell.font = font({ bold: true });
    cell.alignment = { horizontal: 'center', vertical: 'middle', shrinkToFit: true };
    cell.border = grid;
  };
  for (let r = headerTop; r <= headerBottom; r++) {
    for (let c = 1; c <= width; c++) headerStyle(sheet.getCell(r, c), '');
  }
  for (let i = 0; i < width;) {
    const column = columns[i]!;
    if (!grouped) {
      headerStyle(sheet.getCell(headerTop, i + 1), column.header);
      i++;
    } else if (column.group === undefined) {
      sheet.mergeCells(headerTop, i + 1, headerBottom, i + 1);
      headerStyle(sheet.getCell(headerTop, i + 1), column.header);
      i++;
    } else {
      let end = i;
      while (end + 1 < width && columns[end + 1]!.group === column.group) end++;
      if (end > i) sheet.mergeCells(headerTop, i + 1, headerTop, end + 1);
      headerStyle(sheet.getCell(headerTop, i + 1), column.group);
      for (let k = i; k <= end; k++) headerStyle(sheet.getCell(headerBottom, k + 1), columns[k]!.header);
      i = end + 1;
    }
  }
  for (let r = headerTop; r <= headerBottom; r++) sheet.getRow(r).height = 18;

  // Body.
  const firstText = columns.findIndex((c) => c.kind === 'text');
  // A book that paginates itself must print exactly its rows on a page: long text shrinks, never wraps.
  const paged = model.rows.some((row) => row.pageBreak);
  const widths = columns.map((c) => columnWidth(c, model.rows));
  let r = headerBottom + 1;
  for (const row of model.rows) {
    const marked = row.mark !== undefined;
    // Other reports wrap a long text inside its column; the row grows to show every line.
    let lines = 1;
    const rule = row.mark === 'subtotal' || row.mark === 'total';
    if (row.pageBreak && r > headerBottom + 1) sheet.getRow(r - 1).addPageBreak();
    columns.forEach((column, i) => {
      const cell = sheet.getCell(r, i + 1);
      const text = row.cells[column.key] ?? '';
      cell.font = font({ bold: marked, ...(isRedInk(row, column, text) ? { color: { argb: RED } } : {}) });
      cell.border = rule ? { ...grid, top: { style: 'medium' } } : grid;
      if (column.kind === 'amount') {
        // Written as the number Excel shows to the cent; the text came from exact 分.
        if (text !== '') cell.value = Number(text);
        cell.numFmt = AMOUNT_FORMAT;
        cell.alignment = { horizontal: 'right', vertical: 'middle' };
      } else {
        if (text !== '') cell.value = text;
        if (column.kind === 'code') cell.numFmt = '@';
        const indent = i === firstText && row.level && row.level > 1 ? row.level - 1 : 0;
        cell.alignment = {
          horizontal: rule && i === firstText ? 'center' : 'left',
          vertical: 'middle',
          ...(indent ? { indent } : {}),
          ...(paged ? { shrinkToFit: true } : { wrapText: true }),
        };
        if (!paged && column.kind === 'text') {
          lines = Math.max(lines, Math.ceil(textUnits(text) / Math.max(1, widths[i]! - 1 - indent * 2)));
        }
      }
    });
    sheet.getRow(r).height = 16 * lines;
    r++;
  }

  // Notes, then the signature row.
  for (const note of model.notes ?? []) {
    put(sheet, r, [1, width], note, { alignment: { horizontal: 'left', wrapText: true } });
    r++;
  }
  const signatures = model.signatures ?? [];
  if (signatures.length > 0) r++;
  for (const line of signatures) {
    spans(width, line.length).forEach((span, i) => {
      const field = line[i]!;
      put(sheet, r, span, `${field.label}：${field.name ?? '________________'}`, {
        alignment: { horizontal: 'left' },
      });
    });
    sheet.getRow(r).height = 24;
    r++;
  }
}
