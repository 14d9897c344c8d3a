import { useRowCursor } from '../reports/useRowCursor';
import { Amount, Card } from '../ui/components';
import type { SideName } from './MatchBoard';

export interface ExceptionRow {
  /** The item's key in the matching view. */
  key: string;
  cells: string[];
  amount: string;
  reason: string;
}

interface ExceptionList {
  title: string;
  /** Headers: the text cells, then 金额, then 原因. */
  columns: string[];
  rows: ExceptionRow[];
}

/**
 * What is still unmatched on each side, each with the reason the core gives (在途, 未入账, 串户,
 * 金额不符, 对账单中没有). Enter or a click on a line takes the cursor to that item in the matching view.
 */
export function ExceptionsCard({
  title,
  left,
  right,
  onOpen,
}: {
  title: string;
  left: ExceptionList;
  right: ExceptionList;
  onOpen: (side: SideName, key: string) => void;
}) {
  const count = left.rows.length + right.rows.length;
  return (
    <Card
      title={title}
      actions={
        <span className="hint">
          {count === 0 ? '全部勾对' : `${count} 项`} · 选中一行按 <kbd>Enter</kbd> 到勾对列表中的这一项
        </span>
      }
    >
      <div className="rc-exceptions" data-testid="exceptions">
        <Table name="left" list={left} onOpen={onOpen} />
        <Table name="right" list={right} onOpen={onOpen} />
      </div>
    </Card>
  );
}

function Table({
  name,
  list,
  onOpen,
}: {
  name: SideName;
  list: ExceptionList;
  onOpen: (side: SideName, key: string) => void;
}) {
  const cursor = useRowCursor(list.rows.length, (i) => onOpen(name, list.rows[i]!.key), list.title);
  const text = list.columns.slice(0, -2);
  return (
    <section aria-label={list.title} data-side={name}>
      <h3 className="rc-subhead">
        {list.title}（{list.rows.length}）
      </h3>
      {list.rows.length === 0 ? (
        <p className="hint">没有。</p>
      ) : (
        <div className="table-wrap">
          <table className="grid rc-exception-table">
            <thead>
              <tr>
                {text.map((h) => (
                  <th key={h}>{h}</th>
                ))}
                <th className="num">{list.columns.at(-2)}</th>
                <th>{list.columns.at(-1)}</th>
              </tr>
            </thead>
            <tbody onKeyDown={cursor.onKeyDown}>
              {list.rows.map((row, i) => (
                <tr
                  key={row.key}
                  className={`clickable${i === cursor.index ? ' selected' : ''}`}
                  data-key={row.key}
                  {...cursor.rowProps(i)}
                >
                  {row.cells.map((c, j) => (
                    <td key={j} className={j === 0 ? 'code' : undefined}>
                      {c}
                    </td>
                  ))}
                  <td className="num">
                    <Amount value={row.amount} />
                  </td>
                  <td className="rc-reason" data-testid="exception-reason">
                    {row.reason}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
