import { fail } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import type { Centre } from '../ledger/centre.js';
import { periodLabel } from '../ledger/period.js';
import { requireRole, type Actor } from '../ledger/operators.js';
import { fenToYuan, formatAmount, sumFen, type Fen } from '../money/money.js';
import type { ReportModel, Row } from '../reports/model.js';
import { lastDay } from '../disclosure/period.js';
import { findBankAccount } from './bank-statements.js';
import { loadBankLines, loadBookBankLines, type BankLine, type BookBankLine } from './bank-match.js';

/**
 * 银行存款余额调节表 for one account and month:
 *   book balance + bank received, not booked − bank paid, not booked
 *     = bank balance + booked, not yet received − booked, not yet paid.
 * An item is outstanding at the month's end when it is not matched with something on the other side
 * dated by then; a red-ink pair matched with itself is no item once both are booked. The statement must
 * balance to be saved; saved versions are kept, and a signed one never changes (the database refuses).
 */

interface Item {
  date: string;
  text: string;
  amount: Fen;
}

export interface Reconciliation {
  account: string;
  bankName: string;
  communities: string[];
  period: string;
  date: string;
  bookBalance: Fen;
  bankBalance: Fen | null;
  bankReceived: Item[];
  bankPaid: Item[];
  bookReceived: Item[];
  bookPaid: Item[];
  adjustedBook: Fen;
  adjustedBank: Fen | null;
  balanced: boolean;
}

/**
 * The books' balance of the account on `date`: the ledger sub-account it is kept on (bank_account.
 * ledger_code), in the books of every community that uses it — or of one community.
 */
function bookBalance(
  centre: Centre,
  accountNumber: string,
  date: string,
  communityId: number | null = null,
): Fen {
  const row = centre
    .sql(
      `SELECT coalesce((SELECT sum(o.debit - o.credit) FROM opening_balance o JOIN account a ON a.id = o.account_id
                        JOIN book b ON b.id = a.book_id
                        JOIN bank_account ba ON ba.community_id = b.community_id AND ba.account_number = @account
                        WHERE a.code LIKE ba.ledger_code || '%' AND (@community IS NULL OR b.community_id = @community)), 0)
            + coalesce((SELECT sum(l.debit - l.credit) FROM voucher v JOIN line l ON l.voucher_id = v.id
                        JOIN account a ON a.id = l.account_id JOIN book b ON b.id = v.book_id
                        JOIN bank_account ba ON ba.community_id = b.community_id AND ba.account_number = @account
                        WHERE v.status = 'posted' AND v.date <= @date AND a.code LIKE ba.ledger_code || '%'
                          AND (@community IS NULL OR b.community_id = @community)), 0) AS balance`,
    )
    .get({ account: accountNumber, date, community: communityId }) as { balance: number };
  return row.balance;
}

/** Whether a match is complete by `date`: every item on both sides dated by then. */
function matchDates(centre: Centre): Map<number, string> {
  const rows = centre
    .sql(
      `SELECT m.id, max(d) AS last FROM rec_match m JOIN (
         SELECT s.match_id, b.date AS d FROM rec_match_statement s JOIN bank_line b ON b.id = s.bank_line_id
         UNION ALL
         SELECT mb.match_id, v.date FROM rec_match_book mb JOIN voucher v ON v.id = mb.voucher_id WHERE mb.kind = 'bank'
       ) x ON x.match_id = m.id WHERE m.kind = 'bank' GROUP BY m.id`,
    )
    .all() as Array<{ id: number; last: string }>;
  return new Map(rows.map((r) => [r.id, r.last]));
}

/**
 * The bank's balance at the end of each statement day. Banks print a day's lines oldest first or
 * newest first, so the day's last line is found by its balance: the one whose balance no other line of
 * the day starts from (balance − amount). When that is not clear, the line printed last is taken.
 */
export function closingBalances(lines: BankLine[]): Map<string, Fen> {
  const byDate = new Map<string, BankLine[]>();
  for (const b of lines) if (b.balance !== null) byDate.set(b.date, [...(byDate.get(b.date) ?? []), b]);
  const out = new Map<string, Fen>();
  for (const [date, day] of byDate) {
    const starts = new Set(day.map((b) => sumFen([b.balance!, -b.amount])));
    const ends = day.filter((b) => !starts.has(b.balance!));
    out.set(date, (ends.length === 1 ? ends[0]! : day.at(-1)!).balance!);
  }
  return out;
}

export function computeReconciliation(centre: Centre, accountNumber: string, period: string): Reconciliation {
  const account = findBankAccount(centre, accountNumber);
  const date = lastDay(period);
  const bank = loadBankLines(centre, account.accountNumber, date);
  const book = loadBookBankLines(centre, account.accountNumber, date);
  const complete = matchDates(centre);
  const open = (matchId: number | null) => matchId === null || (complete.get(matchId) ?? '9999') > date;
  const bankItem = (b: BankLine): Item => ({
    date: b.date,
    text: [b.summary, b.counterparty, b.reference ? `流水号 ${b.reference}` : ''].filter(Boolean).join(' '),
    amount: Math.abs(b.amount),
  });
  const bookItem = (l: BookBankLine): Item => ({
    date: l.date,
    text: `${account.communities.length > 1 ? `${l.community} ` : ''}${l.voucher} ${l.summary}`,
    amount: Math.abs(l.amount),
  });
  const openBank = bank.filter((b) => open(b.matchId));
  const openBook = book.filter((l) => open(l.matchId));
  const bankReceived = openBank.filter((b) => b.amount > 0).map(bankItem);
  const bankPaid = openBank.filter((b) => b.amount < 0).map(bankItem);
  const bookReceived = openBook.filter((l) => l.amount > 0).map(bookItem);
  const bookPaid = openBook.filter((l) => l.amount < 0).map(bookItem);
  const total = (items: Item[]) => sumFen(items.map((i) => i.amount));
  const bookBal = bookBalance(centre, account.accountNumber, date);
  const bankBal = [...closingBalances(bank).values()].at(-1) ?? null;
  const adjustedBook = sumFen([bookBal, total(bankReceived), -total(bankPaid)]);
  const adjustedBank = bankBal === null ? null : sumFen([bankBal, total(bookReceived), -total(bookPaid)]);
  return {
    account: account.accountNumber,
    bankName: account.bankName,
    communities: account.communities,
    period,
    date,
    bookBalance: bookBal,
    bankBalance: bankBal,
    bankReceived,
    bankPaid,
    bookReceived,
    bookPaid,
    adjustedBook,
    adjustedBank,
    balanced: adjustedBank !== null && adjustedBook === adjustedBank,
  };
}

/** A saved 调节表 of a month: who prepared it, who signed it (审核) and when. */
export interface ReconciliationVersion {
  version: number;
  preparedBy: string;
  preparedById: number;
  savedAt: string;
  signedBy: string | null;
  signedAt: string | null;
  content: string;
}

function versions(centre: Centre, accountNumber: string, period: string): ReconciliationVersion[] {
  return centre
    .sql(
      `SELECT r.version, p.name AS preparedBy, r.saved_by AS preparedById, r.saved_at AS savedAt,
              s.name AS signedBy, r.signed_at AS signedAt, r.content
       FROM bank_reconciliation r JOIN operator p ON p.id = r.saved_by LEFT JOIN operator s ON s.id = r.signed_by
       WHERE r.account_number = ? AND r.period = ? ORDER BY r.version`,
    )
    .all(accountNumber, period) as ReconciliationVersion[];
}

const versionMeta = ({ content: _content, preparedById: _id, ...v }: ReconciliationVersion) => v;

/**
 * The month's statement as shown: a saved version when asked for, else the latest signed one, else the
 * statement computed now. `changed` says whether the books or the matches have moved since the latest
 * saved version (then it must be saved again before signing, or redone as a new version).
 */
export function reconciliation(centre: Centre, accountNumber: string, period: string, version?: number) {
  const account = findBankAccount(centre, accountNumber);
  const all = versions(centre, account.accountNumber, period);
  const latest = all.at(-1);
  const chosen =
    version === undefined
      ? latest?.signedBy
        ? latest
        : undefined
      : (all.find((v) => v.version === version) ??
        fail('not_found', `${periodLabel(period)}的余额调节表没有第 ${version} 版`, { field: 'version' }));
  const current = computeReconciliation(centre, account.accountNumber, period);
  const shown = chosen ? (JSON.parse(chosen.content) as Reconciliation) : current;
  return {
    ...shown,
    version: chosen ? versionMeta(chosen) : null,
    versions: all.map(versionMeta),
    readOnly: !!chosen?.signedBy,
    changed: !!latest && latest.content !== JSON.stringify(current),
  };
}

/**
 * Saves the month's 调节表 (it must balance), also after the month is closed: the latest version again
 * while it is unsigned, else the next version.
 */
export function saveReconciliation(actor: Actor, accountNumber: string, period: string) {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '编制余额调节表');
  const r = computeReconciliation(centre, accountNumber, period);
  const statementLines = centre
    .sql('SELECT count(*) AS n FROM bank_line WHERE account_number = ? AND date BETWEEN ? AND ?')
    .get(r.account, `${period}-01`, r.date) as { n: number };
  if (statementLines.n === 0) {
    fail('invalid_argument', `${periodLabel(period)}没有导入银行对账单，请先导入本月对账单`, {
      field: 'period',
    });
  }
  if (r.bankBalance === null)
    fail('invalid_argument', `${periodLabel(period)}没有带余额的银行对账单，无法编制调节表`, {
      field: 'period',
    });
  if (!r.balanced) {
    fail(
      'unbalanced',
      `调节后余额不等（账面调节后 ${formatAmount(r.adjustedBook)}，银行调节后 ${formatAmount(r.adjustedBank!)}），请先勾对或查明差异`,
      {
        field: 'period',
      },
    );
  }
  const content = JSON.stringify(r);
  const latest = versions(centre, r.account, period).at(-1);
  if (latest?.signedBy && latest.content === content) {
    fail(
      'voucher_state',
      `${periodLabel(period)}的调节表与 ${latest.signedBy} 已签字的第 ${latest.version} 版相同，无需重新编制`,
      { field: 'period' },
    );
  }
  const redraft = !!latest && !latest.signedBy;
  const version = redraft ? latest.version : (latest?.version ?? 0) + 1;
  if (redraft) {
    centre
      .sql(
        `UPDATE bank_reconciliation SET content = ?, saved_by = ?, saved_at = ?
         WHERE account_number = ? AND period = ? AND version = ?`,
      )
      .run(content, operator.id, centre.now(), r.account, period, version);
  } else {
    centre
      .sql(
        `INSERT INTO bank_reconciliation (account_number, period, version, content, balanced, saved_by, saved_at)
         VALUES (?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(r.account, period, version, content, operator.id, centre.now());
  }
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'reconcile.bank.save',
    entity: 'bank_reconciliation',
    ...(redraft ? { before: { version, preparedBy: latest.preparedBy } } : {}),
    after: { account: r.account, period, version, adjusted: fenToYuan(r.adjustedBook) },
  });
  return { ...r, version };
}

/**
 * 审核 (signing) the latest saved version: a reviewer or the supervisor, never its preparer, and only
 * the statement as saved — when the books or matches moved since, it is saved again first.
 */
export function signReconciliation(actor: Actor, accountNumber: string, period: string) {
  const { centre, operator } = actor;
  requireRole(operator, ['reviewer', 'supervisor'], '审核（签字）余额调节表');
  const account = findBankAccount(centre, accountNumber);
  const latest = versions(centre, account.accountNumber, period).at(-1);
  if (!latest)
    fail('not_found', `${periodLabel(period)}的余额调节表还没有保存，请先由编制人保存`, { field: 'period' });
  if (latest.signedBy) {
    fail(
      'voucher_state',
      `${periodLabel(period)}的调节表第 ${latest.version} 版已由 ${latest.signedBy} 签字`,
      {
        field: 'period',
      },
    );
  }
  if (latest.preparedById === operator.id) {
    fail('forbidden', `调节表由 ${operator.name} 编制，须由另一人审核签字`, { field: 'period' });
  }
  const current = computeReconciliation(centre, account.accountNumber, period);
  if (JSON.stringify(current) !== latest.content) {
    fail('voucher_state', `第 ${latest.version} 版保存后勾对或账簿已有变化，请编制人重新保存后再签字`, {
      field: 'period',
    });
  }
  centre
    .sql(
      'UPDATE bank_reconciliation SET signed_by = ?, signed_at = ? WHERE account_number = ? AND period = ? AND version = ?',
    )
    .run(operator.id, centre.now(), account.accountNumber, period, latest.version);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'reconcile.bank.sign',
    entity: 'bank_reconciliation',
    after: {
      account: account.accountNumber,
      period,
      version: latest.version,
      preparedBy: latest.preparedBy,
      adjusted: fenToYuan(current.adjustedBook),
    },
  });
  return { account: account.accountNumber, period, version: latest.version, signedBy: operator.name };
}

/** The bank's balance on each statement date against the books of every community on the account. */
export function balanceComparison(centre: Centre, accountNumber: string, from: string, to: string) {
  const account = findBankAccount(centre, accountNumber);
  const lines = loadBankLines(centre, account.accountNumber, lastDay(to)).filter(
    (b) => b.date >= `${from}-01` && b.balance !== null,
  );
  const byDate = closingBalances(lines);
  const communities = centre
    .sql(
      `SELECT c.id, c.name FROM community c WHERE c.id IN (SELECT community_id FROM bank_account WHERE account_number = ?) ORDER BY c.name`,
    )
    .all(account.accountNumber) as Array<{ id: number; name: string }>;
  return [...byDate].map(([date, bankBalance]) => {
    const books = communities.map((c) => ({
      community: c.name,
      balance: bookBalance(centre, account.accountNumber, date, c.id),
    }));
    const total = sumFen(books.map((b) => b.balance));
    return {
      date,
      bank: fenToYuan(bankBalance),
      books: books.map((b) => ({ community: b.community, balance: fenToYuan(b.balance) })),
      total: fenToYuan(total),
      difference: fenToYuan(sumFen([bankBalance, -total])),
    };
  });
}

/** The day (China time, as Centre.today) of a recorded moment. */
const chinaDate = (at: string) => new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The statement as a report model: the two-sided form, then every outstanding item listed; a saved
 * version carries its number and the names of its preparer and signer.
 */
export function reconciliationModel(
  r: Reconciliation & { version?: Omit<ReconciliationVersion, 'content' | 'preparedById'> | null },
): ReportModel {
  const v = r.version ?? null;
  const money = (fen: Fen | null) => (fen === null ? '' : fenToYuan(fen));
  const total = (items: Item[]) => sumFen(items.map((i) => i.amount));
  const line = (
    left: string,
    leftAmount: string,
    right: string,
    rightAmount: string,
    extra: Partial<Row> = {},
  ): Row => ({
    cells: { left, leftAmount, right, rightAmount },
    ...extra,
  });
  const rows: Row[] = [
    line('单位银行存款日记账余额', money(r.bookBalance), '银行对账单余额', money(r.bankBalance)),
    line(
      '加：银行已收、单位未收款',
      money(total(r.bankReceived)),
      '加：单位已收、银行未收款',
      money(total(r.bookReceived)),
    ),
    line(
      '减：银行已付、单位未付款',
      money(total(r.bankPaid)),
      '减：单位已付、银行未付款',
      money(total(r.bookPaid)),
    ),
    line('调节后的存款余额', money(r.adjustedBook), '调节后的存款余额', money(r.adjustedBank), {
      mark: 'total',
    }),
  ];
  const listing = (title: string, items: Item[]) => [
    line(title, '', '', '', { mark: 'heading' }),
    ...(items.length === 0
      ? [line('　无', '', '', '')]
      : items.map((i) => line(`　${i.date} ${i.text}`, money(i.amount), '', ''))),
  ];
  const left = [
    ...listing('银行已收、单位未收款明细', r.bankReceived),
    ...listing('银行已付、单位未付款明细', r.bankPaid),
  ];
  const right = [
    ...listing('单位已收、银行未收款明细', r.bookReceived),
    ...listing('单位已付、银行未付款明细', r.bookPaid),
  ];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const a = left[i]?.cells ?? { left: '', leftAmount: '' };
    const b = right[i]?.cells ?? { left: '', leftAmount: '' };
    rows.push(line(a.left!, a.leftAmount!, b.left!, b.leftAmount!));
  }
  return {
    title: '银行存款余额调节表',
    subtitle: r.communities.join('、'),
    period: `${r.date.slice(0, 4)}年${Number(r.date.slice(5, 7))}月${Number(r.date.slice(8, 10))}日`,
    unit: '元',
    orientation: 'landscape',
    meta: [
      `账户：${r.bankName} ${r.account}`,
      ...(v ? [`第 ${v.version} 版${v.signedBy ? '' : '（未审核）'}`] : []),
    ],
    columns: [
      { key: 'left', header: '项目', kind: 'text', width: 40 },
      { key: 'leftAmount', header: '金额', kind: 'amount', width: 14 },
      { key: 'right', header: '项目', kind: 'text', width: 40 },
      { key: 'rightAmount', header: '金额', kind: 'amount', width: 14 },
    ],
    rows,
    notes: [r.balanced ? '调节后余额相等。' : '注意：调节后余额不等，请检查未达账项。', '本表不作记账依据。'],
    signatures: [
      [
        { label: '编制人', ...(v ? { name: v.preparedBy } : {}) },
        { label: '审核人', ...(v?.signedBy ? { name: v.signedBy } : {}) },
        { label: '日期', ...(v?.signedAt ? { name: chinaDate(v.signedAt) } : {}) },
      ],
    ],
  };
}
