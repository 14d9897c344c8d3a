import { Button, Notice } from '../ui/components';

export interface BatchOutcome {
  action: '审核' | '记账';
  /** What was asked: 2025-01 至 2025-12 的全部未审核凭证, or 选中的 3 张凭证. */
  scope: string;
  done: string[];
  skipped: Array<{ voucher: string; reason: string }>;
  /** Done, but with a warning (赤字: cash or bank below zero). */
  warnings: Array<{ voucher: string; warning: string }>;
}

/** The result of 批量审核 / 批量记账: how many were done, and every skipped voucher with the reason. */
export function BatchResult({ outcome, onClose }: { outcome: BatchOutcome; onClose: () => void }) {
  const { action, scope, done, skipped, warnings } = outcome;
  const nothing = done.length === 0 && skipped.length === 0;
  return (
    <div data-testid="batch-result">
      <Notice kind={skipped.length > 0 || warnings.length > 0 ? 'info' : 'ok'}>
        <Button small style={{ float: 'right' }} onClick={onClose}>
          关闭
        </Button>
        {nothing ? (
          <span>
            批量{action}：{scope}中没有需要{action}的凭证。
          </span>
        ) : (
          <span>
            批量{action}（{scope}）：
            <strong data-testid="batch-done">
              已{action} {done.length} 张
            </strong>
            {skipped.length > 0 && (
              <>
                ，<strong data-testid="batch-skipped">跳过 {skipped.length} 张</strong>
              </>
            )}
            {done.length > 0 && (
              <span className="muted">
                {' '}
                · {done.length > 8 ? `${done.slice(0, 8).join('、')} 等` : done.join('、')}
              </span>
            )}
          </span>
        )}
        {warnings.length > 0 && (
          <ul data-testid="batch-warnings">
            {warnings.map((w) => (
              <li key={`${w.voucher} ${w.warning}`} className="deficit">
                <span className="code">{w.voucher}</span>：注意，{w.warning}
              </li>
            ))}
          </ul>
        )}
        {skipped.length > 0 && (
          <ul>
            {skipped.map((s) => (
              <li key={s.voucher} data-voucher={s.voucher}>
                <span className="code">{s.voucher}</span>：{s.reason}
              </li>
            ))}
          </ul>
        )}
      </Notice>
    </div>
  );
}
