import type { Centre } from '../ledger/centre.js';
import { findCommunity, listCommunities } from '../ledger/communities.js';
import { entitlementTable } from '../grants/grants.js';
import { fenToYuan, parseAmount, sumFen, type Fen, yuanOrBlank } from '../money/money.js';
import type { ReportModel, Row } from '../reports/model.js';
import { allocationExceptions, loadAllocations, loadReceipts } from './allocation-match.js';
import { fundLabels, funds, type Fund } from './allocations.js';

/**
 * 财政拨款对账单 (one community, a date range) and the centre roll-up (each community × fund: 应拨 from
 * the grants issue, 实拨 from district statements, 入账 from the books), as report models.
 */

const money = (fen: Fen) => fenToYuan(fen);
const blank = yuanOrBlank;

export function allocationStatement(
  centre: Centre,
  input: { community: string; from: string; to: string; asOf?: string | undefined },
): ReportModel {
  const community = findCommunity(centre, input.community);
  const filter = { communityId: community.id, from: `${input.from}-01`, to: `${input.to}-31` };
  const allocations = loadAllocations(centre, filter);
  const receipts = loadReceipts(centre, { communityId: community.id });
  const exceptions = allocationExceptions(centre, input.asOf ?? centre.today(), filter);
  const reasonOf = new Map(exceptions.allocations.map((e) => [e.id, e.reason]));
  const matchReason = new Map(
    (
      centre.sql("SELECT id, reason FROM rec_match WHERE kind = 'allocation'").all() as Array<{
        id: number;
        reason: string;
      }>
    ).map((m) => [m.id, m.reason]),
  );
  const rows: Row[] = [];
  const seenMatch = new Set<number>();
  let n = 0;
  const allocated: Fen[] = [];
  const booked: Fen[] = [];
  for (const a of allocations) {
    const inMatch = a.matchId === null ? [] : receipts.filter((r) => r.matchId === a.matchId);
    const first = a.matchId === null || !seenMatch.has(a.matchId);
    if (a.matchId !== null) seenMatch.add(a.matchId);
    // A match's vouchers are shown once, on its first allocation; the others show the shared total there.
    const bookedHere = first ? sumFen(inMatch.map((r) => r.amount)) : 0;
    const sharedWith = a.matchId === null ? [] : allocations.filter((x) => x.matchId === a.matchId);
    const diff =
      sharedWith.length > 1
        ? first
          ? sumFen([sumFen(sharedWith.map((x) => x.amount)), -bookedHere])
          : 0
        : sumFen([a.amount, -bookedHere]);
    allocated.push(a.amount);
    booked.push(bookedHere);
    rows.push({
      cells: {
        no: String(++n),
        date: a.date,
        document: a.document,
        fund: `${fundLabels[a.fund]}${a.project ? `／${a.project}` : ''}`,
        allocated: money(a.amount),
        bookedOn: first ? inMatch.map((r) => r.date).join('、') : '（同上）',
        voucher: first ? inMatch.map((r) => r.voucher).join('、') : '',
        booked: first && inMatch.length > 0 ? money(bookedHere) : '',
        difference: blank(diff),
        note: a.matchId === null ? (reasonOf.get(a.id) ?? '未勾对') : (matchReason.get(a.matchId) ?? ''),
      },
      ...(first && inMatch[0] ? { drill: { voucherId: inMatch[0].voucherId } } : {}),
    });
  }
  // Receipts in the books that no allocation of the statement explains.
  for (const e of exceptions.receipts) {
    const amount = parseAmount(e.amount);
    booked.push(amount);
    rows.push({
      cells: {
        no: String(++n),
        date: '',
        document: e.document,
        fund: e.fundLabel,
        allocated: '',
        bookedOn: e.date,
        voucher: e.voucher,
        booked: money(amount),
        difference: money(-amount),
        note: e.reason,
      },
      drill: { voucherId: e.voucherId },
    });
  }
  const totalA = sumFen(allocated);
  const totalB = sumFen(booked);
  rows.push({
    cells: {
      no: '',
      date: '',
      document: '',
      fund: '合计',
      allocated: money(totalA),
      bookedOn: '',
      voucher: '',
      booked: money(totalB),
      difference: money(sumFen([totalA, -totalB])),
      note: '',
    },
    mark: 'total',
  });
  return {
    title: '财政拨款对账单',
    subtitle: community.name,
    period: input.from === input.to ? `${input.from}` : `${input.from}至${input.to}`,
    unit: '元',
    orientation: 'landscape',
    columns: [
      { key: 'no', header: '序号', kind: 'code', width: 5 },
      { key: 'date', header: '拨款日期', kind: 'code', width: 11 },
      { key: 'document', header: '拨款文号', kind: 'text', width: 16 },
      { key: 'fund', header: '资金性质/项目', kind: 'text', width: 18 },
      { key: 'allocated', header: '财政拨付金额', kind: 'amount', width: 14 },
      { key: 'bookedOn', header: '入账日期', kind: 'text', width: 12 },
      { key: 'voucher', header: '凭证号', kind: 'text', width: 10 },
      { key: 'booked', header: '入账金额', kind: 'amount', width: 14 },
      { key: 'difference', header: '差额', kind: 'amount', width: 12 },
      { key: 'note', header: '差异说明', kind: 'text', width: 34 },
    ],
    rows,
    notes: ['差额 = 财政拨付金额 − 入账金额；差异说明：在途、未入账、串户、金额不符，或自动勾对的依据。'],
    signatures: [[{ label: '区财政（街道）经办人' }, { label: '代理中心经办人' }, { label: '日期' }]],
  };
}

/** The centre roll-up for a year: each community and fund, 应拨 / 实拨 / 入账 and the differences. */
export function allocationRollup(centre: Centre, year: number): ReportModel {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const allocations = loadAllocations(centre, { from, to });
  const receipts = loadReceipts(centre, { from, to });
  const entitled = new Map<string, Fen>();
  for (const row of entitlementTable(centre, year).rows) {
    for (const s of row.entitlement?.sources ?? [])
      entitled.set(`${row.community}:${s.source}`, parseAmount(s.amount));
  }
  const rows: Row[] = [];
  const grand = { entitled: [] as Fen[], allocated: [] as Fen[], booked: [] as Fen[] };
  for (const c of listCommunities(centre)) {
    const sub = { entitled: [] as Fen[], allocated: [] as Fen[], booked: [] as Fen[] };
    const lines: Row[] = [];
    for (const fund of funds) {
      const e = entitled.get(`${c.name}:${fund}`);
      const a = sumFen(
        allocations.filter((x) => x.communityId === c.id && x.fund === fund).map((x) => x.amount),
      );
      const b = sumFen(
        receipts.filter((x) => x.communityId === c.id && x.fund === fund).map((x) => x.amount),
      );
      if (e === undefined && a === 0 && b === 0) continue;
      sub.entitled.push(e ?? 0);
      sub.allocated.push(a);
      sub.booked.push(b);
      lines.push(rollupRow(fundLabels[fund as Fund], e, a, b, { level: 2 }));
    }
    if (lines.length === 0) continue;
    rows.push({ cells: { name: c.name }, mark: 'heading' }, ...lines);
    const [e, a, b] = [sumFen(sub.entitled), sumFen(sub.allocated), sumFen(sub.booked)];
    rows.push(rollupRow(`${c.name}小计`, e, a, b, { mark: 'subtotal' }));
    grand.entitled.push(e);
    grand.allocated.push(a);
    grand.booked.push(b);
  }
  rows.push(
    rollupRow('合计', sumFen(grand.entitled), sumFen(grand.allocated), sumFen(grand.booked), {
      mark: 'total',
    }),
  );
  return {
    title: '社区经费拨付对账汇总表',
    subtitle: '居财代理中心',
    period: `${year}年度`,
    unit: '元',
    orientation: 'landscape',
    columns: [
      { key: 'name', header: '社区／资金性质', kind: 'text', width: 24 },
      { key: 'entitled', header: '应拨', kind: 'amount', width: 15 },
      { key: 'allocated', header: '实拨', kind: 'amount', width: 15 },
      { key: 'booked', header: '入账', kind: 'amount', width: 15 },
      { key: 'short', header: '实拨−应拨', group: '差额', kind: 'amount', width: 14 },
      { key: 'unbooked', header: '实拨−入账', group: '差额', kind: 'amount', width: 14 },
    ],
    rows,
    notes: [
      '应拨：按拨款政策和户数测算（基础经费、按户经费）；实拨：区财政拨款对账单；入账：各社区账簿已记账的政府补助收入。',
    ],
    signatures: [[{ label: '制表人' }, { label: '审核人' }]],
  };
}

function rollupRow(name: string, e: Fen | undefined, a: Fen, b: Fen, extra: Partial<Row>): Row {
  return {
    cells: {
      name,
      entitled: e === undefined ? '' : money(e),
      allocated: money(a),
      booked: money(b),
      short: e === undefined ? '' : blank(sumFen([a, -e])),
      unbooked: blank(sumFen([a, -b])),
    },
    ...extra,
  };
}
