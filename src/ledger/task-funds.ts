import { fail } from '../errors.js';
import { formatAmount, sumFen, type Fen } from '../money/money.js';
import type { Book } from './books.js';
import { cashAccountCodes } from './cash-balances.js';
import { closingVoucherIds, isClosingVoucher } from './closing.js';
import type { Centre } from './centre.js';
import type { Period } from './period.js';

/**
 * Restricted funds (限定性资金, 专款专用): money given for one purpose and tracked by its project — each
 * 费随事转 admission (准入审批), and any other project that received restricted income (a sponsorship
 * for one event, say). One definition serves the admission list, the overspend guard on every voucher,
 * Sheet C of the 居务公开 board and the fund report:
 *
 *   received = restricted income booked with the project (credit − debit), plus what the book was
 *              opened with: the project's 限定性净资产 (3102) and, for a book begun mid-year, its
 *              restricted income of the year so far;
 *   used     = what the project's money was spent on, booked with the project: expenses, and assets
 *              other than cash bought with it (equipment, stock), debit − credit, plus their opening
 *              balances;
 *   balance  = received − used.
 *
 * The lines of a closing or release voucher (ledger/closing.ts) are neither: a closing entry (结转, income
 * to 3102) or a release (解除限定, 3102 to 3101) moves the fund between income and net assets, it does
 * not spend it or end it, so the money carried into next year can still be spent on its purpose. A
 * voucher that also moves money (a prior-year correction paid from the bank beside a spending) counts.
 */
export interface FundFigures {
  received: Fen;
  used: Fen;
  /** The part of `used` that bought assets other than cash (equipment, stock): still net assets. */
  assets: Fen;
}

export interface RestrictedFund {
  projectId: number;
  project: string;
  /** True for a 费随事转 admission (准入审批). */
  admission: boolean;
  /** How far below zero a supervisor has allowed the fund to go (admissions only). */
  overdraft: Fen;
  /** Brought in with the book's opening balances. */
  opening: FundFigures;
  /** Movement per month. */
  months: Map<Period, FundFigures>;
}

export interface FundQuery {
  /** Posted vouchers only (statements, the board), or every voucher that is not void (the guard). */
  postedOnly: boolean;
  /** Leave one voucher out: the draft being saved again. */
  excludeVoucherId?: number | null | undefined;
  /** Only these projects (by name): a check needs only the funds a voucher or a file lowers. */
  projects?: string[] | undefined;
}

const none: FundFigures = { received: 0, used: 0, assets: 0 };
const add = (a: FundFigures, b: FundFigures): FundFigures => ({
  received: sumFen([a.received, b.received]),
  used: sumFen([a.used, b.used]),
  assets: sumFen([a.assets, b.assets]),
});

/** How a line (or an opening balance) on an account moves a fund: the one rule, in one place. */
export function fundEffect(
  account: { category: string; restricted: boolean; cash: boolean },
  debit: Fen,
  credit: Fen,
): FundFigures {
  if ((account.category === 'income' || account.category === 'net_assets') && account.restricted)
    return { received: sumFen([credit, -debit]), used: 0, assets: 0 };
  if (account.category === 'expense') return { received: 0, used: sumFen([debit, -credit]), assets: 0 };
  if (account.category === 'asset' && !account.cash) {
    const used = sumFen([debit, -credit]);
    return { received: 0, used, assets: used };
  }
  return none;
}

export interface AccountKind {
  category: string;
  restricted: boolean;
  cash: boolean;
  /** The chart requires a project on the account's lines (费随事转经费, 费随事转项目支出). */
  projectRequired: boolean;
}

export function accountKinds(centre: Centre, book: Book): Map<number, AccountKind> {
  const cash = cashAccountCodes(book);
  const rows = centre
    .sql('SELECT id, code, category, restricted, project_rule FROM account WHERE book_id = ?')
    .all(book.id) as Array<{
    id: number;
    code: string;
    category: string;
    restricted: number;
    project_rule: string;
  }>;
  return new Map(
    rows.map((r) => [
      r.id,
      {
        category: r.category,
        restricted: r.restricted === 1,
        cash: cash.some((c) => r.code.startsWith(c)),
        projectRequired: r.project_rule === 'required',
      },
    ]),
  );
}

/** Every restricted fund of the book with its opening and monthly figures. */
export function restrictedFunds(centre: Centre, book: Book, query: FundQuery): RestrictedFund[] {
  const kinds = accountKinds(centre, book);
  const projects = query.projects ? JSON.stringify(query.projects) : null;
  const funds = new Map<number, RestrictedFund>();
  const fund = (projectId: number, project: string): RestrictedFund => {
    let f = funds.get(projectId);
    if (!f) {
      f = { projectId, project, admission: false, overdraft: 0, opening: none, months: new Map() };
      funds.set(projectId, f);
    }
    return f;
  };
  for (const a of centre
    .sql(
      `SELECT ad.project_id AS projectId, p.name AS project, ad.overdraft
       FROM admission ad JOIN project p ON p.id = ad.project_id
       WHERE ad.book_id = @book AND (@projects IS NULL OR p.name IN (SELECT value FROM json_each(@projects)))
       ORDER BY ad.approval_date, ad.id`,
    )
    .all({ book: book.id, projects }) as Array<{ projectId: number; project: string; overdraft: number }>) {
    const f = fund(a.projectId, a.project);
    f.admission = true;
    f.overdraft = a.overdraft;
  }

  const opening = centre
    .sql(
      `SELECT o.account_id AS accountId, o.project_id AS projectId, p.name AS project, o.debit, o.credit
       FROM opening_project o JOIN project p ON p.id = o.project_id
       WHERE p.book_id = @book AND (@projects IS NULL OR p.name IN (SELECT value FROM json_each(@projects)))`,
    )
    .all({ book: book.id, projects }) as Array<{
    accountId: number;
    projectId: number;
    project: string;
    debit: number;
    credit: number;
  }>;
  const lines = centre
    .sql(
      `SELECT l.account_id AS accountId, l.project_id AS projectId, p.name AS project, l.period,
              sum(l.debit) AS debit, sum(l.credit) AS credit
       FROM project p JOIN line l ON l.project_id = p.id JOIN voucher v ON v.id = l.voucher_id
       WHERE p.book_id = @book AND v.id IS NOT @exclude
         AND (@projects IS NULL OR p.name IN (SELECT value FROM json_each(@projects)))
         AND (v.status = 'posted' OR (NOT @postedOnly AND v.status IN ('draft', 'reviewed')))
         AND l.voucher_id NOT IN ${closingVoucherIds('@book')}
       GROUP BY l.account_id, l.project_id, l.period`,
    )
    .all({
      book: book.id,
      exclude: query.excludeVoucherId ?? null,
      postedOnly: query.postedOnly ? 1 : 0,
      projects,
    }) as Array<{
    accountId: number;
    projectId: number;
    project: string;
    period: string;
    debit: number;
    credit: number;
  }>;

  // A project is a fund when it is an admission or was given restricted money.
  const isFundMoney = (accountId: number) => {
    const kind = kinds.get(accountId);
    return !!kind && kind.restricted && (kind.category === 'income' || kind.category === 'net_assets');
  };
  for (const row of [...opening, ...lines]) if (isFundMoney(row.accountId)) fund(row.projectId, row.project);

  for (const o of opening) {
    const f = funds.get(o.projectId);
    if (f) f.opening = add(f.opening, fundEffect(kinds.get(o.accountId)!, o.debit, o.credit));
  }
  for (const l of lines) {
    const f = funds.get(l.projectId);
    if (!f) continue;
    const effect = fundEffect(kinds.get(l.accountId)!, l.debit, l.credit);
    f.months.set(l.period, add(f.months.get(l.period) ?? none, effect));
  }
  return [...funds.values()];
}

/** A fund's movement in the months `from`..`to` (either end open), without its opening. */
export function fundMovement(fund: RestrictedFund, from?: Period, to?: Period): FundFigures {
  let total = none;
  for (const [period, figures] of fund.months)
    if ((!from || period >= from) && (!to || period <= to)) total = add(total, figures);
  return total;
}

/** What is left of a fund at the end of `to` (all months when omitted), opening included. */
export function fundBalance(fund: RestrictedFund, to?: Period): Fen {
  const all = add(fund.opening, fundMovement(fund, undefined, to));
  return sumFen([all.received, -all.used]);
}

/** A fund that a voucher (or a batch of them) would take below what it may go to. */
export interface Overspending {
  kind: string;
  project: string;
  balance: Fen;
  use: Fen;
  over: Fen;
}

/**
 * The funds that `changes` (the net effect on each project's balance, by project name) would take below
 * zero, or below what a supervisor allowed. Only funds that are lowered are looked at: receiving money
 * into an overdrawn fund is always allowed. A project that is not a fund yet becomes one when the changes
 * themselves give it restricted money (`receiving`), starting from nothing.
 */
export function overspentFunds(
  centre: Centre,
  book: Book,
  changes: Map<string, FundChange>,
  excludeVoucherId: number | null,
): Overspending[] {
  if (![...changes.values()].some((c) => c.delta < 0)) return [];
  const lowered = [...changes].filter(([, c]) => c.delta < 0).map(([project]) => project);
  const funds = new Map(
    restrictedFunds(centre, book, { postedOnly: false, excludeVoucherId, projects: lowered }).map((f) => [
      f.project,
      f,
    ]),
  );
  const over: Overspending[] = [];
  for (const [project, { delta, receiving, required }] of changes) {
    const fund = funds.get(project);
    // A project the book does not know is no fund, unless its lines make it one (restricted money in,
    // or spending on an account that must name its project: then it holds nothing yet).
    if (delta >= 0 || (!fund && !receiving && !required)) continue;
    const balance = fund ? fundBalance(fund) : 0;
    const overdraft = fund?.overdraft ?? 0;
    const after = sumFen([balance, delta]);
    if (after < -overdraft) {
      over.push({
        kind: fund?.admission ? '费随事转项目' : '限定性资金项目',
        project,
        balance,
        use: -delta,
        over: sumFen([-after, -overdraft]),
      });
    }
  }
  return over;
}

export const overspendingMessage = (o: Overspending, where: string): string =>
  `${o.kind}“${o.project}”余额不足：现有余额 ${formatAmount(o.balance)} 元，${where}使用 ${formatAmount(o.use)} 元，` +
  `将超支 ${formatAmount(o.over)} 元。专款专用，不能超支；确需垫支请主管登记超支许可`;

/**
 * The change a set of lines makes to each fund, by project name. A closing or release entry (a voucher
 * with a net asset line) changes nothing.
 */
export interface FundChange {
  delta: Fen;
  /** The lines give the project restricted money: a project new to the book becomes a fund. */
  receiving: boolean;
  /** A line is on an account that requires its project: a project new to the book is a fund holding 0. */
  required: boolean;
}

/**
 * The change a set of lines (one voucher) makes to each fund, by project name. A closing or release
 * voucher (ledger/closing.ts) changes nothing.
 */
export function fundChanges(
  kinds: Map<number, AccountKind>,
  lines: Array<{ accountId: number; project: string | null; debit: Fen; credit: Fen }>,
): Map<string, FundChange> {
  const changes = new Map<string, FundChange>();
  if (isClosingVoucher(lines.map((l) => kinds.get(l.accountId)?.category ?? ''))) return changes;
  for (const line of lines) {
    const kind = kinds.get(line.accountId);
    if (!line.project || !kind) continue;
    const effect = fundEffect(kind, line.debit, line.credit);
    const current = changes.get(line.project) ?? { delta: 0, receiving: false, required: false };
    changes.set(line.project, {
      delta: sumFen([current.delta, effect.received, -effect.used]),
      receiving: current.receiving || effect.received > 0,
      required: current.required || kind.projectRequired,
    });
  }
  return changes;
}

/** Adds one voucher's fund changes to a running total (a file's). */
export function addFundChanges(total: Map<string, FundChange>, changes: Map<string, FundChange>): void {
  for (const [project, change] of changes) {
    const current = total.get(project) ?? { delta: 0, receiving: false, required: false };
    total.set(project, {
      delta: sumFen([current.delta, change.delta]),
      receiving: current.receiving || change.receiving,
      required: current.required || change.required,
    });
  }
}

/**
 * Refuses a voucher that would take a restricted fund below zero (or below what a supervisor allowed),
 * naming the fund and its balance. Voucher entry and grant receipts run it here; imports run the same
 * rule over the whole file (voucher-batch.ts).
 */
export function checkTaskFunds(
  centre: Centre,
  book: Book,
  lines: Array<{ accountId: number; projectId: number | null; debit: Fen; credit: Fen }>,
  excludeVoucherId: number | null,
): void {
  if (!lines.some((l) => l.projectId !== null)) return;
  const names = new Map(
    (
      centre.sql('SELECT id, name FROM project WHERE book_id = ?').all(book.id) as Array<{
        id: number;
        name: string;
      }>
    ).map((p) => [p.id, p.name]),
  );
  const changes = fundChanges(
    accountKinds(centre, book),
    lines.map((l) => ({ ...l, project: l.projectId === null ? null : (names.get(l.projectId) ?? null) })),
  );
  const [first] = overspentFunds(centre, book, changes, excludeVoucherId);
  if (first) fail('forbidden', overspendingMessage(first, '本凭证'), { field: 'lines' });
}
