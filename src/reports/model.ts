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

export interface Row {
  /** Cell text by column key. Amounts are decimal yuan strings such as '1234.50'; '' is a blank cell. */
  cells: Record<string, string>;
  /** Indent level of the row's first text column (1 = no indent). */
  level?: number;
  mark?: 'subtotal' | 'total';
  /** Red-ink row (冲销). */
  red?: boolean;
}

export interface ReportModel {
  title: string;
  /** The organisation the report is for, such as 东风社区. */
  subtitle?: string;
  /** Period label, such as 2025年3月 or 2025年1月至2025年3月. */
  period: string;
  unit: '元';
  orientation: 'portrait' | 'landscape';
  columns: Column[];
  rows: Row[];
  notes?: string[];
  /** Signature labels, such as 制表人, 审核人, 社区负责人. */
  signatures?: string[];
}
