import type { CSSProperties, ReactNode } from 'react';
import type { ApiOutput } from '../api';
import { Amount } from '../ui/components';

/**
 * How a report model's columns and rows become table cells on screen, for every table drawn from a
 * model: the catalogue's screen table (ReportTable) and the 居务公开 paper form (PaperSheet). Their
 * looks differ and stay in their stylesheets; what a cell holds and how it is marked is decided here,
 * as the print HTML decides it for paper (src/reports/render-html.ts).
 */

export type ReportModel = ApiOutput<'report.view'>;
type Column = ReportModel['columns'][number];
type Row = ReportModel['rows'][number];

const decimal = /^-?\d+(\.\d+)?$/;

/**
 * The label column (the first text column, indented by level and centred on totals) and the columns
 * that begin a section: where a group begins, and where text follows amounts (the second half of a
 * two-sided statement such as 资产 | 负债和净资产), which the screen table rules on the left (`gl`).
 */
export function modelLayout(columns: Column[]): { label: number; starts: Set<number> } {
  const starts = new Set<number>();
  columns.forEach((column, i) => {
    const before = columns[i - 1];
    if (!before) return;
    if (column.group !== undefined && before.group !== column.group) starts.add(i);
    if (column.kind === 'text' && before.kind === 'amount') starts.add(i);
  });
  return { label: columns.findIndex((c) => c.kind === 'text'), starts };
}

/** One header row, or two when columns are grouped (a group such as 期初余额 over 借方 / 贷方). */
export function ModelHeader({ columns, starts }: { columns: Column[]; starts: Set<number> }) {
  const th = (column: Column, i: number, rowSpan?: number) => (
    <th
      key={column.key}
      rowSpan={rowSpan}
      className={
        [column.kind === 'amount' ? 'num' : '', starts.has(i) ? 'gl' : ''].filter(Boolean).join(' ') ||
        undefined
      }
      data-column={column.key}
    >
      {column.header}
    </th>
  );
  if (!columns.some((c) => c.group !== undefined))
    return (
      <thead>
        <tr>{columns.map((column, i) => th(column, i))}</tr>
      </thead>
    );
  const top: ReactNode[] = [];
  const second: ReactNode[] = [];
  for (let i = 0; i < columns.length;) {
    const column = columns[i]!;
    if (column.group === undefined) {
      top.push(th(column, i, 2));
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < columns.length && columns[end + 1]!.group === column.group) end++;
    top.push(
      <th key={`group-${i}`} colSpan={end - i + 1} className={i > 0 ? 'group gl' : 'group'}>
        {column.group}
      </th>,
    );
    for (let k = i; k <= end; k++) second.push(th(columns[k]!, k));
    i = end + 1;
  }
  return (
    <thead>
      <tr>{top}</tr>
      <tr className="second">{second}</tr>
    </thead>
  );
}

/**
 * A row's cells: amounts right-aligned with thousands separators (a text in an amount column as it
 * is), the label indented by the row's level (`--indent`; each stylesheet sets the step).
 */
export function ModelCells({
  columns,
  row,
  layout,
  textOnHover,
}: {
  columns: Column[];
  row: Row;
  layout: ReturnType<typeof modelLayout>;
  /** Each text cell's whole text on hover, for a table that cuts long text short. */
  textOnHover?: boolean;
}) {
  return columns.map((column, c) => {
    const text = row.cells[column.key] ?? '';
    const rule = layout.starts.has(c) ? 'gl' : '';
    if (column.kind === 'amount')
      return (
        <td key={column.key} className={['num', rule].filter(Boolean).join(' ')} data-column={column.key}>
          {decimal.test(text) ? <Amount value={text} /> : <span className="amount">{text}</span>}
        </td>
      );
    const indent = c === layout.label ? (row.level ?? 1) - 1 : 0;
    return (
      <td
        key={column.key}
        className={[column.kind, c === layout.label ? 'label' : '', indent > 0 ? 'indented' : '', rule]
          .filter(Boolean)
          .join(' ')}
        data-column={column.key}
        style={indent > 0 ? ({ '--indent': indent } as CSSProperties) : undefined}
        title={textOnHover && column.kind === 'text' && text ? text : undefined}
      >
        {text}
      </td>
    );
  });
}

/** A row's marks as classes: subtotal, total or heading, red ink, a printed page break, and the cursor's. */
export function rowClass(row: Row, drill: boolean, selected: boolean): string | undefined {
  return (
    [
      row.mark,
      row.red ? 'red' : '',
      row.pageBreak ? 'page-break' : '',
      drill ? 'drill' : '',
      selected ? 'selected' : '',
    ]
      .filter(Boolean)
      .join(' ') || undefined
  );
}
