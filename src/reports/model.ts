/**
 * The neutral report model (issue 5: "one report model, many outputs"). A report is computed once into
 * this shape and drawn by one renderer per output (screen data, .xlsx, print HTML → PDF); no report
 * writes its own spreadsheet code.
 */

/** How a column's cells are shown: text left-aligned, codes as text, amounts as numbers `#,##0.00`. */
export type ColumnKind = 'text' | 'code' | 'amount';

export interface Column {
  /** Key into Row.cells. */
  key: string;
  header: string;
  /** Group header drawn above this column (such as 期初余额 over 借方/贷方); adjacent equal groups merge. */
  group?: string;
  kind: ColumnKind;
  /** Width in characters of the output (Excel column width); a renderer picks one when absent. */
  width?: number;
}

/** Where a row leads on screen: an account's ledger for the report's months, or one voucher. */
export interface Drill {
  account?: string;
  voucherId?: number;
}

export interface Row {
  /** Cell text by column key. Amounts are decimal yuan strings such as '1234.50'; '' is a blank cell. */
  cells: Record<string, string>;
  /** Indent level of the row's first text column (1 = no indent). */
  level?: number;
  /** subtotal/total rows are bold with a rule above; heading rows are bold section titles (一、本期收入). */
  mark?: 'subtotal' | 'total' | 'heading';
  /**
   * Red-ink row (冲销): its red amounts (the negative ones) print in red, the rest of the row, such as
   * the summary and the running balance, in black, as a ledger is written by hand.
   */
  red?: boolean;
  drill?: Drill;
  /** The row starts a new printed page (ledgers paginate themselves, with 承前页 / 过次页 rows). */
  pageBreak?: boolean;
}

/** One field of the signature block: 制表人：王会计, or a blank line to sign on paper. */
export interface Signature {
  label: string;
  name?: string;
}

export interface ReportModel {
  title: string;
  /** The organisation the report is for, such as 东风社区. */
  subtitle?: string;
  /** Period label, such as 2025年3月 or 2025年1月至2025年3月. */
  period: string;
  unit: '元';
  orientation: 'portrait' | 'landscape';
  /** Further lines under the organisation / period line, such as 科目：1001 现金 or 公开日期：2025-04-20. */
  meta?: string[];
  columns: Column[];
  rows: Row[];
  notes?: string[];
  /** The signature block: each inner list is one printed line of fields. */
  signatures?: Signature[][];
  /** Worksheet name in a workbook of several reports (at most 31 characters); the title otherwise. */
  sheetName?: string;
}

/** The usual signature line of a book or statement. */
export const preparerAndReviewer = (): Signature[][] => [[{ label: '制表人' }, { label: '审核人' }]];

/** True for a cell printed in red: a red (negative) amount of a red-ink row. */
export const isRedInk = (row: Row, column: Column, text: string): boolean =>
  row.red === true && column.kind === 'amount' && text.startsWith('-');
