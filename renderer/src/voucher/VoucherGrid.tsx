import type { KeyboardEvent } from 'react';
import { Amount } from '../ui/components';
import { ChoiceCell } from './ChoiceCell';
import { exactChoice, type Choice } from './accounts';
import { isEmptyLine, type Column, type Line } from './model';
import { fenToYuan, formatFen, parseFen } from '../money';

export interface GridProps {
  lines: Line[];
  columns: Column[];
  readOnly: boolean;
  choices: Choice[];
  byCode: Map<string, Choice>;
  /** `${line.key}:${column}` → what the core said about that cell. */
  problems: Map<string, string>;
  /** Line keys with a problem anywhere (marked in the line number). */
  badLines: Map<number, string>;
  /** `${line.key}:${column}` → what was said as the cursor left that cell; shown under it. */
  notes: Map<string, string>;
  projects: { choices: Choice[]; exact: (text: string) => Choice | undefined };
  /** The core's refusal of the totals (借贷不平, fewer than two lines), shown next to them. */
  balanceRefusal: string | undefined;
  debitTotal: number;
  creditTotal: number;
  capital: string;
  register: (key: number, column: Column, el: HTMLInputElement | null) => void;
  onEdit: (index: number, column: Column, value: string) => void;
  onChoose: (index: number, column: 'account' | 'project', choice: Choice) => void;
  onMiss: (index: number, column: 'account' | 'project', text: string) => void;
  onAmountBlur: (index: number, column: 'debit' | 'credit') => void;
  onKey: (e: KeyboardEvent<HTMLInputElement>, index: number, column: Column) => void;
  onNext: (index: number, column: Column) => void;
}

const heads: Record<Column, string> = {
  summary: '摘要',
  account: '会计科目',
  project: '项目',
  item: '收支项目',
  debit: '借方金额',
  credit: '贷方金额',
};

/**
 * Column widths: amounts fixed, text columns share the rest. With 辅助核算 shown, the account gives up
 * room so that a project's full name (区民政局·高龄老人走访) fits its cell.
 */
const widths: Record<Column, string | undefined> = {
  summary: undefined,
  account: '37%',
  project: '18%',
  item: '10%',
  debit: '138px',
  credit: '138px',
};
const auxAccountWidth = '29%';

/** The lines of a 记账凭证 as on paper: 摘要 | 会计科目 | 借方 | 贷方, totals and 大写 at the foot. */
export function VoucherGrid(props: GridProps) {
  const { lines, columns, readOnly, balanceRefusal, debitTotal, creditTotal, capital } = props;
  const difference = debitTotal - creditTotal;
  const textColumns = columns.length - 2;
  return (
    <table className="grid vgrid" data-testid="voucher-grid">
      <colgroup>
        <col style={{ width: 34 }} />
        {columns.map((c) => (
          <col
            key={c}
            style={{ width: c === 'account' && columns.includes('project') ? auxAccountWidth : widths[c] }}
          />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th className="no">#</th>
          {columns.map((c) => (
            <th key={c} className={c === 'debit' || c === 'credit' ? 'num' : undefined}>
              {heads[c]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <GridLine key={line.key} {...props} line={line} index={index} />
        ))}
      </tbody>
      <tfoot>
        <tr className="sum">
          <td />
          <td colSpan={textColumns} className="capital-cell">
            <span className="label">合计</span>
            <span className="capital" data-testid="capital" title="人民币大写（借方合计）">
              {capital || (debitTotal === 0 ? <span className="muted">—</span> : '')}
            </span>
          </td>
          <td className="num" data-testid="debit-total">
            <Amount value={fenToYuan(debitTotal)} />
          </td>
          <td className="num" data-testid="credit-total">
            <Amount value={fenToYuan(creditTotal)} />
          </td>
        </tr>
        <tr className="diff">
          <td />
          {balanceRefusal ? (
            <td colSpan={textColumns} className="diff-label refused">
              <span role="alert" data-testid="balance-refusal">
                未保存：{balanceRefusal}
              </span>
            </td>
          ) : (
            <td colSpan={textColumns} className="diff-label">
              {readOnly ? '' : difference === 0 ? '借贷平衡' : difference > 0 ? '借方多出' : '贷方多出'}
            </td>
          )}
          <td colSpan={2} className={difference === 0 ? 'num' : 'num off'} data-testid="difference">
            差额 <span className="amount">{formatFen(Math.abs(difference))}</span>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function GridLine({
  line,
  index,
  columns,
  readOnly,
  lines,
  choices,
  byCode,
  problems,
  badLines,
  notes,
  projects,
  register,
  onEdit,
  onChoose,
  onMiss,
  onAmountBlur,
  onKey,
  onNext,
}: GridProps & { line: Line; index: number }) {
  const row = index + 1;
  const bad = badLines.get(line.key);
  const inherited =
    !line.summary && index > 0 && (line.accountText || line.debit || line.credit)
      ? [...lines.slice(0, index)].reverse().find((l) => l.summary.trim())?.summary
      : undefined;

  const cell = (column: Column) => {
    const problem = problems.get(`${line.key}:${column}`) ?? notes.get(`${line.key}:${column}`);
    if (readOnly) return <ReadCell line={line} column={column} />;
    const common = {
      ref: (el: HTMLInputElement | null) => register(line.key, column, el),
      'data-line': row,
      'data-col': column,
      'aria-invalid': problem ? true : undefined,
      autoComplete: 'off',
      spellCheck: false,
      onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => onKey(e, index, column),
      onFocus: (e: { target: HTMLInputElement }) => e.target.select(),
    } as const;
    switch (column) {
      case 'summary':
        return (
          <input
            {...common}
            className={problem ? 'cell invalid' : isEmptyLine(line) && index > 0 ? 'cell pending' : 'cell'}
            aria-label={`第 ${row} 行摘要`}
            title={problem ?? (line.summary || undefined)}
            value={line.summary}
            placeholder={inherited}
            onChange={(e) => onEdit(index, 'summary', e.target.value)}
          />
        );
      case 'account':
        return (
          <ChoiceCell
            id={`account-${line.key}`}
            column="account"
            label="会计科目"
            listLabel="可选的末级科目"
            noneText="没有匹配的末级科目 · 可输入代码、名称或拼音首字母"
            text={line.accountText}
            resolved={!!line.accountCode}
            choices={choices}
            exact={(text) => exactChoice(byCode, text)}
            invalid={!!problem}
            title={problem}
            inputRef={(el) => register(line.key, 'account', el)}
            dataLine={row}
            onType={(text) => onEdit(index, 'account', text)}
            onChoose={(choice) => onChoose(index, 'account', choice)}
            onMiss={(text) => onMiss(index, 'account', text)}
            onNext={() => onNext(index, 'account')}
            onKeyDown={(e) => onKey(e, index, 'account')}
          />
        );
      case 'project':
        return (
          <ChoiceCell
            id={`project-${line.key}`}
            column="project"
            label="项目"
            listLabel="本账套的项目"
            noneText="没有匹配的项目 · 项目由费随事转准入审批建立，可输入文号、名称或拼音首字母"
            text={line.project}
            resolved={!!projects.exact(line.project)}
            choices={projects.choices}
            exact={projects.exact}
            invalid={!!problem}
            title={problem ?? (line.project || undefined)}
            inputRef={(el) => register(line.key, 'project', el)}
            dataLine={row}
            onType={(text) => onEdit(index, 'project', text)}
            onChoose={(choice) => onChoose(index, 'project', choice)}
            onMiss={(text) => onMiss(index, 'project', text)}
            onNext={() => onNext(index, 'project')}
            onKeyDown={(e) => onKey(e, index, 'project')}
          />
        );
      case 'item':
        return (
          <input
            {...common}
            className={problem ? 'cell invalid' : 'cell'}
            aria-label={`第 ${row} 行${heads[column]}`}
            title={problem ?? (line[column] || undefined)}
            list="voucher-items"
            value={line[column]}
            onChange={(e) => onEdit(index, column, e.target.value)}
          />
        );
      case 'debit':
      case 'credit': {
        const fen = parseFen(line[column]);
        const classes = ['cell', 'amount'];
        if (fen !== undefined && fen !== null && fen < 0) classes.push('red');
        if (problem || fen === null) classes.push('invalid');
        return (
          <input
            {...common}
            className={classes.join(' ')}
            aria-label={`第 ${row} 行${heads[column]}`}
            title={problem ?? (fen === null ? '不是有效的金额，例如 1234.50、1,234.50、-12' : undefined)}
            inputMode="decimal"
            value={line[column]}
            onChange={(e) => onEdit(index, column, e.target.value)}
            onBlur={() => onAmountBlur(index, column)}
          />
        );
      }
    }
  };

  return (
    <tr className={bad ? 'bad' : undefined} data-line={row}>
      <td className="no" title={bad}>
        {row}
      </td>
      {columns.map((c) => {
        const note = readOnly ? undefined : notes.get(`${line.key}:${c}`);
        return (
          <td
            key={c}
            className={[
              c === 'debit' || c === 'credit' ? 'num' : '',
              problems.has(`${line.key}:${c}`) || note ? 'has-problem' : '',
            ]
              .filter(Boolean)
              .join(' ')}
          >
            {cell(c)}
            {note && (
              <div className="cell-note" role="alert" data-note={c}>
                {note}
              </div>
            )}
          </td>
        );
      })}
    </tr>
  );
}

function ReadCell({ line, column }: { line: Line; column: Column }) {
  if (column === 'debit' || column === 'credit') {
    const fen = parseFen(line[column]);
    return fen ? <Amount value={fenToYuan(fen)} /> : null;
  }
  const text = column === 'account' ? line.accountText : line[column];
  return (
    <span className="read" title={text || undefined} data-col={column}>
      {text}
    </span>
  );
}
