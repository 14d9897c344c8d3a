import type { ApiOutput } from '../api';
import { ModelCells, ModelHeader, modelLayout, rowClass } from '../reports/ModelCells';
import { useRowCursor } from '../reports/useRowCursor';

export type SheetModel = ApiOutput<'disclosure.sheets'>['sheets'][number];
type Column = SheetModel['columns'][number];

/**
 * One 居务公开 sheet drawn like the paper form on the board: an A4 sheet with the title, the
 * 编制单位 / 期间 / 单位 line, 所属期间 and 公开日期, the ruled table, the 大写 lines and the signature
 * block. Rows that come from a voucher (Sheet B) open it on Enter or a double click.
 */
export function PaperSheet({
  model,
  name,
  onOpenVoucher,
}: {
  model: SheetModel;
  /** A, B or C: the form's letter, for the tab and the tests. */
  name: string;
  onOpenVoucher?: (voucherId: number) => void;
}) {
  const drillRows = model.rows.flatMap((row, i) => (row.drill?.voucherId ? [i] : []));
  const drillIndex = new Map(drillRows.map((row, i) => [row, i]));
  const open = (i: number) => {
    const id = model.rows[drillRows[i]!]?.drill?.voucherId;
    if (id && onOpenVoucher) onOpenVoucher(id);
  };
  const cursor = useRowCursor(drillRows.length, open, `${name}|${model.title}|${model.period}`);
  const layout = modelLayout(model.columns);
  const notes = (model.notes ?? []).filter((n) => n !== '');

  return (
    <article
      className={`ds-paper ${model.orientation}`}
      data-sheet={name}
      aria-label={model.title}
      data-testid="disclosure-sheet"
    >
      <h2 className="ds-title">{model.title}</h2>
      <div className="ds-meta">
        <span>{model.subtitle ? `编制单位：${model.subtitle}` : ''}</span>
        <span className="ds-meta-period">{model.period}</span>
        <span className="ds-meta-unit">单位：{model.unit}</span>
      </div>
      {(model.meta ?? []).map((line, i) => (
        <div key={i} className="ds-meta-line">
          {line}
        </div>
      ))}
      <table className="ds-form">
        <colgroup>
          {model.columns.map((c) => (
            <col key={c.key} style={{ width: `${columnWidth(c)}ch` }} />
          ))}
        </colgroup>
        <ModelHeader columns={model.columns} starts={layout.starts} />
        <tbody onKeyDown={cursor.onKeyDown}>
          {model.rows.map((row, i) => {
            const line = drillIndex.get(i);
            const drill = line !== undefined && onOpenVoucher;
            const props = drill
              ? {
                  ...cursor.rowProps(line),
                  onClick: () => cursor.focus(line),
                  onDoubleClick: () => open(line),
                  title: `双击或按 Enter 打开凭证 ${row.cells.voucher ?? ''}`,
                }
              : {};
            const label = layout.label >= 0 ? (row.cells[model.columns[layout.label]!.key] ?? '') : '';
            return (
              <tr
                key={i}
                className={rowClass(row, !!drill, !!drill && line === cursor.index)}
                data-label={label}
                data-voucher-id={row.drill?.voucherId}
                {...props}
              >
                <ModelCells columns={model.columns} row={row} layout={layout} />
              </tr>
            );
          })}
        </tbody>
      </table>
      {notes.length > 0 && (
        <div className="ds-notes">
          {notes.map((note, i) => (
            <p key={i} className={note.startsWith('注意') ? 'warning' : undefined}>
              {note}
            </p>
          ))}
        </div>
      )}
      <div className="ds-signatures" data-testid="signatures">
        {(model.signatures ?? []).map((line, i) => (
          <div key={i} className="ds-sign-line">
            {line.map((field) => (
              <span key={field.label} className="ds-sign" data-sign={field.label}>
                <span className="ds-sign-label">{field.label}：</span>
                <span className={field.name ? 'ds-sign-name' : 'ds-sign-name blank'}>{field.name ?? ''}</span>
              </span>
            ))}
          </div>
        ))}
      </div>
    </article>
  );
}

const columnWidth = (c: Column) => c.width ?? (c.kind === 'amount' ? 15 : 12);
