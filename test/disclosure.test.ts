import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Centre } from '../src/ledger/centre.js';
import type { ReportModel } from '../src/reports/model.js';
import { as, refused, tempDir } from './support/centre.js';
import {
  communityYear,
  yearBook,
  yearBooked,
  yearOpening,
  type YearVoucher,
} from './support/community-year.js';

/**
 * The 居务公开 sheets against an independent reading of the fixture year: the test classifies each cash
 * voucher's other lines itself (with its own table of default items) and sums them with BigInt.
 */

const book = yearBook;
const fen = (yuan: string | undefined) => (yuan ? BigInt(yuan.replace('.', '')) : 0n);
const yuan = (f: bigint) => {
  const sign = f < 0n ? '-' : '';
  const a = f < 0n ? -f : f;
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};
const isCash = (code: string) => code.startsWith('1001') || code.startsWith('1002');

/** The test's own reading of which item each counter-account falls under. */
const defaultItem: Record<string, string> = {
  '44010101': '社区工作经费(基础经费)',
  '44010102': '社区工作经费(按户核拨)',
  '44010103': '评先评优奖励',
  '44010202': '费随事转经费',
  '410102': '社会赞助捐赠',
  '490101': '利息及其他收入',
  '43010101': '卫生费',
  '43010103': '车棚场地租用',
  '510101': '人员经费',
  '510102': '居民活动经费',
  '510103': '慰问救助费',
  '510107': '费随事转项目支出',
  '510199': '其他支出',
  '520101': '办公费',
  '520102': '水电费',
  '520106': '维修(护)费',
  '150102': '设备购置',
};

interface Expected {
  opening: bigint;
  closing: bigint;
  receipts: Map<string, bigint>;
  payments: Map<string, bigint>;
  rows: number;
}

function expected(from: string, to: string, vouchers: YearVoucher[] = yearBooked()): Expected {
  const receipts = new Map<string, bigint>();
  const payments = new Map<string, bigint>();
  let opening = yearOpening.filter((o) => isCash(o.account)).reduce((s, o) => s + fen(o.debit), 0n);
  let rows = 0;
  const month = (v: YearVoucher) => v.date.slice(0, 7);
  for (const v of vouchers) {
    const cashNet = v.lines
      .filter((l) => isCash(l.account))
      .reduce((s, l) => s + fen(l.debit) - fen(l.credit), 0n);
    if (month(v) < from) {
      opening += cashNet;
      continue;
    }
    if (month(v) > to) continue;
    const cashLines = v.lines.filter((l) => isCash(l.account));
    if (cashLines.length === 0) continue;
    for (const line of v.lines) {
      if (isCash(line.account)) continue;
      const receipt = line.credit !== undefined;
      const item = cashLines.find((c) => c.item)?.item ?? defaultItem[line.account]!;
      expect(item, line.account).toBeDefined();
      const map = receipt ? receipts : payments;
      map.set(item, (map.get(item) ?? 0n) + fen(receipt ? line.credit : line.debit));
      rows++;
    }
  }
  const total = (m: Map<string, bigint>) => [...m.values()].reduce((s, x) => s + x, 0n);
  return { opening, closing: opening + total(receipts) - total(payments), receipts, payments, rows };
}

/** Sheet A's 本期数 for a row label (items are numbered: '3.费随事转经费'). */
function cell(model: ReportModel, label: string, key = 'period'): string {
  const row = model.rows.find((r) => r.cells.item === label || r.cells.item?.replace(/^\d+\./, '') === label);
  if (!row) throw new Error(`no row ${label}`);
  return row.cells[key] ?? '';
}

const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const quarters = [1, 2, 3, 4].map((q) => ({
  key: `2025-Q${q}`,
  from: months[q * 3 - 3]!,
  to: months[q * 3 - 1]!,
}));

describe('居务公开 sheets', () => {
  it('agree with an independent cash view for every month, quarter and the year, and with the books', async () => {
    const s = await communityYear();
    const periods = [
      ...months.map((m) => ({ key: m, from: m, to: m })),
      ...quarters,
      { key: '2025', from: '2025-01', to: '2025-12' },
    ];
    for (const p of periods) {
      const view = await s.accountant('disclosure.sheets', { book, period: p.key });
      const e = expected(p.from, p.to);
      const [a, b] = view.sheets as [ReportModel, ReportModel, ReportModel];
      expect(view.check.balanced, p.key).toBe(true);
      expect(view.check.opening, p.key).toBe(yuan(e.opening));
      expect(view.check.closing, p.key).toBe(yuan(e.closing));
      expect(view.check.booksClosing, p.key).toBe(yuan(e.closing));
      expect(cell(a, '一、期初结余（货币资金）'), p.key).toBe(yuan(e.opening));
      expect(cell(a, '四、期末结余（一＋二－三）'), p.key).toBe(yuan(e.closing));
      for (const [item, amount] of [...e.receipts, ...e.payments]) {
        expect(fen(cell(a, item)), `${p.key} ${item}`).toBe(amount);
      }
      const sum = (m: Map<string, bigint>) => [...m.values()].reduce((x, y) => x + y, 0n);
      expect(cell(a, '收入合计'), p.key).toBe(yuan(sum(e.receipts)));
      expect(cell(a, '支出合计'), p.key).toBe(yuan(sum(e.payments)));
      // Sheet B: one row per receipt or payment, then 本期合计 and 本年累计.
      const entries = b.rows.filter((r) => r.cells.no);
      expect(entries, p.key).toHaveLength(e.rows);
      const bTotal = b.rows.find((r) => r.cells.summary === '本期合计')!;
      expect(bTotal.cells.receipt).toBe(yuan(sum(e.receipts)));
      expect(bTotal.cells.payment).toBe(yuan(sum(e.payments)));
      // 本年累计 is the year from January to the period's end.
      const ytd = expected('2025-01', p.to);
      expect(cell(a, '收入合计', 'year'), p.key).toBe(yuan(sum(ytd.receipts)));
      expect(b.rows.find((r) => r.cells.summary === '本年累计')!.cells.payment).toBe(yuan(sum(ytd.payments)));
    }
  });

  it('leaves transfers out, nets a red-ink reversal, honours a line’s own item and a book’s own rule', async () => {
    const s = await communityYear();
    const feb = await s.accountant('disclosure.sheets', { book, period: '2025-02', sheet: 'B' });
    // 提取备用金 moves bank to cash: no receipt, no payment.
    expect(feb.sheets[0]!.rows.some((r) => r.cells.summary === '提取备用金')).toBe(false);
    const june = await s.accountant('disclosure.sheets', { book, period: '2025-06' });
    const [a, b] = june.sheets as [ReportModel, ReportModel];
    expect(cell(a, '维修(护)费')).toBe('1020.00');
    const red = b.rows.find((r) => r.red)!;
    expect(red.cells).toMatchObject({ payment: '-1200.00', item: '维修(护)费', note: '红字冲销' });
    expect(red.drill?.voucherId).toBeGreaterThan(0);
    const aug = await s.accountant('disclosure.sheets', { book, period: '2025-08', sheet: 'A' });
    expect(cell(aug.sheets[0]!, '宣传费')).toBe('680.00');
    expect(cell(aug.sheets[0]!, '其他支出')).toBe('');

    // The book publishes utilities under 办公费: the rule moves them, the totals stay.
    const before = await s.accountant('disclosure.sheets', { book, period: '2025-Q1', sheet: 'A' });
    await s.accountant('disclosure.setRule', {
      book,
      direction: 'payment',
      account: '520102',
      item: '办公费',
    });
    const after = await s.accountant('disclosure.sheets', { book, period: '2025-Q1', sheet: 'A' });
    expect(cell(after.sheets[0]!, '水电费')).toBe('');
    expect(fen(cell(after.sheets[0]!, '办公费'))).toBe(
      fen(cell(before.sheets[0]!, '办公费')) + fen(cell(before.sheets[0]!, '水电费')),
    );
    expect(cell(after.sheets[0]!, '支出合计')).toBe(cell(before.sheets[0]!, '支出合计'));
    const rules = await s.accountant('disclosure.rules', { book });
    expect(rules[0]).toMatchObject({ account: '520102', item: '办公费', source: 'book' });
    expect(
      (
        await refused(
          s.accountant('disclosure.setRule', {
            book,
            direction: 'payment',
            account: '520102',
            item: '卫生费',
          }),
        )
      ).message,
    ).toContain('不在本账套的支出项目中');
    expect(
      (
        await refused(
          s.accountant('disclosure.setRule', { book, direction: 'payment', account: '7777', item: '办公费' }),
        )
      ).message,
    ).toContain('7777');
  });

  it('shows Sheet C for the three task funds, and splits the closing balance into 专项 and 非专项', async () => {
    const s = await communityYear();
    const view = await s.accountant('disclosure.sheets', { book, period: '2025-Q3' });
    const [a, , c] = view.sheets as [ReportModel, ReportModel, ReportModel];
    const fund = (name: string) => c.rows.find((r) => r.cells.project?.includes(name))!.cells;
    expect(fund('居家养老服务')).toMatchObject({
      received: '',
      spent: '6200.00',
      spentToDate: '13700.00',
      balance: '6300.00',
    });
    expect(fund('健康宣传')).toMatchObject({ spent: '3700.00', spentToDate: '6000.00', balance: '2000.00' });
    expect(fund('人民调解')).toMatchObject({ received: '5000.00', spent: '', balance: '5000.00' });
    expect(c.rows.at(-1)!.cells.balance).toBe('13300.00');
    expect(cell(a, '其中：专项结余（费随事转）')).toBe('13300.00');
    expect(fen(cell(a, '非专项结余'))).toBe(fen(view.check.closing) - 1330000n);
  });

  it('reports the task funds for any months as a book report too', async () => {
    const s = await communityYear();
    const model = await s.accountant('report.view', {
      report: 'task-funds',
      book,
      from: '2025-04',
      to: '2025-09',
    });
    const fund = (name: string) => model.rows.find((r) => r.cells.project?.includes(name))!.cells;
    // Independently: the fixture's spending on each project in April–September, and what arrived.
    const spent = (project: string) =>
      yearBooked()
        .filter((v) => v.date >= '2025-04' && v.date < '2025-10')
        .flatMap((v) => v.lines)
        .filter((l) => l.project?.includes(project) && l.debit)
        .reduce((n, l) => n + fen(l.debit), 0n);
    expect(fen(fund('居家养老服务').spent)).toBe(spent('居家养老服务'));
    expect(fen(fund('健康宣传').spent)).toBe(spent('健康宣传'));
    expect(fund('健康宣传').received).toBe('8000.00');
    expect(fund('人民调解')).toMatchObject({ received: '5000.00', balance: '5000.00' });
    expect(model.signatures!.flat().map((f) => f.label)).toEqual(['制表人', '审核人']);
  });

  it('says when the sheet cannot be published: drafts in the period', async () => {
    const s = await communityYear();
    await s.accountant('voucher.save', {
      book,
      date: '2025-03-31',
      lines: [
        { account: '520101', summary: '购买打印纸', debit: '88.00' },
        { account: '1001', summary: '购买打印纸', credit: '88.00' },
      ],
    });
    const view = await s.accountant('disclosure.sheets', { book, period: '2025-Q1', sheet: 'A' });
    expect(view.check.unposted).toBe(1);
    expect(view.sheets[0]!.notes!.join()).toContain('1 张凭证尚未记账');
    const error = await refused(
      s.accountant('disclosure.publish', {
        book,
        period: '2025-Q1',
        publishedOn: '2025-04-20',
        reviewer: '李审核',
        communityHead: '张书记',
        oversightSigner: '赵监督',
      }),
    );
    expect(error.message).toContain('1 张凭证未记账');
  });

  it('keeps a published sheet unchanged after a later correction, and publishes the correction as version 2', async () => {
    const s = await communityYear();
    const input = {
      book,
      period: '2025-Q1',
      publishedOn: '2025-04-20',
      backdateReason: '纸质公开表已按期张贴，系统补录',
      reviewer: '李审核',
      communityHead: '张书记',
      oversightSigner: '赵监督',
    };
    // Refusals first: nothing is written.
    const refusal = async (change: Partial<typeof input> & { displayDays?: number }) =>
      (await refused(s.accountant('disclosure.publish', { ...input, ...change }))).message;
    expect(await refusal({ reviewer: '王会计' })).toContain('审核人');
    expect(await refusal({ displayDays: 10 })).toContain('至少 15 天');
    expect(await refusal({ publishedOn: '2025-03-31' })).toContain('结束之后');
    expect(await refusal({ publishedOn: '2025-07-20' })).toContain('还没到'); // the test clock is 2025-06-30
    await refused(s.overseer('disclosure.publish', input));
    expect(await s.accountant('disclosure.publications', { book })).toHaveLength(0);

    const v1 = await s.accountant('disclosure.publish', input);
    expect(v1).toMatchObject({
      version: 1,
      preparer: '王会计',
      reviewer: '李审核',
      displayDays: 15,
      changes: [],
    });
    const published = await s.accountant('disclosure.sheets', { book, period: '2025-Q1' });
    expect(published.changes).toEqual([]);
    expect(published.sheets[0]!.signatures!.flat()).toEqual(
      expect.arrayContaining([
        { label: '制表人（代理会计）', name: '王会计' },
        { label: '公开日期', name: '2025-04-20（补录）' },
        { label: '补录', name: '于 2025-06-30 录入，原因：纸质公开表已按期张贴，系统补录' },
      ]),
    );
    expect(await refusal({})).toContain('与已公开的第 1 版相同');
    expect(
      (await s.accountant('disclosure.due', { asOf: '2025-04-25', book })).some(
        (d) => d.period === '2025-Q1',
      ),
    ).toBe(false);

    // A correction in March, booked late: a missed utilities bill.
    const late = await s.accountant('voucher.save', {
      book,
      date: '2025-03-31',
      lines: [
        { account: '520102', summary: '补记3月水电费', debit: '45.60' },
        { account: '100201', summary: '补记3月水电费', credit: '45.60' },
      ],
    });
    await s.reviewer('voucher.review', { book, voucher: late.id });
    await s.reviewer('voucher.post', { book, voucher: late.id });

    const now = await s.accountant('disclosure.sheets', { book, period: '2025-Q1' });
    expect(now.changes!.map((c) => c.what)).toEqual(
      expect.arrayContaining([
        '财务收支情况公开表·水电费·本期数',
        '财务收支情况公开表·支出合计·本期数',
        expect.stringMatching(/^收支明细公开表·2025-03-31 记-\d{4}（水电费）·支出$/),
      ]),
    );
    // Only amount cells are amounts: the new line's 摘要 is text, its 支出 and the totals are figures.
    const summary = now.changes!.find((c) =>
      /^收支明细公开表·2025-03-31 记-\d{4}（水电费）·摘要$/.test(c.what),
    );
    expect(summary).toMatchObject({ before: '', after: '补记3月水电费', amount: false });
    expect(now.changes!.find((c) => c.what === '财务收支情况公开表·支出合计·本期数')).toMatchObject({
      amount: true,
    });
    expect(now.changes!.filter((c) => c.what.includes('·注')).every((c) => !c.amount)).toBe(true);
    // The current sheet no longer carries the signatures of version 1, and says why.
    expect(now.sheets[0]!.notes!.join()).toContain('第 1 版公开（2025-04-20）后账簿有变动');
    expect(now.sheets[0]!.signatures!.flat().find((f) => f.label === '公开日期')!.name).toBeUndefined();
    const v1Now = await s.accountant('disclosure.sheets', { book, period: '2025-Q1', version: 1 });
    expect(v1Now.sheets).toEqual(published.sheets);
    const due = await s.accountant('disclosure.due', { asOf: '2025-04-25', book });
    expect(due.find((d) => d.period === '2025-Q1')).toMatchObject({ status: 'changed', versions: 1 });

    const v2 = await s.accountant('disclosure.publish', { ...input, publishedOn: '2025-04-26' });
    expect(v2.version).toBe(2);
    const water = v2.changes.find((c) => c.what === '财务收支情况公开表·水电费·本期数')!;
    expect(fen(water.after) - fen(water.before)).toBe(4560n);
    expect(water.amount).toBe(true);
    expect(v2.changes.find((c) => c.what === summary!.what)).toMatchObject({ amount: false });
    expect((await s.accountant('disclosure.sheets', { book, period: '2025-Q1', version: 1 })).sheets).toEqual(
      published.sheets,
    );
    // The database itself refuses to alter a publication.
    expect(() =>
      s.centre.db.prepare("UPDATE disclosure_publication SET published_on = '2025-08-01'").run(),
    ).toThrow(/不能修改/);
    expect(() => s.centre.db.prepare('DELETE FROM disclosure_publication').run()).toThrow(/不能删除/);

    // A version stored before the differences said which are amounts learns it from its own sheets.
    s.centre.db
      .prepare(
        `INSERT INTO disclosure_publication (book_id, period, version, published_on, display_days, preparer_id,
           reviewer_id, community_head, oversight_opinion, oversight_signer, content, changes, created_at,
           backdate_reason)
         SELECT book_id, period, 3, published_on, display_days, preparer_id, reviewer_id, community_head,
           oversight_opinion, oversight_signer, content,
           (SELECT json_group_array(json_remove(value, '$.amount')) FROM json_each(changes)), created_at,
           backdate_reason
         FROM disclosure_publication WHERE version = 2`,
      )
      .run();
    const old = (await s.accountant('disclosure.publications', { book, period: '2025-Q1' }))[2]!;
    expect(old.changes.map((c) => [c.what, c.amount])).toEqual(v2.changes.map((c) => [c.what, c.amount]));
  });

  it('sees a change that moves no receipt or payment: the asset line, and a task fund’s handling', async () => {
    const s = await communityYear();
    const input = {
      book,
      period: '2025-Q2',
      publishedOn: '2025-06-30',
      backdateReason: '纸质公开表已按期张贴，系统补录',
      reviewer: '李审核',
      communityHead: '张书记',
      oversightSigner: '赵监督',
    };
    // Q2 ended 06-30 and is published that very day (the test clock): refused as not after the end.
    expect((await refused(s.accountant('disclosure.publish', input))).message).toContain('结束之后');
    const q1 = { ...input, period: '2025-Q1', publishedOn: '2025-04-20' };
    await s.accountant('disclosure.publish', q1);
    // Depreciation in March: no cash moves, but 累计折旧 on the sheet's asset line does.
    const dep = await s.accountant('voucher.save', {
      book,
      date: '2025-03-31',
      lines: [
        { account: '520107', summary: '补提折旧', debit: '100.00' },
        { account: '1502', summary: '补提折旧', credit: '100.00' },
      ],
    });
    await s.reviewer('voucher.review', { book, voucher: dep.id });
    await s.reviewer('voucher.post', { book, voucher: dep.id });
    const view = await s.accountant('disclosure.sheets', { book, period: '2025-Q1' });
    expect(view.changes!.map((c) => c.what)).toEqual(['财务收支情况公开表·注1']);
    expect(view.changes![0]!.after).toContain('累计折旧 100.00');
    expect((await s.accountant('disclosure.publish', { ...q1, publishedOn: '2025-04-22' })).version).toBe(2);
  });

  it('publishes on the day of recording; an earlier date is 补录 with its reason, and lateness shows in the due list', async () => {
    const file = path.join(tempDir('jucai-backdate-'), 'centre.db');
    const s = await communityYear(file);
    const signer = { book, reviewer: '李审核', communityHead: '张书记', oversightSigner: '赵监督' };
    const recordedOn = '2025-06-30'; // the test clock's day in China
    const reason = '纸质公开表已于4月25日张贴，系统补录';
    const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

    // Before the day of recording: refused without a reason, nothing written.
    for (const backdateReason of [undefined, '   ']) {
      const error = await refused(
        s.accountant('disclosure.publish', {
          ...signer,
          period: '2025-Q1',
          publishedOn: '2025-04-25',
          ...(backdateReason === undefined ? {} : { backdateReason }),
        }),
      );
      expect(error.field).toBe('backdateReason');
      expect(error.message).toContain(`公开日期 2025-04-25 早于今天（${recordedOn}）`);
      expect(error.message).toContain('补录原因');
    }
    expect(await s.accountant('disclosure.publications', { book })).toHaveLength(0);
    // The database refuses it too, whoever writes.
    const insert = (publishedOn: string) =>
      s.centre.db
        .prepare(
          `INSERT INTO disclosure_publication (book_id, period, version, published_on, display_days, preparer_id,
             reviewer_id, community_head, oversight_opinion, oversight_signer, content, created_at)
           SELECT b.id, '2025-Q1', 1, ?, 15, 2, 3, '张书记', '同意公开', '赵监督', '{}', '2025-06-30T02:00:00.000Z'
           FROM book b`,
        )
        .run(publishedOn);
    expect(() => insert('2025-04-25')).toThrow(/补录/);
    expect(() => insert('2025-07-01')).toThrow(/还没到/);

    const v1 = await s.accountant('disclosure.publish', {
      ...signer,
      period: '2025-Q1',
      publishedOn: '2025-04-25',
      backdateReason: `  ${reason} `,
    });
    expect(v1).toMatchObject({
      publishedOn: '2025-04-25',
      recordedOn,
      backdated: true,
      backdateReason: reason,
    });
    // Every sheet says so where its 公开日期 stands, with the day it was recorded and why, on screen
    // and in the workbook.
    const shownDate = '2025-04-25（补录）';
    const note = `补录：于 ${recordedOn} 录入，原因：${reason}`;
    const view = await s.accountant('disclosure.sheets', { book, period: '2025-Q1' });
    for (const sheet of view.sheets) {
      const fields = sheet.signatures!.flat();
      expect(fields.find((f) => f.label === '公开日期')!.name).toBe(shownDate);
      expect(fields.map((f) => `${f.label}：${f.name}`)).toContain(note);
      expect(sheet.meta![0]).toContain(`公开日期：${shownDate}`);
    }
    const xlsx = await s.accountant('disclosure.render', { book, period: '2025-Q1', format: 'xlsx' });
    const xlsxFile = path.join(path.dirname(file), xlsx.fileName);
    fs.writeFileSync(xlsxFile, Buffer.from(xlsx.content, 'base64'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxFile);
    const texts: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain(`公开日期：${shownDate}`);
    expect(texts).toContain(note);

    // A correction published on the day: no date given means today, and no reason is asked for.
    const late = await s.accountant('voucher.save', {
      book,
      date: '2025-03-31',
      lines: [
        { account: '520102', summary: '补记3月水电费', debit: '45.60' },
        { account: '100201', summary: '补记3月水电费', credit: '45.60' },
      ],
    });
    await s.reviewer('voucher.review', { book, voucher: late.id });
    await s.reviewer('voucher.post', { book, voucher: late.id });
    const v2 = await s.accountant('disclosure.publish', { ...signer, period: '2025-Q1' });
    expect(v2).toMatchObject({ version: 2, publishedOn: recordedOn, backdated: false, backdateReason: null });
    const now = await s.accountant('disclosure.sheets', { book, period: '2025-Q1', sheet: 'A' });
    expect(now.sheets[0]!.signatures!.flat().find((f) => f.label === '公开日期')!.name).toBe(recordedOn);
    s.centre.close();

    // A month later: Q2 goes up on its due day, recorded afterwards; Q1 went up late (its first version).
    const later = new Centre(file, { clock: () => new Date(Date.UTC(2025, 7, 1, 2)) });
    onTestFinished(() => later.close());
    const q2 = await as(later, '王会计')('disclosure.publish', {
      ...signer,
      period: '2025-Q2',
      publishedOn: '2025-07-20',
      backdateReason: '按期张贴，8月1日补录',
    });
    expect(q2).toMatchObject({ recordedOn: '2025-08-01', backdated: true });
    const due = await as(later, '王会计')('disclosure.due', { all: true, book });
    const row = (period: string) => due.find((d) => d.period === period)!;
    expect(row('2025-Q1')).toMatchObject({
      status: 'published',
      dueOn: '2025-04-20',
      publishedOn: '2025-04-25',
      lateDays: days('2025-04-20', '2025-04-25'),
    });
    expect(row('2025-Q2')).toMatchObject({ status: 'published', publishedOn: '2025-07-20', lateDays: null });
  });

  it('lists the sheets due: quarterly by default, monthly when a month is busy, on the set day', async () => {
    const s = await communityYear();
    const due = await s.accountant('disclosure.due', { asOf: '2025-07-25' });
    expect(due.map((d) => [d.period, d.status, d.dueOn])).toEqual([
      ['2025-Q1', 'overdue', '2025-04-20'],
      ['2025-Q2', 'overdue', '2025-07-20'],
    ]);
    expect((await s.accountant('disclosure.due', { asOf: '2025-07-15' })).at(-1)).toMatchObject({
      period: '2025-Q2',
      status: 'due',
    });
    await refused(s.accountant('disclosure.setSettings', { monthlyThreshold: 5 }));
    await s.boss('disclosure.setSettings', { monthlyThreshold: 5, publicationDay: 8 });
    // Vouchers per month in Q2: the test counts them itself.
    const counts = new Map<string, number>();
    for (const v of yearBooked()) counts.set(v.date.slice(0, 7), (counts.get(v.date.slice(0, 7)) ?? 0) + 1);
    const busyQuarters = quarters.filter((q) =>
      months.slice(months.indexOf(q.from), months.indexOf(q.to) + 1).some((m) => (counts.get(m) ?? 0) > 5),
    );
    expect(busyQuarters.map((q) => q.key)).toContain('2025-Q2');
    const monthly = await s.accountant('disclosure.due', { asOf: '2025-07-25' });
    expect(monthly.filter((d) => d.frequency === 'monthly').map((d) => d.period)).toEqual(
      expect.arrayContaining(['2025-04', '2025-05', '2025-06']),
    );
    expect(monthly.find((d) => d.period === '2025-06')!.dueOn).toBe('2025-07-08');
    expect((await refused(s.boss('disclosure.setSettings', { publicationDay: 31 }))).message).toContain(
      '1 到 28',
    );
  });

  it('renders the sheets as a workbook and a PDF that read back right, and LibreOffice prints them', async () => {
    const s = await communityYear();
    const dir = tempDir('jucai-disclosure-');
    const xlsx = await s.accountant('disclosure.render', { book, period: '2025-Q1', format: 'xlsx' });
    const file = path.join(dir, xlsx.fileName);
    fs.writeFileSync(file, Buffer.from(xlsx.content, 'base64'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '2025-Q1 收支情况',
      '2025-Q1 收支明细',
      '2025-Q1 专项资金',
    ]);
    const a = workbook.worksheets[0]!;
    expect(a.getCell('A1').value).toBe('五马街道东风社区居民委员会财务收支情况公开表');
    expect((a.model as unknown as { merges: string[] }).merges).toContain('A1:D1');
    expect(a.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToWidth: 1,
      printTitlesRow: '4:4',
    });
    expect(workbook.worksheets[2]!.pageSetup.orientation).toBe('landscape');
    let income: ExcelJS.Row | undefined;
    a.eachRow((row) => {
      if (row.getCell(1).value === '收入合计') income = row;
    });
    const e = expected('2025-01', '2025-03');
    expect(income!.getCell(2).value).toBe(Number(yuan([...e.receipts.values()].reduce((x, y) => x + y, 0n))));
    expect(income!.getCell(2).numFmt).toBe('#,##0.00');
    const texts: string[] = [];
    a.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.join('|')).toContain('收入合计（大写）：人民币');
    expect(texts.join('|')).toContain('议事和监督委员会意见');

    const pdf = await s.accountant('disclosure.render', { book, period: '2025-Q1', format: 'pdf' });
    const pdfFile = path.join(dir, pdf.fileName);
    fs.writeFileSync(pdfFile, Buffer.from(pdf.content, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('财务收支情况公开表');
    expect(text).toContain('收支明细公开表');
    expect(text).toContain('专项资金（费随事转）使用公开表');
    expect(text).toContain('社区负责人');
    const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(3);

    const profile = `file://${path.join(dir, 'lo-profile')}`;
    execFileSync(
      'soffice',
      [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file],
      {
        stdio: 'pipe',
        timeout: 120_000,
      },
    );
    const converted = path.join(dir, xlsx.fileName.replace(/\.xlsx$/, '.pdf'));
    const loText = execFileSync('pdftotext', ['-layout', converted, '-'], { encoding: 'utf8' });
    expect(loText).toContain('财务收支情况公开表');
    expect(loText).toContain('本年累计');
    expect(loText).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
  });
});
