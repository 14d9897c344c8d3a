import { describe, expect, it } from 'vitest';
import { grantVoucher, refused, seededForTest } from './support/centre.js';

type Seeded = Awaited<ReturnType<typeof seededForTest>>;

const book = '东风社区';

function expense(date: string, amount: string, account = '520102', summary = '支付水电费') {
  return {
    book,
    date,
    lines: [
      { account, summary, debit: amount },
      { account: '100201', credit: amount },
    ],
  };
}

async function refs(s: Seeded, period = '2025-03') {
  const list = await s.accountant('voucher.list', { book, from: period, to: period });
  return list.map((v) => `${v.ref}:${v.status}:${v.summary}`);
}

describe('voucher numbers are gapless per book, word and month', () => {
  it('numbers each month from 1 and continues across saves', async () => {
    const s = await seededForTest();
    const a = await s.accountant('voucher.save', expense('2025-03-02', '100.00'));
    const b = await s.accountant('voucher.save', expense('2025-03-09', '200.00'));
    const c = await s.accountant('voucher.save', expense('2025-04-01', '300.00'));
    expect([a.ref, b.ref, c.ref]).toEqual(['记-0001', '记-0002', '记-0001']);
    expect(c.period).toBe('2025-04');
  });

  it('deleting a draft re-packs the drafts after it', async () => {
    const s = await seededForTest();
    for (const amount of ['1.00', '2.00', '3.00'])
      await s.accountant('voucher.save', expense('2025-03-05', amount, '520101', `办公用品${amount}`));
    await s.accountant('voucher.delete', { book, voucher: '2025-03 记-1' });
    expect(await refs(s)).toEqual(['记-0001:draft:办公用品2.00', '记-0002:draft:办公用品3.00']);
    const next = await s.accountant('voucher.save', expense('2025-03-06', '4.00'));
    expect(next.ref).toBe('记-0003');
  });

  it('a draft followed by a reviewed voucher is voided, keeping its number, instead of deleted', async () => {
    const s = await seededForTest();
    const first = await s.accountant('voucher.save', expense('2025-03-05', '1.00'));
    const second = await s.accountant('voucher.save', expense('2025-03-06', '2.00'));
    await s.reviewer('voucher.review', { book, voucher: second.id });
    const result = await s.accountant('voucher.delete', { book, voucher: first.id });
    expect(result.voided).toBe(true);
    const voided = await s.accountant('voucher.get', { book, voucher: first.id });
    expect(voided).toMatchObject({ ref: '记-0001', status: 'void', lines: [], debitTotal: '0.00' });
    // A void voucher is never deleted or edited.
    expect((await refused(s.accountant('voucher.delete', { book, voucher: first.id }))).code).toBe(
      'voucher_state',
    );
  });

  it('moving a draft to another month renumbers both sequences without gaps', async () => {
    const s = await seededForTest();
    const a = await s.accountant('voucher.save', expense('2025-03-05', '1.00', '520101', '甲'));
    await s.accountant('voucher.save', expense('2025-03-06', '2.00', '520101', '乙'));
    await s.accountant('voucher.save', expense('2025-04-06', '3.00', '520101', '丙'));
    const moved = await s.accountant('voucher.save', {
      ...expense('2025-04-20', '1.00', '520101', '甲'),
      id: a.id,
    });
    expect(moved.ref).toBe('记-0002');
    expect(await refs(s, '2025-03')).toEqual(['记-0001:draft:乙']);
    expect(await refs(s, '2025-04')).toEqual(['记-0001:draft:丙', '记-0002:draft:甲']);
  });

  it('words 收/付/转 number separately once enabled, and 收 must debit cash or bank', async () => {
    const s = await seededForTest();
    await s.boss('book.setVoucherWords', { book, voucherWords: ['收', '付', '转'] });
    const receipt = await s.accountant('voucher.save', { ...grantVoucher('2025-03-01'), word: '收' });
    const payment = await s.accountant('voucher.save', { ...expense('2025-03-02', '5.00'), word: '付' });
    expect([receipt.ref, payment.ref]).toEqual(['收-0001', '付-0001']);
    const wrong = await refused(
      s.accountant('voucher.save', { ...expense('2025-03-02', '5.00'), word: '收' }),
    );
    expect(wrong.message).toContain('收款凭证的借方必须是现金或银行存款');
    expect(
      (await refused(s.accountant('voucher.save', { ...expense('2025-03-02', '5.00'), word: '记' }))).message,
    ).toContain('没有启用凭证字');
  });
});

describe('lines', () => {
  it('only leaf accounts take lines, and the message names the sub-accounts to use', async () => {
    const s = await seededForTest();
    const error = await refused(s.accountant('voucher.save', expense('2025-03-02', '5.00', '5201')));
    expect(error.message).toContain('5201 管理费用 有下级科目');
    expect(error.message).toContain('520101 办公费');
    expect(error.rows[0]).toMatchObject({ row: 1, column: '科目' });
  });

  it('each line has exactly one non-zero side', async () => {
    const s = await seededForTest();
    const both = await refused(
      s.accountant('voucher.save', {
        book,
        date: '2025-03-02',
        lines: [
          { account: '520101', summary: '办公费', debit: '1.00', credit: '1.00' },
          { account: '100201', credit: '1.00' },
        ],
      }),
    );
    expect(both.message).toContain('借方和贷方必须且只能填一个非零金额');
    const none = await refused(
      s.accountant('voucher.save', {
        book,
        date: '2025-03-02',
        lines: [
          { account: '520101', summary: '办公费' },
          { account: '100201', credit: '1.00' },
        ],
      }),
    );
    expect(none.rows).toHaveLength(1);
    expect(none.rows[0]!.row).toBe(1);
  });

  it('a disabled account takes no new lines', async () => {
    const s = await seededForTest();
    await s.accountant('account.disable', { book, code: '520105' });
    expect(
      (await refused(s.accountant('voucher.save', expense('2025-03-02', '5.00', '520105')))).message,
    ).toContain('已停用');
  });

  it('dates must be real, inside the book and in an open month', async () => {
    const s = await seededForTest();
    expect((await refused(s.accountant('voucher.save', expense('2025-02-30', '5.00')))).message).toContain(
      '不是有效日期',
    );
    expect((await refused(s.accountant('voucher.save', expense('2024-12-31', '5.00')))).message).toContain(
      '早于账套启用期间',
    );
  });

  it('blank summaries copy the line above, as accountants type them', async () => {
    const s = await seededForTest();
    const v = await s.accountant('voucher.save', {
      book,
      date: '2025-03-02',
      lines: [
        { account: '510102', summary: '重阳节敬老活动', debit: '300.00' },
        { account: '510104', debit: '50.00' },
        { account: '1001', credit: '350.00' },
      ],
    });
    expect(v.lines.map((l) => l.summary)).toEqual(['重阳节敬老活动', '重阳节敬老活动', '重阳节敬老活动']);
    expect(v.capitalTotal).toBe('人民币叁佰伍拾元整');
  });
});

describe('review and posting', () => {
  it('a reviewer cannot review a voucher they prepared', async () => {
    const s = await seededForTest();
    const v = await s.reviewer('voucher.save', expense('2025-03-02', '5.00'));
    const error = await refused(s.reviewer('voucher.review', { book, voucher: v.id }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('审核人不能是制单人');
  });

  it('an accountant cannot review at all, an overseer cannot write anything', async () => {
    const s = await seededForTest();
    const v = await s.accountant('voucher.save', expense('2025-03-02', '5.00'));
    expect((await refused(s.accountant('voucher.review', { book, voucher: v.id }))).code).toBe('forbidden');
    const overseer = await refused(s.overseer('voucher.save', expense('2025-03-02', '5.00')));
    expect(overseer.message).toContain('只能查阅');
    // …but reads everything.
    expect(await s.overseer('voucher.list', { book })).toHaveLength(1);
    expect(
      (
        await refused(
          s
            .accountant('voucher.save', { ...expense('2025-03-02', '5.00') })
            .then(() => s.overseer('period.close', { book, period: '2025-01' })),
        )
      ).code,
    ).toBe('forbidden');
  });

  it('an unbalanced voucher is refused at save, naming both totals, and takes no number', async () => {
    const s = await seededForTest();
    const auditBefore = await s.overseer('audit.list', {});
    const error = await refused(
      s.accountant('voucher.save', {
        book,
        date: '2025-03-02',
        lines: [
          { account: '520101', summary: '办公费', debit: '3000.00' },
          { account: '100201', credit: '2999.00' },
        ],
      }),
    );
    expect(error.code).toBe('unbalanced');
    expect(error.message).toContain('借方 3000.00');
    expect(error.message).toContain('贷方 2999.00');
    expect(error.message).toContain('差额 1.00');
    const one = await refused(
      s.accountant('voucher.save', {
        book,
        date: '2025-03-02',
        lines: [{ account: '520101', summary: '办公费', debit: '3000.00' }],
      }),
    );
    expect(one.code).toBe('unbalanced');
    expect(one.message).toContain('至少要有两行');
    expect(await s.accountant('voucher.list', { book })).toEqual([]);
    expect(await s.overseer('audit.list', {})).toEqual(auditBefore);
    // No number was used: the next balanced voucher is the month's first.
    expect((await s.accountant('voucher.save', expense('2025-03-02', '3000.00'))).ref).toBe('记-0001');
  });

  it('an edit that unbalances a draft is refused and leaves the draft as it was', async () => {
    const s = await seededForTest();
    const v = await s.accountant('voucher.save', expense('2025-03-02', '100.00'));
    const error = await refused(
      s.accountant('voucher.save', {
        book,
        id: v.id,
        date: '2025-03-02',
        lines: [
          { account: '520101', summary: '办公费', debit: '100.00' },
          { account: '100201', credit: '90.00' },
        ],
      }),
    );
    expect(error.code).toBe('unbalanced');
    expect(error.message).toContain('差额 10.00');
    expect(await s.accountant('voucher.get', { book, voucher: v.id })).toEqual(v);
  });

  it('reviewed and posted vouchers are never edited or deleted; un-review reopens a reviewed one', async () => {
    const s = await seededForTest();
    const v = await s.accountant('voucher.save', expense('2025-03-02', '5.00'));
    await s.reviewer('voucher.review', { book, voucher: v.id });
    expect(
      (await refused(s.accountant('voucher.save', { ...expense('2025-03-02', '6.00'), id: v.id }))).code,
    ).toBe('voucher_state');
    expect((await refused(s.accountant('voucher.delete', { book, voucher: v.id }))).code).toBe(
      'voucher_state',
    );
    await s.reviewer('voucher.unreview', { book, voucher: v.id });
    const edited = await s.accountant('voucher.save', { ...expense('2025-03-02', '6.00'), id: v.id });
    expect(edited).toMatchObject({ status: 'draft', debitTotal: '6.00', ref: '记-0001' });
    await s.reviewer('voucher.review', { book, voucher: v.id });
    await s.accountant('voucher.post', { book, voucher: v.id });
    expect((await refused(s.reviewer('voucher.unreview', { book, voucher: v.id }))).code).toBe(
      'voucher_state',
    );
    expect(
      (await refused(s.accountant('voucher.save', { ...expense('2025-03-02', '7.00'), id: v.id }))).code,
    ).toBe('voucher_state');
  });

  it('posting needs balanced opening balances', async () => {
    const s = await seededForTest();
    await s.accountant('opening.set', { book, balances: [{ account: '1001', debit: '1.00' }] });
    const v = await s.accountant('voucher.save', expense('2025-03-02', '5.00'));
    await s.reviewer('voucher.review', { book, voucher: v.id });
    const error = await refused(s.reviewer('voucher.post', { book, voucher: v.id }));
    expect(error.message).toContain('期初余额借贷不平');
    await s.accountant('opening.set', { book, balances: [{ account: '1001', debit: '0' }] });
    await s.reviewer('voucher.post', { book, voucher: v.id });
    // Once a voucher is posted the opening balances are fixed.
    expect(
      (await refused(s.accountant('opening.set', { book, balances: [{ account: '1001', debit: '1.00' }] })))
        .code,
    ).toBe('forbidden');
  });

  it('batch review skips what it may not review and says why', async () => {
    const s = await seededForTest();
    await s.accountant('voucher.save', expense('2025-03-02', '5.00'));
    await s.reviewer('voucher.save', expense('2025-03-03', '6.00'));
    // A draft left unbalanced from before saving required debit = credit (an older file).
    const old = await s.accountant('voucher.save', expense('2025-03-04', '1.00', '520101', '不平'));
    const bank = s.centre.sql(`SELECT account_id FROM line WHERE voucher_id = ? AND line_no = 2`).get(old.id);
    s.centre.sql('DELETE FROM line WHERE voucher_id = ? AND line_no = 2').run(old.id);
    s.centre
      .sql(
        `INSERT INTO line (voucher_id, line_no, account_id, period, summary, debit, credit)
         VALUES (?, 2, ?, '2025-03', '不平', 0, 200)`,
      )
      .run(old.id, (bank as { account_id: number }).account_id);
    const result = await s.reviewer('voucher.reviewRange', { book, from: '2025-03', to: '2025-03' });
    expect(result.done).toEqual(['2025-03 记-0001']);
    expect(result.skipped.map((x) => x.voucher)).toEqual(['2025-03 记-0002', '2025-03 记-0003']);
    expect(result.skipped[0]!.reason).toContain('制单人');
    expect(result.skipped[1]!.reason).toContain('借贷不平');
    const posted = await s.reviewer('voucher.postRange', { book, from: '2025-01', to: '2025-12' });
    expect(posted.done).toEqual(['2025-03 记-0001']);
  });
});

describe('red-ink reversal', () => {
  async function posted(s: Seeded) {
    const v = await s.accountant('voucher.save', grantVoucher('2025-03-05'));
    await s.reviewer('voucher.review', { book, voucher: v.id });
    await s.reviewer('voucher.post', { book, voucher: v.id });
    return v;
  }

  it('creates a linked voucher with the same lines in negative amounts on the same sides', async () => {
    const s = await seededForTest();
    const original = await posted(s);
    const red = await s.accountant('voucher.reverse', { book, voucher: original.id });
    expect(red).toMatchObject({
      ref: '记-0002',
      status: 'draft',
      summary: '注销3月5日记-1号凭证',
      reverses: { id: original.id, ref: '记-0001' },
    });
    expect(red.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['100201', '-25000.00', '0.00'],
      ['44010101', '0.00', '-25000.00'],
    ]);
    expect((await s.accountant('voucher.get', { book, voucher: original.id })).reversedBy?.id).toBe(red.id);
    // Once the reversal is posted, the account nets to zero for the month.
    await s.reviewer('voucher.review', { book, voucher: red.id });
    await s.reviewer('voucher.post', { book, voucher: red.id });
    const tb = await s.accountant('report.trialBalance', { book, from: '2025-03', to: '2025-03' });
    const income = tb.rows.find((r) => r.code === '44010101')!;
    expect([income.credit, income.closingCredit]).toEqual(['0.00', '0.00']);
  });

  it('cannot reverse twice, reverse a draft, or reverse a reversal', async () => {
    const s = await seededForTest();
    const original = await posted(s);
    const red = await s.accountant('voucher.reverse', { book, voucher: original.id });
    expect(
      (await refused(s.accountant('voucher.reverse', { book, voucher: original.id }))).message,
    ).toContain('不能重复冲销');
    expect((await refused(s.accountant('voucher.reverse', { book, voucher: red.id }))).message).toContain(
      '只有已记账的凭证',
    );
    const draft = await s.accountant('voucher.save', expense('2025-03-06', '1.00'));
    expect((await refused(s.accountant('voucher.reverse', { book, voucher: draft.id }))).code).toBe(
      'voucher_state',
    );
  });

  it('a voucher from a closed month is reversed in an open month', async () => {
    const s = await seededForTest();
    const original = await posted(s);
    for (const period of ['2025-01', '2025-02', '2025-03'])
      await s.accountant('period.close', { book, period });
    expect(
      (await refused(s.accountant('voucher.reverse', { book, voucher: original.id, date: '2025-03-31' })))
        .code,
    ).toBe('period_closed');
    const red = await s.accountant('voucher.reverse', { book, voucher: original.id, date: '2025-04-02' });
    expect(red).toMatchObject({ period: '2025-04', ref: '记-0001', summary: '注销3月5日记-1号凭证' });
  });
});

describe('periods', () => {
  it('closing needs every voucher posted and the months before closed', async () => {
    const s = await seededForTest();
    expect((await refused(s.accountant('period.close', { book, period: '2025-02' }))).message).toContain(
      '上月 2025-01 尚未结账',
    );
    const v = await s.accountant('voucher.save', expense('2025-01-15', '5.00'));
    const error = await refused(s.accountant('period.close', { book, period: '2025-01' }));
    expect(error.message).toContain('1 张凭证未记账');
    expect(error.message).toContain('记-0001（未审核）');
    await s.reviewer('voucher.review', { book, voucher: v.id });
    await s.reviewer('voucher.post', { book, voucher: v.id });
    await s.accountant('period.close', { book, period: '2025-01' });
    const periods = await s.accountant('period.list', { book });
    expect(periods.slice(0, 2).map((p) => [p.period, p.closed])).toEqual([
      ['2025-01', true],
      ['2025-02', false],
    ]);
  });

  it('nothing can be written into a closed month', async () => {
    const s = await seededForTest();
    await s.accountant('period.close', { book, period: '2025-01' });
    const error = await refused(s.accountant('voucher.save', expense('2025-01-20', '5.00')));
    expect(error.code).toBe('period_closed');
    const draft = await s.accountant('voucher.save', expense('2025-02-01', '5.00'));
    expect(
      (await refused(s.accountant('voucher.save', { ...expense('2025-01-20', '5.00'), id: draft.id }))).code,
    ).toBe('period_closed');
  });

  it('reopening is a supervisor action with a reason, from the last closed month back, and is audited', async () => {
    const s = await seededForTest();
    await s.accountant('period.close', { book, period: '2025-01' });
    await s.accountant('period.close', { book, period: '2025-02' });
    expect(
      (await refused(s.accountant('period.reopen', { book, period: '2025-02', reason: '补录' }))).code,
    ).toBe('forbidden');
    expect(
      (await refused(s.boss('period.reopen', { book, period: '2025-01', reason: '补录' }))).message,
    ).toContain('请先反结账 2025-02');
    expect((await refused(s.boss('period.reopen', { book, period: '2025-02', reason: '  ' }))).code).toBe(
      'invalid_argument',
    );
    await s.boss('period.reopen', { book, period: '2025-02', reason: '补录2月份漏记的水电费' });
    const log = await s.overseer('audit.list', { book, entity: 'period' });
    expect(log[0]).toMatchObject({
      operator: '周主管',
      action: 'period.reopen',
      after: { period: '2025-02', reason: '补录2月份漏记的水电费' },
    });
    expect(log.map((e) => e.action)).toEqual(['period.reopen', 'period.close', 'period.close']);
  });
});

describe('audit log', () => {
  it('records who did what, with before and after, for every voucher change', async () => {
    const s = await seededForTest();
    const v = await s.accountant('voucher.save', expense('2025-03-02', '5.00'));
    await s.accountant('voucher.save', { ...expense('2025-03-02', '6.00'), id: v.id });
    await s.reviewer('voucher.review', { book, voucher: v.id });
    const log = await s.overseer('audit.list', { book, entity: 'voucher' });
    expect(log.map((e) => [e.operator, e.action])).toEqual([
      ['李审核', 'voucher.review'],
      ['王会计', 'voucher.update'],
      ['王会计', 'voucher.create'],
    ]);
    const update = log[1]!;
    expect((update.before as { debitTotal: string }).debitTotal).toBe('5.00');
    expect((update.after as { debitTotal: string }).debitTotal).toBe('6.00');
  });

  it('a refused change leaves no trace: the whole call is one transaction', async () => {
    const s = await seededForTest();
    const before = await s.overseer('audit.list', { book });
    await refused(s.accountant('voucher.save', expense('2025-03-02', '5.00', '9999')));
    expect(await s.overseer('audit.list', { book })).toEqual(before);
    expect(await s.accountant('voucher.list', { book })).toEqual([]);
  });
});

describe('projects for the voucher lines', () => {
  it('lists each project with its admission’s approval number as its code', async () => {
    const s = await seededForTest();
    await s.accountant('admission.add', {
      book,
      department: '区民政局',
      matter: '高龄老人走访',
      approvalNumber: '鹿民准〔2025〕7号',
      approvalDate: '2025-02-01',
      amount: '8000.00',
      periodFrom: '2025-02',
      periodTo: '2025-12',
    });
    // A project an import created has no admission, so no code.
    await s.accountant('voucher.save', {
      ...expense('2025-03-02', '5.00'),
      lines: [
        { account: '520101', summary: '办公费', debit: '5.00', project: '社区微更新' },
        { account: '100201', credit: '5.00' },
      ],
    });
    const { projects } = await s.accountant('dimension.list', { book });
    expect(projects.map(({ name, code }) => ({ name, code }))).toEqual([
      { name: '区民政局·高龄老人走访', code: '鹿民准〔2025〕7号' },
      { name: '社区微更新', code: null },
    ]);
  });
});
