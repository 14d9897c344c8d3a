import type { ReactNode } from 'react';
import type { ApiOutput } from '../api';
import { Amount, Empty } from '../ui/components';
import type { useRowCursor } from './useRowCursor';

export type ReportModel = ApiOutput<'report.view'>;
type Column = ReportModel['columns'][number];
type Row = ReportModel['rows'][number];
type Cursor = ReturnType<typeof useRowCursor>;

const decimal = /^-?\d+(\.\d+)?$/;

/**
 * Any report of the catalogue as the screen draws it, from the same model as its .xlsx and PDF: one or
 * two header rows (a group such as 期初余额 over 借方/贷方), the first text column indented by level,
 * subtotals and totals bold, headings as section titles, red-ink rows in red, amounts right-aligned in
 * tabular figures with thousands separators. Rows that lead somewhere (`drill`) take the row cursor.
 */
export function ReportTable({
  model,
  drillable,
  cursor,
}: {
  model: ReportModel;
  /** Indices into model.rows of the rows the cursor visits, in order. */
  drillable: number[];
  cursor: Cursor;
}) {
  const { columns, rows } = model;
  const label = columns.findIndex((c) => c.kind === 'text');
  const starts = groupStarts(columns);
  const stop = new Map(drillable.map((row, i) => [row, i]));
  return (
    <table className="grid report rp-model" data-testid="report-table">
      <Header columns={columns} starts={starts} />
      <tbody onKeyDown={cursor.onKeyDown}>
        {rows.length === 0 && (
          <tr>
            <td colSpan={columns.length}>
              <Empty>{model.period}没有可列示的数据。</Empty>
            </td>
          </tr>
        )}
        {rows.map((row, i) => {
          const at = stop.get(i) ?? -1;
          return (
            <tr
              key={i}
              data-row={i}
              data-drill-account={row.drill?.account}
              data-voucher-id={row.drill?.voucherId}
              className={rowClass(row, at >= 0 && at === cursor.index)}
              title={at >= 0 ? drillTitle(row) : undefined}
              {...(at >= 0 ? cursor.rowProps(at) : {})}
            >
              {columns.map((column, c) => (
                <Cell
                  key={column.key}
                  column={column}
                  text={row.cells[column.key] ?? ''}
                  indent={c === label ? (row.level ?? 1) - 1 : 0}
                  first={starts.has(c)}
                />
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Column indices drawn with a rule on the left: where a group begins, and where text follows amounts
 * (the second half of a two-sided statement such as 资产 | 负债和净资产).
 */
function groupStarts(columns: Column[]): Set<number> {
  const starts = new Set<number>();
  columns.forEach((column, i) => {
    const before = columns[i - 1];
    if (!before) return;
    if (column.group !== undefined && before.group !== column.group) starts.add(i);
    if (column.kind === 'text' && before.kind === 'amount') starts.add(i);
  });
  return starts;
}

function Header({ columns, starts }: { columns: Column[]; starts: Set<number> }) {
  const cls = (column: Column, i: number) =>
    [column.kind === 'amount' ? 'num' : '', starts.has(i) ? 'gl' : ''].filter(Boolean).join(' ') || undefined;
  if (!columns.some((c) => c.group !== undefined))
    return (
      <thead>
        <tr>
          {columns.map((column, i) => (
            <th key={column.key} className={cls(column, i)} data-column={column.key}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
    );
  const top: ReactNode[] = [];
  const second: ReactNode[] = [];
  for (let i = 0; i < columns.length;) {
    const column = columns[i]!;
    if (column.group === undefined) {
      top.push(
        <th key={column.key} rowSpan={2} className={cls(column, i)} data-column={column.key}>
          {column.header}
        </th>,
      );
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
    for (let k = i; k <= end; k++)
      second.push(
        <th key={columns[k]!.key} className={cls(columns[k]!, k)} data-column={columns[k]!.key}>
          {columns[k]!.header}
        </th>,
      );
    i = end + 1;
  }
  return (
    <thead>
      <tr>{top}</tr>
      <tr className="second">{second}</tr>
    </thead>
  );
}

function Cell({
  column,
  text,
  indent,
  first,
}: {
  column: Column;
  text: string;
  indent: number;
  first: boolean;
}) {
  const rule = first ? ' gl' : '';
  if (column.kind === 'amount')
    return (
      <td className={`num${rule}`} data-column={column.key}>
        {decimal.test(text) ? <Amount value={text} /> : <span className="amount">{text}</span>}
      </td>
    );
  return (
    <td
      className={`${column.kind}${rule}`}
      data-column={column.key}
      style={indent > 0 ? { paddingLeft: 8 + indent * 16 } : undefined}
      title={column.kind === 'text' && text ? text : undefined}
    >
      {text}
    </td>
  );
}

function rowClass(row: Row, selected: boolean): string | undefined {
  return (
    [
      row.mark,
      row.red ? 'red' : '',
      row.pageBreak ? 'page-break' : '',
      row.drill ? 'drill' : '',
      selected ? 'selected' : '',
    ]
      .filter(Boolean)
      .join(' ') || undefined
  );
}

function drillTitle(row: Row): string {
  if (row.drill?.voucherId) return '打开凭证';
  return `查看 ${row.drill?.account ?? ''} 明细账`;
}
