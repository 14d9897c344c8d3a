import { formatAmount, yuanToFen } from '../money/money.js';

/**
 * Text output of the command line: tables aligned for terminals where a Chinese character takes two
 * columns, amounts with thousands separators, CSV that Excel opens as UTF-8.
 */

/** East Asian Wide and Fullwidth ranges (Unicode UAX #11): these take two terminal columns. */
const wideRanges: Array<[number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation (、。「」)
  [0x3041, 0x33ff], // kana, bopomofo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // fullwidth forms (，：（）)
  [0xffe0, 0xffe6], // fullwidth signs (￥)
  [0x1f300, 0x1f64f], // emoji
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd], // CJK extensions B and later
];

function charWidth(codePoint: number): number {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if ((codePoint >= 0x300 && codePoint <= 0x36f) || (codePoint >= 0x200b && codePoint <= 0x200f)) return 0;
  for (const [start, end] of wideRanges) {
    if (codePoint < start) return 1;
    if (codePoint <= end) return 2;
  }
  return 1;
}

/** Columns a text takes in a terminal: CJK and full-width characters count 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0)!);
  return width;
}

export type Align = 'left' | 'right';

export function pad(text: string, width: number, align: Align = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

export interface Column {
  header: string;
  align?: Align;
}

/**
 * Aligned columns with a rule under the header. `null` as a row draws a rule (before a totals row).
 * Trailing spaces are trimmed so the output pastes cleanly.
 */
export function renderTable(columns: Column[], rows: Array<string[] | null>): string {
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column.header), ...rows.map((row) => displayWidth(row?.[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    columns
      .map((column, i) => pad(cells[i] ?? '', widths[i]!, column.align))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map((row) => (row ? line(row) : rule))].join(
    '\n',
  );
}

/** Decimal yuan text from the API ('1234.5', '-12.00') → '1,234.50'; '' stays ''. */
export function money(yuan: string, options: { blankZero?: boolean } = {}): string {
  if (yuan.trim() === '') return '';
  return formatAmount(yuanToFen(yuan), options);
}

/** An ISO-8601 UTC timestamp in China's local time, 'YYYY-MM-DD HH:mm:ss'. */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** '2025-03-05' → '2025年03月05日', as a voucher header prints it. */
export function chineseDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[1]}年${match[2]}月${match[3]}日` : date;
}

const BOM = '\uFEFF';

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV as Excel on a Chinese Windows opens it: UTF-8 with a BOM, CRLF line ends. */
export function toCsv(headers: string[], rows: string[][]): string {
  return BOM + [headers, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
