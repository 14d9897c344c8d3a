import { fail } from '../errors.js';
import { listBooks, type Book } from '../ledger/books.js';
import { closingVoucherIds } from '../ledger/closing.js';
import { bookTemplate, defaultChartTemplate } from '../ledger/accounts.js';
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

type Booking = Record<Exclude<ReceiptSource, 'other'>, { account: string; item: string }>;

/**
 * Where each kind of district money is booked in a book: the income sub-account and the 居务公开 item,
 * from its chart template (`grantSources`, data).
 */
export function grantBooking(book: { chart: string }): Booking {
  const sources =
    bookTemplate(book).grantSources ?? bookTemplate({ chart: defaultChartTemplate }).grantSources;
  return sources!;
}

/** The default chart's booking (the reconciliation reads a statement's funds by it). */
export const booking: Booking = grantBooking({ chart: defaultChartTemplate });

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
      : grantBooking(book)[input.source];
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
  /** 到账: posted on the source's income account, however the voucher was entered. */
  received: string;
  /** Booked on that account but not posted yet (a draft or reviewed voucher). */
  pending: string;
  outstanding: string;
  overpaid: string;
}

/**
 * 应拨 against 到账 per community and source for a year. 到账 is read from the posted books: the lines
 * on the source's income account (44010101 基础经费, 44010102 按户核拨 in the default chart), credit less
 * debit, so a red-ink reversal nets out and a receipt typed as an ordinary voucher or imported counts
 * like one booked through 拨款到账; the year-end closing entry that empties the account is no refund
 * (ledger/closing.ts). A line counts for the grant year its receipt names (a 2024 grant paid
 * in January 2025 is 2024's), else for the year of its date; a reversal for the year of what it reverses.
 */
export function receiptStatus(centre: Centre, year: number, community?: string): ReceiptStatusRow[] {
  const entitled = entitlementTable(centre, year, community);
  const communities = community ? [findCommunity(centre, community)] : listCommunities(centre);
  const books = new Map(listBooks(centre).map((b) => [b.communityCode, b]));
  return communities.flatMap((c) => {
    const book = books.get(c.code);
    const accounts = book ? grantBooking(book) : undefined;
    return (['base', 'household'] as const).map((source) => {
      const row = entitled.rows.find((r) => r.community === c.name);
      const due = yuanToFen(row?.entitlement?.sources.find((s) => s.source === source)?.amount ?? '0');
      // A book begun later in the year brought the year's receipts so far as 本年累计贷方.
      const brought =
        book && accounts && book.startPeriod.slice(0, 4) === String(year) && !book.startPeriod.endsWith('-01')
          ? (
              centre
                .sql(
                  `SELECT coalesce(sum(o.year_credit), 0) AS amount FROM account a JOIN opening_balance o ON o.account_id = a.id
                   WHERE a.book_id = ? AND a.code GLOB ? || '*'`,
                )
                .get(book.id, accounts[source].account) as { amount: number }
            ).amount
          : 0;
      const booked =
        book && accounts
          ? (centre
              .sql(
                `SELECT coalesce(sum(CASE WHEN v.status = 'posted' THEN l.credit - l.debit END), 0) AS posted,
                        coalesce(sum(CASE WHEN v.status <> 'posted' THEN l.credit - l.debit END), 0) AS pending
                 FROM account a JOIN line l ON l.account_id = a.id JOIN voucher v ON v.id = l.voucher_id
                 LEFT JOIN grant_receipt r ON r.voucher_id = coalesce(v.reverses_voucher_id, v.id)
                 WHERE a.book_id = @book AND a.code GLOB @code || '*' AND v.status <> 'void'
                   AND v.id NOT IN ${closingVoucherIds('@book')}
                   AND coalesce(r.year, CAST(substr(v.date, 1, 4) AS INTEGER)) = @year`,
              )
              .get({ book: book.id, code: accounts[source].account, year }) as {
              posted: number;
              pending: number;
            })
          : { posted: 0, pending: 0 };
      const received = sumFen([booked.posted, brought]);
      const difference = sumFen([due, -received]);
      return {
        community: c.name,
        source,
        label: receiptSourceLabels[source],
        entitled: fenToYuan(due),
        received: fenToYuan(received),
        pending: fenToYuan(booked.pending),
        outstanding: fenToYuan(Math.max(difference, 0)),
        overpaid: fenToYuan(Math.max(-difference, 0)),
      };
    });
  });
}
