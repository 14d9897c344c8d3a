import { fail } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import type { Centre } from '../ledger/centre.js';
import { requireRole, type Actor } from '../ledger/operators.js';
import { formatRef } from '../ledger/vouchers.js';
import { fenToYuan, formatAmount, sumFen, type Fen } from '../money/money.js';
import { booking } from '../grants/receipts.js';
import { closingVoucherIds } from '../ledger/closing.js';
import { fundLabels, type Fund } from './allocations.js';

/**
 * Matching district allocations to the books. The book side is each posted voucher's credit to
 * 政府补助收入 (4401), by fund; a voucher reversed in red and its reversal are left out, since together
 * they booked nothing. Automatic matching goes from the surest evidence to the weakest and says why it
 * matched; a person can match or unmatch anything by hand. Totals of a match must be equal on both sides,
 * so an allocation booked in two vouchers, or two allocations in one voucher, is one match.
 */

export interface AllocationItem {
  id: number;
  /** The statement import the line came from (what the statements cover is read from them). */
  importId: number;
  communityId: number;
  community: string;
  date: string;
  fund: Fund;
  document: string;
  project: string;
  amount: Fen;
  matched: Fen;
  matchId: number | null;
}

export interface BookReceipt {
  voucherId: number;
  communityId: number;
  community: string;
  date: string;
  voucher: string;
  fund: Fund;
  amount: Fen;
  document: string;
  summary: string;
  matched: Fen;
  matchId: number | null;
}

/**
 * The fund an income line books: the account grant receipts of that fund are booked to (grants/
 * receipts.ts), else 其他.
 */
export function fundOfAccount(code: string): Fund {
  const found = Object.entries(booking).find(([, b]) => code.startsWith(b.account));
  return found ? (found[0] as Fund) : 'other';
}

/** Which items a list or a match run is about: one community, dates (YYYY-MM-DD) — all when left out. */
export interface ReconcileFilter {
  communityId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const within = (filter: ReconcileFilter) => (x: { communityId: number; date: string }) =>
  (filter.communityId === undefined || x.communityId === filter.communityId) &&
  (!filter.from || x.date >= filter.from) &&
  (!filter.to || x.date <= filter.to);

export function loadAllocations(centre: Centre, filter: ReconcileFilter = {}): AllocationItem[] {
  return centre
    .sql(
      `SELECT a.id, a.import_id AS importId, a.community_id AS communityId, c.name AS community, a.date, a.fund, a.document, a.project, a.amount,
              coalesce((SELECT sum(amount) FROM rec_match_statement s WHERE s.allocation_id = a.id), 0) AS matched,
              (SELECT match_id FROM rec_match_statement s WHERE s.allocation_id = a.id) AS matchId
       FROM allocation a JOIN community c ON c.id = a.community_id
       WHERE (@community IS NULL OR a.community_id = @community)
         AND (@from IS NULL OR a.date >= @from) AND (@to IS NULL OR a.date <= @to)
       ORDER BY a.date, a.id`,
    )
    .all({
      community: filter.communityId ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    }) as AllocationItem[];
}

export function loadReceipts(centre: Centre, filter: ReconcileFilter = {}): BookReceipt[] {
  // From the 政府补助收入 accounts to their lines (the line_account index), not through every line.
  const rows = centre
    .sql(
      `SELECT v.id AS voucherId, b.community_id AS communityId, c.name AS community, v.date, v.word, v.number,
              a.code, l.credit - l.debit AS amount, l.summary, gr.document, gr.source
       FROM account a
       CROSS JOIN line l ON l.account_id = a.id
       JOIN voucher v ON v.id = l.voucher_id
       JOIN book b ON b.id = v.book_id
       JOIN community c ON c.id = b.community_id
       LEFT JOIN grant_receipt gr ON gr.voucher_id = v.id
       WHERE v.status = 'posted' AND a.code >= '4401' AND a.code < '4402'
         AND v.reverses_voucher_id IS NULL AND v.id NOT IN ${closingVoucherIds(null)}
         AND NOT EXISTS (SELECT 1 FROM voucher r WHERE r.reverses_voucher_id = v.id AND r.status <> 'void')
         AND (@community IS NULL OR b.community_id = @community)
         AND (@from IS NULL OR v.date >= @from) AND (@to IS NULL OR v.date <= @to)
       ORDER BY v.date, v.id, l.line_no`,
    )
    .all({
      community: filter.communityId ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    }) as Array<{
    voucherId: number;
    communityId: number;
    community: string;
    date: string;
    word: string;
    number: number;
    code: string;
    amount: number;
    summary: string;
    document: string | null;
    source: string | null;
  }>;
  const matched = centre.sql(
    "SELECT amount, match_id AS matchId FROM rec_match_book WHERE kind = 'allocation' AND voucher_id = ? AND fund = ?",
  );
  const byKey = new Map<string, BookReceipt>();
  for (const r of rows) {
    const fund = (r.source as Fund | null) ?? fundOfAccount(r.code);
    const key = `${r.voucherId}:${fund}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.amount = sumFen([existing.amount, r.amount]);
      continue;
    }
    const m = (matched.get(r.voucherId, fund) as { amount: number; matchId: number } | undefined) ?? {
      amount: 0,
      matchId: null,
    };
    byKey.set(key, {
      voucherId: r.voucherId,
      communityId: r.communityId,
      community: r.community,
      date: r.date,
      voucher: formatRef(r.word, r.number),
      fund,
      amount: r.amount,
      document: r.document ?? '',
      summary: r.summary,
      matched: m.amount,
      matchId: m.matchId,
    });
  }
  return [...byKey.values()].filter((r) => r.amount !== 0);
}

const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
/** Money may reach the books up to 10 days before the statement date (advice first) and 45 days after. */
const inWindow = (allocation: string, booked: string) => {
  const d = days(allocation, booked);
  return d >= -10 && d <= 45;
};
const hasDocument = (a: AllocationItem, r: BookReceipt) =>
  a.document !== '' && (r.document === a.document || r.summary.includes(a.document));
/** The books name another document of the statement for this receipt: it booked that one, not `a`. */
const namesOther = (a: AllocationItem, r: BookReceipt, allocations: AllocationItem[]) =>
  !hasDocument(a, r) &&
  ((r.document !== '' && a.document !== '' && r.document !== a.document) ||
    allocations.some((x) => x.document !== '' && x.document !== a.document && hasDocument(x, r)));
/**
 * Whether `r` may be the booking of `a`, whichever community's books it is in: same fund and amount, no
 * other document named, and either the same document or a booking date within the window.
 */
const fits = (a: AllocationItem, r: BookReceipt, allocations: AllocationItem[]) =>
  r.fund === a.fund &&
  r.amount === a.amount &&
  !namesOther(a, r, allocations) &&
  (hasDocument(a, r) || inWindow(a.date, r.date));

interface Proposal {
  allocations: AllocationItem[];
  receipts: BookReceipt[];
  reason: string;
}

/** Subsets of 2–3 receipts whose amounts add up to `target` (an allocation booked in parts). */
function partsAddingTo(candidates: BookReceipt[], target: Fen): BookReceipt[] | undefined {
  const n = candidates.length;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      if (sumFen([candidates[i]!.amount, candidates[j]!.amount]) === target)
        return [candidates[i]!, candidates[j]!];
      for (let k = j + 1; k < n; k++)
        if (sumFen([candidates[i]!.amount, candidates[j]!.amount, candidates[k]!.amount]) === target)
          return [candidates[i]!, candidates[j]!, candidates[k]!];
    }
  return undefined;
}

/** Proposes matches for unmatched items of one community, surest evidence first. */
export function proposeMatches(allocations: AllocationItem[], receipts: BookReceipt[]): Proposal[] {
  const openA = allocations.filter((a) => a.matchId === null);
  const openR = receipts.filter((r) => r.matchId === null);
  const taken = new Set<unknown>();
  const proposals: Proposal[] = [];
  const free = <T>(list: T[]) => list.filter((x) => !taken.has(x));
  const take = (p: Proposal) => {
    for (const x of [...p.allocations, ...p.receipts]) taken.add(x);
    proposals.push(p);
  };
  const gap = (a: AllocationItem, r: BookReceipt) => {
    const d = days(a.date, r.date);
    return d === 0 ? '同日入账' : d > 0 ? `入账晚 ${d} 天` : `入账早 ${-d} 天`;
  };
  const same = (a: AllocationItem, r: BookReceipt) =>
    r.communityId === a.communityId && r.fund === a.fund && inWindow(a.date, r.date);

  // 1. Document, fund and amount agree.
  for (const a of free(openA)) {
    const hits = free(openR).filter((r) => same(a, r) && r.amount === a.amount && hasDocument(a, r));
    if (hits.length >= 1) {
      const r = hits.sort((x, y) => Math.abs(days(a.date, x.date)) - Math.abs(days(a.date, y.date)))[0]!;
      take({
        allocations: [a],
        receipts: [r],
        reason: `文号${a.document}、资金性质、金额一致，${gap(a, r)}`,
      });
    }
  }
  // 2. One allocation booked in two or three vouchers carrying its document.
  for (const a of free(openA)) {
    if (!a.document) continue;
    const parts = partsAddingTo(
      free(openR).filter((r) => same(a, r) && hasDocument(a, r)),
      a.amount,
    );
    if (parts)
      take({
        allocations: [a],
        receipts: parts,
        reason: `一笔拨款分 ${parts.length} 张凭证入账，文号${a.document}相同、合计相等`,
      });
  }
  // 3. Fund and amount agree, the books name no other document, and neither side has another candidate.
  const plain = (a: AllocationItem, r: BookReceipt) =>
    same(a, r) && r.amount === a.amount && !namesOther(a, r, openA);
  for (const a of free(openA)) {
    const hits = free(openR).filter((r) => plain(a, r));
    if (hits.length !== 1) continue;
    const r = hits[0]!;
    const rivals = free(openA).filter((x) => x !== a && plain(x, r));
    if (rivals.length > 0) continue;
    take({ allocations: [a], receipts: [r], reason: `资金性质、金额一致，${gap(a, r)}（账上无文号）` });
  }
  // 4. Two or more allocations of one fund booked together in one voucher.
  for (const r of free(openR)) {
    const group = free(openA).filter((a) => same(a, r) && !namesOther(a, r, openA));
    for (let size = group.length; size >= 2; size--) {
      const byDate = [...group]
        .sort((x, y) => Math.abs(days(x.date, r.date)) - Math.abs(days(y.date, r.date)))
        .slice(0, size);
      if (sumFen(byDate.map((a) => a.amount)) === r.amount) {
        take({ allocations: byDate, receipts: [r], reason: `${size} 笔拨款合并在一张凭证入账，合计相等` });
        break;
      }
    }
  }
  return proposals;
}

function insertMatch(actor: Actor, p: Proposal, auto: boolean): number {
  const { centre, operator } = actor;
  const id = Number(
    centre
      .sql(
        "INSERT INTO rec_match (kind, auto, reason, created_by, created_at) VALUES ('allocation', ?, ?, ?, ?)",
      )
      .run(auto ? 1 : 0, p.reason, operator.id, centre.now()).lastInsertRowid,
  );
  const statement = centre.sql(
    'INSERT INTO rec_match_statement (match_id, allocation_id, amount) VALUES (?, ?, ?)',
  );
  for (const a of p.allocations) statement.run(id, a.id, a.amount);
  const book = centre.sql(
    "INSERT INTO rec_match_book (match_id, kind, voucher_id, fund, amount) VALUES (?, 'allocation', ?, ?, ?)",
  );
  for (const r of p.receipts) book.run(id, r.voucherId, r.fund, r.amount);
  recordAudit(centre, {
    operatorId: operator.id,
    action: auto ? 'reconcile.allocations.autoMatch' : 'reconcile.allocations.match',
    entity: 'rec_match',
    entityId: id,
    bookId: voucherBook(centre, p.receipts[0]!.voucherId),
    // Ids for the record, and what a person reads in the log.
    after: {
      allocations: p.allocations.map((a) => a.id),
      vouchers: p.receipts.map((r) => r.voucherId),
      community: p.allocations[0]!.community,
      documents: [...new Set(p.allocations.map((a) => a.document).filter(Boolean))],
      refs: p.receipts.map((r) => r.voucher),
      amount: fenToYuan(sumFen(p.allocations.map((a) => a.amount))),
      reason: p.reason,
    },
  });
  return id;
}

/** The book a voucher is in, for the audit row of a match. */
export const voucherBook = (centre: Centre, voucherId: number): number =>
  (centre.sql('SELECT book_id AS id FROM voucher WHERE id = ?').get(voucherId) as { id: number }).id;

/** Matches automatically whatever can be matched, community by community. */
export function autoMatchAllocations(actor: Actor, filter: ReconcileFilter = {}) {
  requireRole(actor.operator, ['accountant', 'supervisor'], '勾对拨款');
  const allocations = loadAllocations(actor.centre, filter);
  const receipts = loadReceipts(actor.centre, filter);
  const communities = [...new Set(allocations.map((a) => a.communityId))];
  const made: Array<{
    id: number;
    community: string;
    reason: string;
    allocations: number[];
    vouchers: string[];
  }> = [];
  for (const id of communities) {
    for (const p of proposeMatches(
      allocations.filter((a) => a.communityId === id),
      receipts.filter((r) => r.communityId === id),
    )) {
      made.push({
        id: insertMatch(actor, p, true),
        community: p.allocations[0]!.community,
        reason: p.reason,
        allocations: p.allocations.map((a) => a.id),
        vouchers: p.receipts.map((r) => r.voucher),
      });
    }
  }
  return made;
}

/** A person's match: the chosen allocations against the chosen vouchers, totals equal, one community. */
export function matchAllocations(
  actor: Actor,
  input: { allocations: number[]; vouchers: number[]; note?: string | undefined },
) {
  const { centre } = actor;
  requireRole(actor.operator, ['accountant', 'supervisor'], '勾对拨款');
  if (input.allocations.length === 0 || input.vouchers.length === 0) {
    fail('invalid_argument', '请至少选择一笔拨款和一张凭证', { field: 'allocations' });
  }
  const allocations = loadAllocations(centre).filter((a) => input.allocations.includes(a.id));
  if (allocations.length !== input.allocations.length)
    fail('not_found', '有选中的拨款不存在', { field: 'allocations' });
  // A voucher may book several funds: its receipts of the allocations' funds take part — or, when it
  // booked none of them (the money went to another income account), all of its receipts.
  const wanted = new Set(allocations.map((a) => a.fund));
  const chosen = loadReceipts(centre).filter((r) => input.vouchers.includes(r.voucherId));
  const receipts = input.vouchers.flatMap((id) => {
    const own = chosen.filter((r) => r.voucherId === id);
    const same = own.filter((r) => wanted.has(r.fund));
    return same.length > 0 ? same : own;
  });
  if (new Set(receipts.map((r) => r.voucherId)).size !== input.vouchers.length) {
    fail('not_found', '有选中的凭证不是已记账的拨款收入凭证', { field: 'vouchers' });
  }
  for (const x of [...allocations, ...receipts]) {
    if (x.matchId !== null)
      fail('voucher_state', '有选中的项目已勾对，请先取消原勾对', { field: 'allocations' });
  }
  const communities = new Set([...allocations, ...receipts].map((x) => x.communityId));
  if (communities.size > 1)
    fail('invalid_argument', '拨款和凭证须属于同一社区（串户请先更正账簿）', { field: 'vouchers' });
  const a = sumFen(allocations.map((x) => x.amount));
  const r = sumFen(receipts.map((x) => x.amount));
  if (a !== r) {
    fail(
      'unbalanced',
      `金额不等：拨款合计 ${formatAmount(a)}，入账合计 ${formatAmount(r)}，差额 ${formatAmount(sumFen([a, -r]))}`,
      {
        field: 'vouchers',
      },
    );
  }
  const reason = `手工勾对${input.note ? `：${input.note}` : ''}`;
  return { id: insertMatch(actor, { allocations, receipts, reason }, false), reason };
}

/** The matches of one kind, with why they were made; only those in `used` when given. */
export function listMatches(centre: Centre, kind: 'allocation' | 'bank', used?: Set<number | null>) {
  const rows = centre
    .sql('SELECT id, auto, reason, created_at AS createdAt FROM rec_match WHERE kind = ? ORDER BY id')
    .all(kind) as Array<{ id: number; auto: number; reason: string; createdAt: string }>;
  return rows.filter((m) => !used || used.has(m.id)).map((m) => ({ ...m, auto: m.auto === 1 }));
}

export function unmatch(actor: Actor, kind: 'allocation' | 'bank', matchId: number): void {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '取消勾对');
  const match = centre.sql('SELECT id, kind, reason FROM rec_match WHERE id = ?').get(matchId) as
    { id: number; kind: string; reason: string } | undefined;
  if (!match || match.kind !== kind) fail('not_found', `没有编号为 ${matchId} 的勾对`, { field: 'match' });
  const closed = centre
    .sql(
      `SELECT v.period FROM rec_match_book m JOIN voucher v ON v.id = m.voucher_id
       JOIN period_close pc ON pc.book_id = v.book_id AND pc.period = v.period WHERE m.match_id = ? LIMIT 1`,
    )
    .get(matchId) as { period: string } | undefined;
  if (closed)
    fail('period_closed', `勾对的凭证所在的 ${closed.period} 已结账，不能取消勾对`, { field: 'match' });
  const before = {
    reason: match.reason,
    statement: centre.sql('SELECT * FROM rec_match_statement WHERE match_id = ?').all(matchId),
    book: centre.sql('SELECT * FROM rec_match_book WHERE match_id = ?').all(matchId),
  };
  centre.sql('DELETE FROM rec_match WHERE id = ?').run(matchId);
  recordAudit(centre, {
    operatorId: operator.id,
    action: `reconcile.${kind}.unmatch`,
    entity: 'rec_match',
    entityId: matchId,
    before,
  });
}

/**
 * Whether the imported statements list a community around a booking date: a statement that names the
 * community and whose dates, widened by the booking window, reach the date. A booking of a community
 * no statement lists is simply not on the statements yet (未达) — no evidence of anything.
 */
function statementCover(allocations: AllocationItem[]) {
  const spans = new Map<number, { from: string; to: string; communities: Set<number> }>();
  for (const a of allocations) {
    const span = spans.get(a.importId) ?? { from: a.date, to: a.date, communities: new Set<number>() };
    if (a.date < span.from) span.from = a.date;
    if (a.date > span.to) span.to = a.date;
    span.communities.add(a.communityId);
    spans.set(a.importId, span);
  }
  return (communityId: number, date: string) =>
    [...spans.values()].some(
      (s) => s.communities.has(communityId) && days(date, s.from) <= 10 && days(s.to, date) <= 45,
    );
}

/**
 * Why an item is still unmatched, in the accountant's words: 待勾对 (its counterpart is there), 金额不符
 * (booked under its document, or alone in the window, with another amount), 串户 (booked in another
 * community's books — only on evidence: the document, or an allocation and a booking that nothing in
 * their own communities explains, in a community the statement lists, and no other candidate), 在途 /
 * 未入账 for an allocation, 未达 for a booking the statements do not list.
 */
export function allocationExceptions(centre: Centre, asOf: string, filter: ReconcileFilter = {}) {
  // Every unmatched item is read once: a reason may point to another community's books.
  const every = loadAllocations(centre);
  const allocationsAll = every.filter((a) => a.matchId === null);
  const receiptsAll = loadReceipts(centre).filter((r) => r.matchId === null);
  const covers = statementCover(every);
  const fit = (a: AllocationItem, r: BookReceipt) => fits(a, r, allocationsAll);
  const ownReceipt = (a: AllocationItem) =>
    receiptsAll.find((r) => r.communityId === a.communityId && fit(a, r));
  const ownAllocation = (r: BookReceipt) =>
    allocationsAll.find((a) => a.communityId === r.communityId && fit(a, r));
  // Same community and fund, another amount: under the same document at any date, else in the window.
  const differs = (a: AllocationItem, r: BookReceipt, byDocument: boolean) =>
    a.communityId === r.communityId &&
    a.fund === r.fund &&
    a.amount !== r.amount &&
    (byDocument
      ? hasDocument(a, r)
      : !a.document && !namesOther(a, r, allocationsAll) && inWindow(a.date, r.date));

  const crossed: Array<{ a: AllocationItem; r: BookReceipt; byDocument: boolean }> = [];
  for (const a of allocationsAll)
    for (const r of receiptsAll) {
      if (a.communityId === r.communityId || !fit(a, r)) continue;
      if (hasDocument(a, r)) crossed.push({ a, r, byDocument: true });
      else if (covers(r.communityId, r.date) && !ownReceipt(a) && !ownAllocation(r))
        crossed.push({ a, r, byDocument: false });
    }
  // Without the document, a pair is evidence only when neither item has another such candidate.
  const alone = (p: (typeof crossed)[number]) =>
    p.byDocument || crossed.filter((q) => !q.byDocument && (q.a === p.a || q.r === p.r)).length === 1;
  const crossedOf = (x: AllocationItem | BookReceipt) =>
    crossed
      .filter((p) => (p.a === x || p.r === x) && alone(p))
      .sort((p, q) => Number(q.byDocument) - Number(p.byDocument))[0];
  const onStatement = (a: AllocationItem) => `对账单${a.date}${a.document ? ` ${a.document}` : ''}`;

  return {
    allocations: allocationsAll.filter(within(filter)).map((a) => {
      const own = receiptsAll.filter((r) => r.communityId === a.communityId);
      const ready = ownReceipt(a);
      const differing = own.find((r) => differs(a, r, true)) ?? own.find((r) => differs(a, r, false));
      const elsewhere = crossedOf(a)?.r;
      const reason = ready
        ? `待勾对：账上${ready.date} ${ready.voucher} 入账金额相同，请核对后勾对`
        : differing && (hasDocument(a, differing) || !elsewhere)
          ? `金额不符：账上${differing.date} ${differing.voucher} 入账 ${formatAmount(differing.amount)}，差额 ${formatAmount(sumFen([a.amount, -differing.amount]))}`
          : elsewhere
            ? `串户：疑似记入${elsewhere.community}（${elsewhere.date} ${elsewhere.voucher}）`
            : days(a.date, asOf) <= 10
              ? '在途：拨款日期距今不足 10 天，可能尚未到账'
              : '未入账：账上找不到这笔拨款';
      return { ...view(a), reason };
    }),
    receipts: receiptsAll.filter(within(filter)).map((r) => {
      const own = allocationsAll.filter((a) => a.communityId === r.communityId);
      const ready = ownAllocation(r);
      const differing = own.find((a) => differs(a, r, true)) ?? own.find((a) => differs(a, r, false));
      const elsewhere = crossedOf(r)?.a;
      const reason = ready
        ? `待勾对：${onStatement(ready)} 拨付金额相同，请核对后勾对`
        : differing && (hasDocument(differing, r) || !elsewhere)
          ? `金额不符：${onStatement(differing)} 拨付 ${formatAmount(differing.amount)}`
          : elsewhere
            ? `串户：区财政拨给的是${elsewhere.community}（${elsewhere.date}${elsewhere.document ? ` ${elsewhere.document}` : ''}）`
            : covers(r.communityId, r.date)
              ? '未达：对账单中没有这笔拨款（其他来源、上年拨款或对方尚未列示）'
              : `未达：已导入的对账单没有列示${r.community}（不在对账单范围内，或对方尚未列示）`;
      return { ...receiptView(r), reason };
    }),
  };
}

export const view = (a: AllocationItem) => ({
  id: a.id,
  community: a.community,
  date: a.date,
  fund: a.fund,
  fundLabel: fundLabels[a.fund],
  document: a.document,
  project: a.project,
  amount: fenToYuan(a.amount),
  matchId: a.matchId,
});

export const receiptView = (r: BookReceipt) => ({
  voucherId: r.voucherId,
  community: r.community,
  date: r.date,
  voucher: r.voucher,
  fund: r.fund,
  fundLabel: fundLabels[r.fund],
  document: r.document,
  summary: r.summary,
  amount: fenToYuan(r.amount),
  matchId: r.matchId,
});
