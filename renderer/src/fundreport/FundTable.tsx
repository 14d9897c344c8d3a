import type { KeyboardEvent } from 'react';
import { Amount } from '../ui/components';
import { projectOf, type FundReportData, type FundRow } from './format';

const columns = [
  ['opening', '期初结余'],
  ['received', '本期收入'],
  ['spent', '本期使用'],
  ['transferred', '转入(转出)'],
  ['closing', '期末结余'],
] as const;

/**
 * One book's 资金来源情况表: the unrestricted pool with what each source brought in and what came over
 * from restricted money (其中, muted), each restricted fund, and 合计. A 限定性 fund opens its vouchers, the pool opens 科目余额表.
 */
export function FundTable({ report, onOpen }: { report: FundReportData; onOpen: (row: FundRow) => void }) {
  return (
    <>
      <div className="table-wrap">
        <table className="grid fr-table" data-testid="fund-report" data-book={report.book}>
          <thead>
            <tr>
              <th>资金</th>
              {columns.map(([key, label]) => (
                <th key={key} className="num">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row, i) => {
              const drill = row.kind === 'restricted' || row.kind === 'unrestricted';
              const onKeyDown = (e: KeyboardEvent) => {
                if (e.key === 'Enter') onOpen(row);
              };
              return (
                <tr
                  key={`${row.kind}-${i}`}
                  data-kind={row.kind}
                  data-fund={row.fund.trim()}
                  className={[
                    row.kind === 'unrestricted_source' || row.kind === 'unrestricted_transfer'
                      ? 'source'
                      : '',
                    row.kind === 'total' ? 'total' : '',
                    drill ? 'drill' : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  {...(drill
                    ? {
                        tabIndex: 0,
                        onClick: () => onOpen(row),
                        onKeyDown,
                        title: projectOf(row) ? `查看项目“${projectOf(row)}”的凭证` : '查看科目余额表',
                      }
                    : {})}
                >
                  <td className="fund">{row.fund.trim()}</td>
                  {columns.map(([key]) => (
                    <td key={key} className="num" data-column={key}>
                      <Amount value={row[key]} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="fr-closing" data-testid="fund-closing">
        期末结余{' '}
        <strong>
          <Amount value={report.total} />
        </strong>{' '}
        元：限定性 <Amount value={report.restricted} /> 元，非限定性 <Amount value={report.unrestricted} /> 元
      </p>
      <p className="hint">{report.note}</p>
    </>
  );
}
