import { isRedInk, type Column, type ReportModel, type Row } from './model.js';

/**
 * The print-HTML renderer for every report model (drawn to PDF by render-pdf.ts): a self-contained
 * page with inline CSS only and no scripts, A4 in the model's orientation, centred bold title, the
 * organisation / period / 单位 line, one or two header rows repeated on every printed page
 * (`thead { display: table-header-group }`), amounts right-aligned in tabular figures with thousands
 * separators, indentation by level, bold subtotal/total rows, red-ink rows in red, notes and the
 * signature line.
 */

const escapeMap: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapeMap[c]!);
}

/**
 * '1234567.8' → '1,234,567.80', '-1234.5' → '-1,234.50', by string operations only (the decimal
 * string came from exact 分; no floating point). '' stays ''.
 */
export function groupAmount(yuan: string): string {
  const text = yuan.trim();
  if (text === '') return '';
  const negative = text.startsWith('-');
  const unsigned = negative || text.startsWith('+') ? text.slice(1) : text;
  const [intRaw = '', fracRaw = ''] = unsigned.split('.');
  const int = intRaw.replace(/^0+(?=\d)/, '') || '0';
  const frac = (fracRaw + '00').slice(0, Math.max(2, fracRaw.length));
  const groupedInt = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${groupedInt}.${frac}`;
}

const STYLE = (orientation: ReportModel['orientation']) => `
@page { size: A4 ${orientation}; margin: 12mm; }
@page portrait { size: A4 portrait; margin: 12mm; }
@page landscape { size: A4 landscape; margin: 12mm; }
section.portrait { page: portrait; }
section.landscape { page: landscape; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body {
  font-family: "Noto Sans CJK SC", "SimSun", serif;
  font-size: 10pt;
  color: #000;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
h1 { text-align: center; font-weight: bold; font-size: 16pt; margin: 0 0 4mm; letter-spacing: 0.1em; }
.meta { display: flex; justify-content: space-between; margin: 0 0 2mm; font-size: 10pt; }
.meta span { flex: 1; }
.meta .org { text-align: left; }
.meta .period { text-align: center; }
.meta .unit { text-align: right; }
table.report { width: 100%; border-collapse: collapse; table-layout: auto; }
table.report thead { display: table-header-group; }
table.report tfoot { display: table-footer-group; }
table.report tr { page-break-inside: avoid; break-inside: avoid; }
table.report th, table.report td { border: 0.6pt solid #000; padding: 0.45mm 1.5mm; vertical-align: middle; line-height: 1.2; }
table.report th { text-align: center; font-weight: bold; }
td.text, td.code { text-align: left; }
td.code { white-space: nowrap; }
th { white-space: nowrap; }
td.amount {
  text-align: right;
  white-space: nowrap;
  font-variant-numeric: tabular-nums;
  font-feature-settings: "tnum" 1;
}
tr.subtotal td, tr.total td { font-weight: bold; border-top: 1.2pt solid #000; }
tr.heading td { font-weight: bold; }
tr.page-break { break-before: page; page-break-before: always; }
section.paged table.report { table-layout: fixed; }
section.paged table.report th, section.paged table.report td { line-height: 1.15; padding: 0.8mm 1.2mm; }
section.paged table.report td { height: 6mm; white-space: nowrap; overflow: hidden; }
section.report + section.report { break-before: page; page-break-before: always; }
.meta-line { margin: 0 0 2mm; }
tr.total td.label, tr.subtotal td.label { text-align: center; }
td.red { color: #d00000; }
.notes { margin: 2mm 0 0; }
.notes p { margin: 0.6mm 0; }
.sign-block { margin: 3mm 0 0; break-inside: avoid; page-break-inside: avoid; }
.signatures { display: flex; justify-content: space-between; margin: 2mm 0 0; }
.signatures span { flex: 1; white-space: nowrap; }
`;

function headerRows(columns: Column[]): string {
  const grouped = columns.some((c) => c.group !== undefined);
  const th = (text: string, attrs = '') => `<th${attrs}>${escapeHtml(text)}</th>`;
  if (!grouped) return `<tr>${columns.map((c) => th(c.header)).join('')}</tr>`;
  const top: string[] = [];
  const bottom: string[] = [];
  for (let i = 0; i < columns.length;) {
    const column = columns[i]!;
    if (column.group === undefined) {
      top.push(th(column.header, ' rowspan="2"'));
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < columns.length && columns[end + 1]!.group === column.group) end++;
    const span = end - i + 1;
    top.push(th(column.group, span > 1 ? ` colspan="${span}"` : ''));
    for (let k = i; k <= end; k++) bottom.push(th(columns[k]!.header));
    i = end + 1;
  }
  return `<tr>${top.join('')}</tr>\n<tr>${bottom.join('')}</tr>`;
}

/**
 * A book that paginates itself (rows with pageBreak) must print exactly its rows on each page, so its
 * rows never wrap: the columns keep the model's proportions across the page, and a text longer than
 * its cell is drawn smaller to fit, as Excel's 缩小字体填充 (shrink to fit) does.
 */
const isPaged = (model: ReportModel) => model.rows.some((row) => row.pageBreak);

/** Printable width of A4 inside the 12mm page margins. */
const contentWidthMm = (orientation: ReportModel['orientation']) => (orientation === 'landscape' ? 273 : 186);
const BASE_PT = 10;
/** In half-em units: a full-width (CJK) character is one em, a digit or letter about 0.6 em (bold too). */
const textUnits = (text: string) => [...text].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e7f ? 2 : 1.2), 0);

interface Fit {
  /** Column width in mm, by column index. */
  widthMm: number[];
}

/** A CSS length given in hundredths as an integer (1234 → '12.34'): no floating-point text in the page. */
const hundredths = (n: number) => `${Math.trunc(n / 100)}.${String(n % 100).padStart(2, '0')}`;

function fitFor(model: ReportModel): Fit | undefined {
  if (!isPaged(model)) return undefined;
  const widths = model.columns.map((c) => c.width ?? (c.kind === 'amount' ? 15 : 12));
  const total = widths.reduce((a, b) => a + b, 0);
  return { widthMm: widths.map((w) => (w / total) * contentWidthMm(model.orientation)) };
}

/** The style that shrinks a cell's text to fit its column on one line, or '' when it fits. */
function shrink(text: string, widthMm: number | undefined): string {
  if (widthMm === undefined || text === '') return '';
  const halfEmMm = (BASE_PT / 2) * (25.4 / 72);
  const needed = textUnits(text) * halfEmMm;
  const room = widthMm - 2.4;
  if (needed <= room) return '';
  return `font-size:${Math.max(5, Math.floor((BASE_PT * room * 10) / needed) / 10)}pt`;
}

function bodyRow(row: Row, columns: Column[], firstText: number, fit?: Fit): string {
  const classes = [row.mark, row.pageBreak ? 'page-break' : undefined].filter(Boolean).join(' ');
  const cells = columns.map((column, i) => {
    const text = row.cells[column.key] ?? '';
    if (column.kind === 'amount') {
      const shown = groupAmount(text);
      const fitted = shrink(shown, fit?.widthMm[i]);
      const cls = isRedInk(row, column, text) ? 'amount red' : 'amount';
      return `<td class="${cls}"${fitted ? ` style="${fitted}"` : ''}>${escapeHtml(shown)}</td>`;
    }
    const isLabel = i === firstText;
    const indent = isLabel && row.level && row.level > 1 ? row.level - 1 : 0;
    const styles = [
      indent ? `padding-left:calc(1.5mm + ${indent * 4}mm)` : '',
      shrink(text, fit ? fit.widthMm[i]! - indent * 4 : undefined),
    ].filter(Boolean);
    const style = styles.length > 0 ? ` style="${styles.join(';')}"` : '';
    const cls = `${column.kind}${isLabel ? ' label' : ''}`;
    return `<td class="${cls}"${style}>${escapeHtml(text)}</td>`;
  });
  return `<tr${classes ? ` class="${classes}"` : ''}>${cells.join('')}</tr>`;
}

function section(model: ReportModel): string {
  const { columns } = model;
  const firstText = columns.findIndex((c) => c.kind === 'text');
  const fit = fitFor(model);
  // When every column has a width, the page keeps the model's proportions (as the workbook does).
  const proportional = columns.every((c) => c.width) ? columns.reduce((n, c) => n + c.width!, 0) : 0;
  const colgroup = columns
    .map((c, i) =>
      fit
        ? `<col style="width:${hundredths(Math.round(fit.widthMm[i]! * 100))}mm">`
        : proportional
          ? `<col style="width:${hundredths(Math.round((c.width! * 10000) / proportional))}%">`
          : '<col>',
    )
    .join('');
  const notes = (model.notes ?? []).filter((n) => n !== '');
  const signatures = (model.signatures ?? [])
    .map(
      (line) =>
        `<div class="signatures">${line
          .map((f) => `<span>${escapeHtml(f.label)}：${f.name ? escapeHtml(f.name) : '____________'}</span>`)
          .join('')}</div>`,
    )
    .join('\n');
  return `<section class="report ${model.orientation}${fit ? ' paged' : ''}${proportional ? ' fixed' : ''}">
<h1>${escapeHtml(model.title)}</h1>
<div class="meta"><span class="org">${model.subtitle ? `编制单位：${escapeHtml(model.subtitle)}` : ''}</span><span class="period">${escapeHtml(model.period)}</span><span class="unit">单位：${escapeHtml(model.unit)}</span></div>
${(model.meta ?? []).map((line) => `<div class="meta-line">${escapeHtml(line)}</div>`).join('\n')}
<table class="report">
<colgroup>${colgroup}</colgroup>
<thead>
${headerRows(columns)}
</thead>
<tbody>
${model.rows.map((row) => bodyRow(row, columns, firstText, fit)).join('\n')}
</tbody>
</table>
${notes.length > 0 ? `<div class="notes">${notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</div>` : ''}
${signatures ? `<div class="sign-block">${signatures}</div>` : ''}
</section>`;
}

/**
 * One report, or several printed one after another, as a self-contained HTML page. Each report starts
 * a new page in its own orientation (CSS named pages, honoured by Chromium's PDF output).
 */
export function renderHtml(models: ReportModel | ReportModel[]): string {
  const list = Array.isArray(models) ? models : [models];
  const first = list[0];
  if (!first) throw new Error('renderHtml: no report');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(first.title)}</title>
<style>${STYLE(first.orientation)}</style>
</head>
<body>
${list.map(section).join('\n')}
</body>
</html>
`;
}
