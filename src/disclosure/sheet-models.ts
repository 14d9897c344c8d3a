import { fenToYuan, formatAmount, sumFen, type Fen, yuanOrBlank } from '../money/money.js';
import { toCapitalAmount } from '../money/capital.js';
import type { ReportModel, Row, Signature } from '../reports/model.js';
import type { SheetFigures } from './sheets.js';

/**
 * The three 居务公开 sheets as report models, laid out like the forms on the board (DOMAIN.md §2.4),
 * with the signature block: 制表人, 审核人 (代理中心), 社区负责人, 议事和监督委员会意见 and 签名, 公开日期,
 * 公开期限 and the seals. A published sheet carries the names that signed it; a draft leaves lines to sign.
 */

export type SheetName = 'A' | 'B' | 'C';
export const sheetNames: SheetName[] = ['A', 'B', 'C'];

export interface SignOff {
  preparer?: string;
  reviewer?: string;
  communityHead?: string;
  oversightOpinion?: string;
  oversightSigner?: string;
  publishedOn?: string;
  /** A 补录: the sheet went up on publishedOn and was recorded later, for this reason. */
  backdate?: { recordedOn: string; reason: string | null };
  displayDays?: number;
}

/** 公开日期 as the sheet prints it: the date, marked 补录 when it was recorded later. */
const publicationDateText = (sign: SignOff): string | undefined =>
  sign.publishedOn && sign.backdate ? `${sign.publishedOn}（补录）` : sign.publishedOn;

const yuan = (fen: Fen) => fenToYuan(fen);
/** A zero is left blank on the form, except on total lines. */
const blankZero = yuanOrBlank;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function signatures(sign: SignOff): Signature[][] {
  const days = sign.displayDays ?? 15;
  const term = sign.publishedOn ? `${days}天（至${addDays(sign.publishedOn, days - 1)}）` : `不少于${days}天`;
  const field = (label: string, name: string | undefined): Signature => ({
    label,
    ...(name ? { name } : {}),
  });
  return [
    [
      field('制表人（代理会计）', sign.preparer),
      field('审核人（代理中心）', sign.reviewer),
      field('社区负责人', sign.communityHead),
    ],
    [field('议事和监督委员会意见', sign.oversightOpinion), field('签名', sign.oversightSigner)],
    [field('公开日期', publicationDateText(sign)), field('公开期限', term)],
    // A line of its own, so the reason is never cut off beside 公开期限.
    ...(sign.backdate
      ? [
          [
            field(
              '补录',
              `于 ${sign.backdate.recordedOn} 录入，原因：${sign.backdate.reason ?? '（录入时未注明）'}`,
            ),
          ],
        ]
      : []),
    [field('盖章', '社区居民委员会（章）　　议事和监督委员会（章）　　居财代理中心（章）')],
  ];
}

type CheckFigures = Pick<SheetFigures, 'balanced' | 'closing' | 'booksClosing' | 'unposted' | 'deficits'>;

/** '1001 现金 2025-02-10 日终余额 -500.00 元': an account below zero, as the check and the refusal name it. */
export const deficitText = (d: SheetFigures['deficits'][number]) =>
  `${d.code} ${d.name} ${d.date} 日终余额 ${yuan(d.balance)} 元`;

function warnings(f: CheckFigures): string[] {
  const notes: string[] = [];
  if (!f.balanced) {
    notes.push(
      `注意：本表期末结余 ${yuan(f.closing)} 元与账簿货币资金余额 ${yuan(f.booksClosing)} 元不符（差额 ${yuan(sumFen([f.closing, -f.booksClosing]))} 元），不能公开。`,
    );
  }
  if (f.unposted > 0)
    notes.push(`注意：本期有 ${f.unposted} 张凭证尚未记账，本表只含已记账凭证，记账前不能公开。`);
  for (const d of f.deficits)
    notes.push(`注意：${deficitText(d)}，低于零（赤字），账簿有误，更正后才能公开。`);
  return notes;
}

/** What every sheet prints above its table: the title, the community, the period and 公开日期. */
function heading(
  f: Pick<SheetFigures, 'period' | 'book'>,
  sign: SignOff,
  title: string,
  short: string,
  orientation: ReportModel['orientation'],
): Pick<ReportModel, 'title' | 'sheetName' | 'subtitle' | 'period' | 'unit' | 'orientation' | 'meta'> {
  return {
    title: `${f.book.title}${title}`,
    sheetName: `${f.period.key} ${short}`,
    subtitle: f.book.community,
    period: f.period.label,
    unit: '元',
    orientation,
    meta: [
      `所属期间：${f.period.label}（${f.period.dates}）　　公开日期：${publicationDateText(sign) ?? '　　年　月　日'}`,
    ],
  };
}

/** 1234.5 分-exact → '1,234.50' for amounts written inside a sentence. */
const amountText = (fen: Fen) => formatAmount(fen);

const capital = (label: string, fen: Fen) => `${label}（大写）：${toCapitalAmount(fen)}`;

/** Sheet A, 财务收支情况公开表. */
export function sheetA(f: SheetFigures, sign: SignOff = {}): ReportModel {
  const row = (item: string, period: string, year: string, note = '', extra: Partial<Row> = {}): Row => ({
    cells: { item, period, year, note },
    ...extra,
  });
  const itemRows = (list: SheetFigures['receipts']) =>
    list.map((fig, i) =>
      row(`${i + 1}.${fig.item}`, blankZero(fig.period), blankZero(fig.year), '', { level: 2 }),
    );
  const receiptNotes: Record<string, string> = {
    '社区工作经费(基础经费)': '10万元/年',
    '社区工作经费(按户核拨)': '60元/户',
    费随事转经费: '见附表C',
  };
  const receipts = itemRows(f.receipts).map((r, i) => ({
    ...r,
    cells: { ...r.cells, note: receiptNotes[f.receipts[i]!.item] ?? '' },
  }));
  const payments = itemRows(f.payments).map((r, i) => ({
    ...r,
    cells: { ...r.cells, note: f.payments[i]!.item === '费随事转项目支出' ? '见附表C' : '' },
  }));
  const closingYear = sumFen([f.opening.year, f.totals.receipts.year, -f.totals.payments.year]);
  return {
    ...heading(f, sign, '财务收支情况公开表', '收支情况', 'portrait'),
    columns: [
      { key: 'item', header: '项　　目', kind: 'text', width: 34 },
      { key: 'period', header: '本期数', kind: 'amount', width: 15 },
      { key: 'year', header: '本年累计', kind: 'amount', width: 15 },
      { key: 'note', header: '备注', kind: 'text', width: 22 },
    ],
    rows: [
      row('一、期初结余（货币资金）', yuan(f.opening.period), yuan(f.opening.year), '', { mark: 'heading' }),
      row('二、本期收入', '', '', '', { mark: 'heading' }),
      ...receipts,
      row('收入合计', yuan(f.totals.receipts.period), yuan(f.totals.receipts.year), '', { mark: 'subtotal' }),
      row('三、本期支出', '', '', '', { mark: 'heading' }),
      ...payments,
      row('支出合计', yuan(f.totals.payments.period), yuan(f.totals.payments.year), '', { mark: 'subtotal' }),
      row('四、期末结余（一＋二－三）', yuan(f.closing), yuan(closingYear), '', { mark: 'heading' }),
      row('其中：专项结余（费随事转）', yuan(f.restricted), '', '见附表C', { level: 2 }),
      row('非专项结余', yuan(f.unrestricted), '', '', { level: 3 }),
    ],
    notes: [
      `五、资产状况（期末）：固定资产原值 ${amountText(f.assets.fixedAssets)}，累计折旧 ${amountText(f.assets.depreciation)}，库存物资 ${amountText(f.assets.inventory)}，受托代理资金 ${amountText(f.assets.custodial)}（不计入结余）`,
      capital('本期收入合计', f.totals.receipts.period),
      capital('本期支出合计', f.totals.payments.period),
      capital('期末结余', f.closing),
      ...warnings(f),
    ],
    signatures: signatures(sign),
  };
}

/** Sheet B, 收支明细公开表: every receipt and payment of the period. */
export function sheetB(f: SheetFigures, sign: SignOff = {}): ReportModel {
  const rows: Row[] = f.entries.map((e, i) => ({
    cells: {
      no: String(i + 1),
      date: e.date,
      voucher: e.voucher,
      summary: e.summary,
      item: e.item,
      receipt: e.direction === 'receipt' ? yuan(e.amount) : '',
      payment: e.direction === 'payment' ? yuan(e.amount) : '',
      note: e.amount < 0 ? '红字冲销' : (e.project ?? ''),
    },
    ...(e.amount < 0 ? { red: true } : {}),
    drill: { voucherId: e.voucherId },
  }));
  if (rows.length === 0) rows.push({ cells: { summary: '本期无收支' } });
  const total = (label: string, receipts: Fen, payments: Fen, mark: Row['mark']): Row => ({
    cells: {
      no: '',
      date: '',
      voucher: '',
      summary: label,
      item: '',
      receipt: yuan(receipts),
      payment: yuan(payments),
      note: '',
    },
    mark,
  });
  rows.push(total('本期合计', f.totals.receipts.period, f.totals.payments.period, 'subtotal'));
  rows.push(total('本年累计', f.totals.receipts.year, f.totals.payments.year, 'total'));
  return {
    ...heading(f, sign, '收支明细公开表', '收支明细', 'portrait'),
    columns: [
      { key: 'no', header: '序号', kind: 'code', width: 6 },
      { key: 'date', header: '日期', kind: 'code', width: 11 },
      { key: 'voucher', header: '凭证号', kind: 'code', width: 9 },
      { key: 'summary', header: '摘要', kind: 'text', width: 28 },
      { key: 'item', header: '收支项目', kind: 'text', width: 17 },
      { key: 'receipt', header: '收入', kind: 'amount', width: 13 },
      { key: 'payment', header: '支出', kind: 'amount', width: 13 },
      { key: 'note', header: '备注', kind: 'text', width: 24 },
    ],
    rows,
    notes: [
      capital('本期收入合计', f.totals.receipts.period),
      capital('本期支出合计', f.totals.payments.period),
      ...warnings(f),
    ],
    signatures: signatures(sign),
  };
}

/** Sheet C, 专项资金（费随事转）使用公开表. */
/** What Sheet C reads: the period, the title, the funds and the check. */
export type TaskFundFigures = Pick<SheetFigures, 'period' | 'book' | 'taskFunds'> & CheckFigures;

export function sheetC(f: TaskFundFigures, sign: SignOff = {}): ReportModel {
  const rows: Row[] = f.taskFunds.map((t) => ({
    cells: {
      project: t.project,
      department: t.department,
      approval: t.approvalNumber,
      broughtForward: blankZero(t.broughtForward),
      received: blankZero(t.received),
      spent: blankZero(t.spent),
      spentToDate: blankZero(t.spentToDate),
      balance: yuan(t.balance),
      handling: t.handling,
    },
  }));
  if (rows.length === 0) rows.push({ cells: { project: '本期无费随事转资金' } });
  const sum = (key: keyof (typeof f.taskFunds)[number]) =>
    yuan(sumFen(f.taskFunds.map((t) => t[key] as Fen)));
  rows.push({
    cells: {
      project: '合计',
      department: '',
      approval: '',
      broughtForward: sum('broughtForward'),
      received: sum('received'),
      spent: sum('spent'),
      spentToDate: sum('spentToDate'),
      balance: sum('balance'),
      handling: '',
    },
    mark: 'total',
  });
  return {
    ...heading(f, sign, '专项资金（费随事转）使用公开表', '专项资金', 'landscape'),
    columns: [
      { key: 'project', header: '项目', kind: 'text', width: 24 },
      { key: 'department', header: '拨款部门', kind: 'text', width: 12 },
      { key: 'approval', header: '文号/准入编号', kind: 'text', width: 18 },
      { key: 'broughtForward', header: '上年结转', kind: 'amount', width: 12 },
      { key: 'received', header: '本期拨入', kind: 'amount', width: 12 },
      { key: 'spent', header: '本期使用', kind: 'amount', width: 12 },
      { key: 'spentToDate', header: '累计使用', kind: 'amount', width: 12 },
      { key: 'balance', header: '结余', kind: 'amount', width: 12 },
      { key: 'handling', header: '结余处理', kind: 'text', width: 10 },
    ],
    rows,
    notes: warnings(f),
    signatures: signatures(sign),
  };
}

export const sheetModel = { A: sheetA, B: sheetB, C: sheetC } as const;

export function sheetModels(
  f: SheetFigures,
  which: SheetName[] = sheetNames,
  sign: SignOff = {},
): ReportModel[] {
  return which.map((s) => sheetModel[s](f, sign));
}
