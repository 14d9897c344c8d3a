import { Empty } from '../ui/components';
import { ModelCells, ModelHeader, modelLayout, rowClass, type ReportModel } from './ModelCells';
import type { useRowCursor } from './useRowCursor';

type Row = ReportModel['rows'][number];
type Cursor = ReturnType<typeof useRowCursor>;

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
  const layout = modelLayout(columns);
  const stop = new Map(drillable.map((row, i) => [row, i]));
  return (
    <table className="grid report rp-model" data-testid="report-table">
      <ModelHeader columns={columns} starts={layout.starts} />
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
              className={rowClass(row, !!row.drill, at >= 0 && at === cursor.index)}
              title={at >= 0 ? drillTitle(row) : undefined}
              {...(at >= 0 ? cursor.rowProps(at) : {})}
            >
              <ModelCells columns={columns} row={row} layout={layout} textOnHover />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function drillTitle(row: Row): string {
  if (row.drill?.voucherId) return '打开凭证';
  return `查看 ${row.drill?.account ?? ''} 明细账`;
}
