import { fail } from '../errors.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { findCommunity, listCommunities } from '../ledger/communities.js';
import type { Actor } from '../ledger/operators.js';
import { parseDate } from '../ledger/period.js';
import { saveVoucher, type Voucher } from '../ledger/vouchers.js';
import { fenToYuan, parseAmount, sumFen, yuanToFen } from '../money/money.js';
import { findAdmission } from './admissions.js';
import { entitlementTable } from './grants.js';

export const receiptSources = ['base', 'household', 'task', 'award', 'other'] as const;
export type ReceiptSource = (typeof receiptSources)[number];

export const receiptSourceLabels: Record<ReceiptSource, string> = {
  base: '社区工作经费(基础经费)',
  household: '社区工作经费(按户核拨)',
  task: '费随事转经费',
  award: '评先评优奖励',
  other: '其他拨款',
};

/** Where each kind of district money is booked: the income sub-account and the 居务公开 item. */
export const booking: Record<Exclude<ReceiptSource, 'other'>, { account: string; item: string }> = {
  base: { account: '44010101', item: '社区工作经费(基础经费)' },
  household: { account: '44010102', item: '社区工作经费(按户核拨)' },
  task: { account: '44010202', item: '费随事转经费' },
  award: { account: '44010103', item: '评先评优奖励' },
};

export interface ReceiptInput {
  source: ReceiptSource;
  amount: string;
  date: string;
  /** 拨款文号 */
  document: string;
  /** The grant year the money is for; the year of the date by default. */
  year?: number | undefined;
  /** For 费随事转 money: the admission (id or approval number) it belongs to. */
  admission?: string | number | undefined;
  /** For 'other': the income account to credit. */
  account?: string | undefined;
  /** The dedicated bank account's sub-account; 100201 by default. */
  bankAccount?: string | undefined;
}

/**
 * District money arrives for a community: one action books it as a draft voucher (bank against the
 * income sub-account of its source, the 拨款文号 in the summary) and records the receipt against the
 * year's entitlement. The voucher is reviewed and posted like any other.
 */
export function receiveGrant(
  actor: Actor,
  book: Book,
  input: ReceiptInput,
): { voucher: Voucher; source: ReceiptSource; year: number; document: string } {
  const { centre } = actor;
  const date = parseDate(input.date, '到账日期');
  const year = input.year ?? Number(date.slice(0, 4));
  const amount = parseAmount(input.amount, '金额');
  if (amount <= 0)
    fail('invalid_argument', '到账金额必须大于零；退回拨款请用红字冲销或另作凭证', { field: 'amount' });
  const document = input.document.trim();
  if (!document) fail('invalid_argument', '请填写拨款文号', { field: 'document' });
  const admission =
    input.source === 'task'
      ? findAdmission(
          centre,
          book,
          input.admission ?? fail('invalid_argument', '费随事转经费须指明准入审批', { field: 'admission' }),
        )
      : undefined;
  if (input.source !== 'task' && input.admission !== undefined)
    fail('invalid_argument', '只有费随事转经费才对应准入审批', { field: 'admission' });
  const target =
    input.source === 'other'
      ? {
          account:
            input.account ?? fail('invalid_argument', '其他拨款须指明贷方收入科目', { field: 'account' }),
          item: undefined,
        }
      : booking[input.source];
  const label = admission
    ? `${admission.department}${admission.matter}费随事转经费`
    : `${year}年${receiptSourceLabels[input.source]}`;
  const summary = `收到${label}（${document}）`;
  const yuan = fenToYuan(amount);
  const voucher = saveVoucher(actor, book, {
    date,
    attachments: 1,
    lines: [
      {
        account: input.bankAccount ?? '100201',
        summary,
        debit: yuan,
        item: target.item,
        project: admission?.project,
      },
      { account: target.account, summary, credit: yuan, project: admission?.project },
    ],
  });
  centre
    .sql(
      'INSERT INTO grant_receipt (book_id, voucher_id, source, year, amount, document, admission_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(book.id, voucher.id, input.source, year, amount, document, admission?.id ?? null);
  if (admission?.status === 'approved')
    centre.sql(`UPDATE admission SET status = 'active' WHERE id = ?`).run(admission.id);
  return { voucher, source: input.source, year, document };
}

export interface ReceiptStatusRow {
  community: string;
  source: 'base' | 'household';
  label: string;
  entitled: string;
  received: string;
  outstanding: string;
  overpaid: string;
}

/**
 * 应拨 against 实收 per community and source for a year. A receipt counts while its voucher stands: not
 * void and not reversed by a posted red-ink voucher.
 */
export function receiptStatus(centre: Centre, year: number, community?: string): ReceiptStatusRow[] {
  const entitled = entitlementTable(centre, year, community);
  const communities = community ? [findCommunity(centre, community)] : listCommunities(centre);
  const received = new Map(
    (
      centre
        .sql(
          `SELECT c.name AS community, r.source, sum(r.amount) AS amount
           FROM grant_receipt r JOIN voucher v ON v.id = r.voucher_id JOIN book b ON b.id = r.book_id JOIN community c ON c.id = b.community_id
           WHERE r.year = ? AND v.status <> 'void'
             AND NOT EXISTS (SELECT 1 FROM voucher x WHERE x.reverses_voucher_id = v.id AND x.status = 'posted')
           GROUP BY c.name, r.source`,
        )
        .all(year) as Array<{ community: string; source: string; amount: number }>
    ).map((r) => [`${r.community}/${r.source}`, r.amount]),
  );
  return communities.flatMap((c) =>
    (['base', 'household'] as const).map((source) => {
      const row = entitled.rows.find((r) => r.community === c.name);
      const due = yuanToFen(row?.entitlement?.sources.find((s) => s.source === source)?.amount ?? '0');
      const got = received.get(`${c.name}/${source}`) ?? 0;
      const difference = sumFen([due, -got]);
      return {
        community: c.name,
        source,
        label: receiptSourceLabels[source],
        entitled: fenToYuan(due),
        received: fenToYuan(got),
        outstanding: fenToYuan(Math.max(difference, 0)),
        overpaid: fenToYuan(Math.max(-difference, 0)),
      };
    }),
  );
}
