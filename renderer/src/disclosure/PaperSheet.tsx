import type { ReactNode } from 'react';
import type { ApiOutput } from '../api';
import { useRowCursor } from '../reports/useRowCursor';
import { Amount } from '../ui/components';

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
  const firstText = model.columns.findIndex((c) => c.kind === 'text');
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
        <thead>
          <HeaderRows columns={model.columns} />
        </thead>
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
            const classes = [
              row.mark ?? '',
              row.red ? 'red' : '',
              drill ? 'drill' : '',
              drill && line === cursor.index ? 'selected' : '',
            ]
              .filter(Boolean)
              .join(' ');
            const label = firstText >= 0 ? (row.cells[model.columns[firstText]!.key] ?? '') : '';
            return (
              <tr
                key={i}
                className={classes || undefined}
                data-label={label}
                data-voucher-id={row.drill?.voucherId}
                {...props}
              >
                {model.columns.map((column, c) => {
                  const text = row.cells[column.key] ?? '';
                  if (column.kind === 'amount')
                    return (
                      <td key={column.key} className="num" data-column={column.key}>
                        <Amount value={text} />
                      </td>
                    );
                  const indent = c === firstText && row.level && row.level > 1 ? row.level - 1 : 0;
                  return (
                    <td
                      key={column.key}
                      className={[column.kind, c === firstText ? 'label' : ''].filter(Boolean).join(' ')}
                      data-column={column.key}
                      style={indent ? { paddingLeft: `${0.6 + indent * 1.4}em` } : undefined}
                    >
                      {text}
                    </td>
                  );
                })}
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

/** One header row, or two when columns are grouped (as 期初余额 over 借方 / 贷方). */
function HeaderRows({ columns }: { columns: Column[] }) {
  if (!columns.some((c) => c.group !== undefined))
    return (
      <tr>
        {columns.map((c) => (
          <th key={c.key}>{c.header}</th>
        ))}
      </tr>
    );
  const top: ReactNode[] = [];
  const bottom: ReactNode[] = [];
  for (let i = 0; i < columns.length;) {
    const column = columns[i]!;
    if (column.group === undefined) {
      top.push(
        <th key={column.key} rowSpan={2}>
          {column.header}
        </th>,
      );
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < columns.length && columns[end + 1]!.group === column.group) end++;
    top.push(
      <th key={`g-${column.key}`} colSpan={end - i + 1}>
        {column.group}
      </th>,
    );
    for (let k = i; k <= end; k++) bottom.push(<th key={columns[k]!.key}>{columns[k]!.header}</th>);
    i = end + 1;
  }
  return (
    <>
      <tr>{top}</tr>
      <tr>{bottom}</tr>
    </>
  );
}
