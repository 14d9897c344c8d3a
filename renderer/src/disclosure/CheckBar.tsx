import type { ApiOutput } from '../api';
import { fenText, toFen } from '../money';
import { href } from '../router';
import { Amount } from '../ui/components';
import { monthRange } from './period';

type Check = ApiOutput<'disclosure.sheets'>['check'];

/**
 * The sheet's own check, always in view: 期初结余 + 本期收入 − 本期支出 = 期末结余, set against the
 * books' 货币资金 (现金 + 银行存款). Green when they agree; red, saying it cannot be published, when not.
 * Vouchers of the period still waiting for review or posting are not on the sheet: said in amber. A cash
 * or bank account that went below zero on some day is an error in the books even when the totals agree:
 * said in red, with the day and the balance, and a link to that account's ledger for the month.
 */
export function CheckBar({ check, period }: { check: Check; period: string }) {
  const difference = toFen(check.closing) - toFen(check.booksClosing);
  const range = monthRange(period);
  return (
    <div className="ds-checks">
      <div
        className={`ds-check ${check.balanced ? 'ok' : 'bad'}`}
        data-testid="disclosure-check"
        data-balanced={check.balanced}
        role={check.balanced ? 'status' : 'alert'}
      >
        <span className="ds-check-sum">
          期初结余 <Amount value={check.opening} /> ＋ 本期收入 <Amount value={check.receipts} /> － 本期支出{' '}
          <Amount value={check.payments} /> ＝ 期末结余{' '}
          <strong>
            <Amount value={check.closing} />
          </strong>
        </span>
        <span className="ds-check-books">
          账簿货币资金{' '}
          <strong>
            <Amount value={check.booksClosing} />
          </strong>
        </span>
        <span className="ds-check-verdict">
          {check.balanced
            ? '✓ 期末结余与账簿相符'
            : `✗ 期末结余与账簿不符，差额 ${fenText(difference)} 元，不能公开`}
        </span>
      </div>
      {check.deficits.length > 0 && (
        <div className="ds-check bad ds-deficits" role="alert" data-testid="disclosure-deficits">
          <strong>货币资金低于零，不能公开：</strong>
          {check.deficits.map((d) => (
            <span key={d.account} data-account={d.account}>
              {d.account} {d.name} {d.date} 日终余额 <Amount value={d.balance} /> 元
              <a
                href={href('/ledger', {
                  account: d.account,
                  from: d.date.slice(0, 7),
                  to: d.date.slice(0, 7),
                })}
              >
                查看明细账
              </a>
            </span>
          ))}
          <span className="ds-check-verdict">✗ 账簿有误，更正后才能公开</span>
        </div>
      )}
      {check.unposted > 0 && (
        <div className="ds-check warn" role="status" data-testid="disclosure-unposted">
          本期还有 <strong>{check.unposted}</strong> 张凭证未记账：公开表只含已记账凭证，记账后才能公开。
          {range && <a href={href('/vouchers', range)}>查看这些凭证</a>}
        </div>
      )}
    </div>
  );
}
