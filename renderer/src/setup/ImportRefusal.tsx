import type { ApiError } from '../api';

/**
 * A refused import: the core's message, a plain statement that nothing was written, and every bad row
 * of the file in a table the accountant can work down while fixing it. A refusal without rows (a missing
 * column, no permission) shows its message alone.
 */
export function ImportRefusal({
  error,
  nothing = '本次没有导入任何内容。',
}: {
  error: ApiError | undefined;
  /** What did not happen, said plainly: 本次没有导入任何凭证。 */
  nothing?: string;
}) {
  if (!error) return null;
  if (error.rows.length === 0)
    return (
      <div className="notice error import-refusal" role="alert" data-testid="import-errors">
        <strong>{error.message}</strong>
        <div>{nothing}</div>
      </div>
    );
  return (
    <div className="notice error import-refusal" role="alert" data-testid="import-errors">
      <strong>{error.message}</strong>
      <div>{nothing}请按下表逐行修改文件，保存后重新选择文件导入。</div>
      <div className="table-wrap row-error-table">
        <table className="grid">
          <thead>
            <tr>
              <th className="num" style={{ width: 64 }}>
                行号
              </th>
              <th style={{ width: 110 }}>列</th>
              <th>原因</th>
            </tr>
          </thead>
          <tbody>
            {error.rows.map((row, i) => (
              <tr key={i} data-row={row.row}>
                <td className="num code">{row.row}</td>
                <td>{row.column}</td>
                <td className="reason">{reason(row.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The row and column are in their own columns; drop the message's own "第 N 行X：" prefix. */
export function reason(message: string): string {
  return message.replace(/^第 \d+ 行[^：]*：/, '');
}
