import { fail } from '../errors.js';
import { recordAudit } from './audit.js';
import type { Book } from './books.js';
import type { Centre } from './centre.js';
import { requireRole, type Actor } from './operators.js';
import { nextPeriod, parsePeriod, periodsBetween, previousPeriod, type Period } from './period.js';
import { formatRef } from './vouchers.js';

export interface PeriodState {
  period: Period;
  closed: boolean;
  closedBy: string | null;
  closedAt: string | null;
  vouchers: number;
  /** Vouchers not yet posted (drafts and reviewed); a month closes only when this is 0. */
  unposted: number;
}

/** Every month from the book's start to the later of its last voucher and its first open month. */
export function listPeriods(centre: Centre, book: Book): PeriodState[] {
  const closes = new Map(
    (
      centre
        .sql(
          'SELECT p.period, o.name, p.closed_at FROM period_close p JOIN operator o ON o.id = p.closed_by WHERE p.book_id = ?',
        )
        .all(book.id) as Array<{ period: string; name: string; closed_at: string }>
    ).map((r) => [r.period, r]),
  );
  const counts = new Map(
    (
      centre
        .sql(
          `SELECT period, count(*) AS n, sum(status IN ('draft', 'reviewed')) AS unposted
           FROM voucher WHERE book_id = ? GROUP BY period`,
        )
        .all(book.id) as Array<{ period: string; n: number; unposted: number }>
    ).map((r) => [r.period, r]),
  );
  const lastClosed = [...closes.keys()].sort().at(-1);
  const lastVoucher = [...counts.keys()].sort().at(-1);
  const firstOpen = lastClosed ? nextPeriod(lastClosed) : book.startPeriod;
  const end = [firstOpen, lastVoucher ?? firstOpen].sort().at(-1)!;
  return periodsBetween(book.startPeriod, end).map((period) => {
    const close = closes.get(period);
    const count = counts.get(period);
    return {
      period,
      closed: !!close,
      closedBy: close?.name ?? null,
      closedAt: close?.closed_at ?? null,
      vouchers: count?.n ?? 0,
      unposted: count?.unposted ?? 0,
    };
  });
}

/** 结账: every voucher of the month posted and the month before closed; then nothing enters the month. */
export function closePeriod(actor: Actor, book: Book, periodText: string): PeriodState {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '结账');
  const period = parsePeriod(periodText);
  if (period < book.startPeriod)
    fail('invalid_argument', `${period} 早于账套启用期间 ${book.startPeriod}`, { field: 'period' });
  if (centre.sql('SELECT 1 FROM period_close WHERE book_id = ? AND period = ?').get(book.id, period)) {
    fail('period_closed', `${period} 已经结账`, { field: 'period' });
  }
  if (period > book.startPeriod) {
    const previous = previousPeriod(period);
    if (!centre.sql('SELECT 1 FROM period_close WHERE book_id = ? AND period = ?').get(book.id, previous)) {
      fail('period_closed', `上月 ${previous} 尚未结账，请按月依次结账`, { field: 'period' });
    }
  }
  const unposted = centre
    .sql(
      `SELECT word, number, status FROM voucher WHERE book_id = ? AND period = ? AND status IN ('draft', 'reviewed') ORDER BY word, number`,
    )
    .all(book.id, period) as Array<{ word: string; number: number; status: string }>;
  if (unposted.length > 0) {
    const list = unposted
      .slice(0, 10)
      .map((v) => `${formatRef(v.word, v.number)}（${v.status === 'draft' ? '未审核' : '未记账'}）`);
    fail(
      'voucher_state',
      `${period} 还有 ${unposted.length} 张凭证未记账，不能结账：${list.join('、')}${unposted.length > 10 ? ' 等' : ''}`,
      {
        field: 'period',
      },
    );
  }
  centre
    .sql('INSERT INTO period_close (book_id, period, closed_by, closed_at) VALUES (?, ?, ?, ?)')
    .run(book.id, period, operator.id, centre.now());
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'period.close',
    entity: 'period',
    bookId: book.id,
    after: { period },
  });
  return listPeriods(centre, book).find((p) => p.period === period)!;
}

/** 反结账: a supervisor's action, with a reason, from the last closed month backwards. */
export function reopenPeriod(actor: Actor, book: Book, periodText: string, reason: string): PeriodState {
  const { centre, operator } = actor;
  requireRole(operator, ['supervisor'], '反结账');
  const period = parsePeriod(periodText);
  if (!reason.trim()) fail('invalid_argument', '反结账必须填写原因', { field: 'reason' });
  const close = centre
    .sql('SELECT closed_by, closed_at FROM period_close WHERE book_id = ? AND period = ?')
    .get(book.id, period);
  if (!close) fail('invalid_argument', `${period} 没有结账，无需反结账`, { field: 'period' });
  const later = centre.sql('SELECT max(period) AS p FROM period_close WHERE book_id = ?').get(book.id) as {
    p: string;
  };
  if (later.p > period)
    fail('period_closed', `请先反结账 ${later.p}：只能从最后一个已结账的月份开始反结账`, { field: 'period' });
  centre.sql('DELETE FROM period_close WHERE book_id = ? AND period = ?').run(book.id, period);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'period.reopen',
    entity: 'period',
    bookId: book.id,
    before: { period, ...close },
    after: { period, reason: reason.trim() },
  });
  return listPeriods(centre, book).find((p) => p.period === period)!;
}
