import type { ApiError } from '../api';
import { href } from '../router';
import type { Operator } from '../session';
import { Amount, Button, ErrorNotice, StatusBadge } from '../ui/components';
import {
  factsOfVoucher,
  mayEdit,
  mayPost,
  mayReverse,
  mayReview,
  mayUnreview,
  refText,
  type Voucher,
} from './rules';
import { localTime } from '../setup/time';

export type VoucherAction = 'review' | 'unreview' | 'post';

/**
 * One voucher drawn like a printed 记账凭证: date, number and attachments; the lines with summary,
 * account code and full name, debit and credit; the totals with the amount in 大写; the signatures.
 * Above it, the actions the signed-in operator may take.
 */
export function VoucherDetail({
  voucher,
  community,
  operator,
  busy,
  error,
  onAction,
  onReverse,
  onOpen,
  onClose,
}: {
  voucher: Voucher;
  community: string;
  operator: Operator | undefined;
  busy: boolean;
  error: ApiError | undefined;
  onAction: (action: VoucherAction, voucher: Voucher) => void;
  onReverse: (voucher: Voucher) => void;
  onOpen: (id: number, period: string) => void;
  onClose: () => void;
}) {
  const v = voucher;
  const facts = factsOfVoucher(v);
  const review = mayReview(facts, operator);
  const unreview = mayUnreview(facts, operator);
  const post = mayPost(facts, operator);
  const reverse = mayReverse(facts, operator);
  const edit = mayEdit(facts, operator);
  const readOnly = operator?.role === 'overseer';
  const red = v.reverses !== null;
  // Why the operator cannot review this draft, when they might otherwise expect to.
  const reviewNote =
    v.status === 'draft' && !review.ok && !readOnly && operator?.role !== 'accountant' ? review.why : '';

  return (
    <div className="card voucher-paper" data-testid="voucher-detail" aria-label={`凭证 ${v.period} ${v.ref}`}>
      <div className="vp-head">
        <div className="vp-state">
          <StatusBadge status={v.status} red={red} />
          {v.reverses && (
            <span className="muted">
              冲销{' '}
              <a
                href={href('/vouchers')}
                onClick={(e) => {
                  e.preventDefault();
                  onOpen(v.reverses!.id, v.reverses!.period);
                }}
              >
                {refText(v.reverses, v.period)}
              </a>
            </span>
          )}
          {v.reversedBy && (
            <span className="muted">
              <span className="badge red">已冲销</span> 红字凭证{' '}
              <a
                href={href('/vouchers')}
                onClick={(e) => {
                  e.preventDefault();
                  onOpen(v.reversedBy!.id, v.reversedBy!.period);
                }}
              >
                {refText(v.reversedBy, v.period)}
              </a>
            </span>
          )}
          {!v.balanced && <span className="badge red">借贷不平</span>}
        </div>
        <div className={red ? 'vp-title red' : 'vp-title'}>记账凭证</div>
        <div className="vp-actions">
          {readOnly && <span className="hint">议监会只读，不能操作凭证</span>}
          {reviewNote && <span className="hint">{reviewNote}</span>}
          {review.ok && (
            <Button variant="primary" disabled={busy} onClick={() => onAction('review', v)}>
              审核<kbd>R</kbd>
            </Button>
          )}
          {unreview.ok && (
            <Button disabled={busy} onClick={() => onAction('unreview', v)}>
              取消审核
            </Button>
          )}
          {post.ok && (
            <Button variant="primary" disabled={busy} onClick={() => onAction('post', v)}>
              记账<kbd>P</kbd>
            </Button>
          )}
          {reverse.ok && (
            <Button variant="danger" disabled={busy} onClick={() => onReverse(v)}>
              红字冲销
            </Button>
          )}
          {edit.ok && (
            <a
              className="btn"
              href={href('/voucher', { id: v.id })}
              style={{ display: 'inline-flex', alignItems: 'center', textDecoration: 'none' }}
            >
              编辑
            </a>
          )}
          <Button onClick={onClose} title="关闭凭证（Esc）">
            关闭
          </Button>
        </div>
      </div>

      <div className="vp-meta">
        <span>核算单位：{community}</span>
        <span>日期：{v.date}</span>
        <span>附单据 {v.attachments} 张</span>
        <span className="ref">
          {v.period} {v.ref}
        </span>
      </div>

      <ErrorNotice error={error} />

      <table className="grid" data-testid="voucher-lines">
        <thead>
          <tr>
            <th style={{ width: '30%' }}>摘要</th>
            <th>会计科目</th>
            <th className="num">借方金额</th>
            <th className="num">贷方金额</th>
          </tr>
        </thead>
        <tbody>
          {v.lines.map((l) => (
            <tr key={l.lineNo}>
              <td title={l.summary} style={{ whiteSpace: 'normal' }}>
                {l.summary}
              </td>
              <td className="account">
                <span className="code">{l.accountCode}</span>
                {l.accountName}
                {(l.project || l.item || l.party) && (
                  <span className="dims">
                    {[
                      l.project && `项目：${l.project}`,
                      l.item && `收支项目：${l.item}`,
                      l.party && `往来单位：${l.party}`,
                    ]
                      .filter(Boolean)
                      .join('　')}
                  </span>
                )}
              </td>
              <td className="num">
                <Amount value={l.debit} blankZero />
              </td>
              <td className="num">
                <Amount value={l.credit} blankZero />
              </td>
            </tr>
          ))}
          <tr className="total">
            <td colSpan={2} className="capital" data-testid="capital-total">
              合计　{v.capitalTotal}
            </td>
            <td className="num">
              <Amount value={v.debitTotal} />
            </td>
            <td className="num">
              <Amount value={v.creditTotal} />
            </td>
          </tr>
        </tbody>
      </table>

      <div className="vp-signs">
        <Signature label="记账" name={v.postedBy} at={v.postedAt} />
        <Signature label="审核" name={v.reviewedBy} at={v.reviewedAt} />
        <Signature label="制单" name={v.preparedBy} at={v.preparedAt} />
      </div>
    </div>
  );
}

function Signature({ label, name, at }: { label: string; name: string | null; at: string | null }) {
  return (
    <span>
      {label}：{name ? <strong>{name}</strong> : <span className="blank" />}
      {name && at && <span className="when">{localTime(at, 'minute')}</span>}
    </span>
  );
}
