import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { as, openTestCentre, tempDir } from './support/centre.js';
import { buildCli, jucai, ok, okJson } from './support/cli.js';
import { communityYear } from './support/community-year.js';

beforeAll(() => buildCli());

/** The fixture year in a centre file of its own, with a second community that starts in July. */
async function centreFile(): Promise<string> {
  const file = path.join(tempDir('jucai-cli-disclosure-'), 'centre.db');
  const s = await communityYear(file);
  await s.boss('community.add', {
    name: '西山社区',
    code: 'XS',
    kind: 'rural',
    district: '鹿城区',
    subdistrict: '五马街道',
  });
  await as(s.centre, '王会计')('book.create', { community: '西山社区', startPeriod: '2025-07' });
  s.centre.close();
  return file;
}

describe('jucai disclosure', () => {
  it('shows a quarter’s sheets, lists what is due, publishes, and refuses a second identical version', async () => {
    const db = await centreFile();
    const text = ok(['disclosure', '--book', '东风社区', '--period', '2025-Q1'], { db });
    expect(text).toContain('五马街道东风社区居民委员会财务收支情况公开表');
    expect(text).toContain('收支明细公开表');
    expect(text).toContain('专项资金（费随事转）使用公开表');
    expect(text).toMatch(/账簿货币资金 [\d.]+，相符/);
    expect(text).toContain('尚未公开');

    const due = okJson<Array<{ book: string; period: string; status: string }>>(
      ['disclosure', 'due', '--as-of', '2025-10-25'],
      { db },
    );
    expect(due.map((d) => `${d.book} ${d.period} ${d.status}`)).toEqual([
      '东风社区 2025-Q1 overdue',
      '东风社区 2025-Q2 overdue',
      '东风社区 2025-Q3 overdue',
      '西山社区 2025-Q3 overdue',
    ]);
    expect(ok(['disclosure', 'due', '--as-of', '2025-10-25'], { db })).toContain('已逾期');

    const publish = [
      'disclosure',
      'publish',
      '--book',
      '东风社区',
      '--period',
      '2025-Q1',
      '--reviewer',
      '李审核',
      '--community-head',
      '张书记',
      '--oversight-signer',
      '赵监督',
      '--date',
      '2025-04-28',
    ];
    const refused = jucai([...publish, '--days', '10', '--as', '王会计'], { db });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('公开期限至少 15 天');
    // A date before today is a 补录 of a sheet already on the board: it needs the reason.
    const noReason = jucai([...publish, '--as', '王会计'], { db });
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toContain('公开日期 2025-04-28 早于今天');
    expect(noReason.stderr).toContain('补录原因');
    const reason = ['--reason', '纸质公开表4月28日已张贴'];
    const published = ok([...publish, ...reason, '--as', '王会计'], { db });
    expect(published).toContain('已公开 东风社区 2025-Q1 第 1 版，公开日期 2025-04-28');
    expect(published).toContain('补录（原因：纸质公开表4月28日已张贴）');
    const again = jucai([...publish, ...reason, '--as', '王会计'], { db });
    expect(again.stderr).toContain('与已公开的第 1 版相同');
    expect(ok(['disclosure', 'due', '--as-of', '2025-10-25'], { db })).not.toContain('2025年第1季度');
    // Published eight days after its due day (2025-04-20): the list with the published ones says so.
    const all = ok(['disclosure', 'due', '--as-of', '2025-10-25', '--all'], { db });
    expect(all.split('\n').find((l) => l.includes('东风社区') && l.includes('2025年第1季度'))).toMatch(
      /已公开.*逾期公开 8 天（2025-04-28 公开）/,
    );

    const csv = ok(
      ['disclosure', '--book', '东风社区', '--period', '2025-03', '--sheet', 'B', '--format', 'csv'],
      { db },
    );
    expect(csv.split('\n')[0]).toContain('序号,日期,凭证号,摘要,收支项目,收入,支出,备注');
  });

  it('writes one workbook per community and a combined PDF, printing progress', async () => {
    const db = await centreFile();
    const out = path.join(tempDir('jucai-batch-'), '2025-Q3');
    const result = jucai(['disclosure', 'batch', '--period', '2025-Q3', '--out', out], { db });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/\[0\/3\] 东风社区/);
    expect(result.stderr).toMatch(/\[1\/3\] 西山社区/);
    expect(result.stderr).toMatch(/\[2\/3\] 合并PDF/);
    expect(fs.readdirSync(out).sort()).toEqual([
      '东风社区-2025-Q3-居务公开.xlsx',
      '全部社区-2025-Q3-居务公开.pdf',
      '西山社区-2025-Q3-居务公开.xlsx',
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, '西山社区-2025-Q3-居务公开.xlsx'));
    expect(workbook.worksheets).toHaveLength(3);
    expect(workbook.worksheets[0]!.getCell('A1').value).toBe('五马街道西山社区居民委员会财务收支情况公开表');
    const pdf = path.join(out, '全部社区-2025-Q3-居务公开.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(6);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('东风社区居民委员会财务收支情况公开表');
    expect(text).toContain('西山社区居民委员会专项资金');

    const bad = jucai(['disclosure', 'batch', '--period', '2025-Q5'], { db });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('公开期间“2025-Q5”无效');
  });

  it('names a cash account that went below zero in the due list and under the sheets', async () => {
    const db = await centreFile();
    const centre = openTestCentre(db);
    const v = await as(centre, '王会计')('voucher.save', {
      book: '西山社区',
      date: '2025-08-05',
      lines: [
        { account: '520101', summary: '购买办公用品', debit: '500.00' },
        { account: '1001', summary: '购买办公用品', credit: '500.00' },
      ],
    });
    await as(centre, '李审核')('voucher.review', { book: '西山社区', voucher: v.id });
    await as(centre, '李审核')('voucher.post', { book: '西山社区', voucher: v.id });
    centre.close();
    const due = ok(['disclosure', 'due', '--as-of', '2025-10-25', '--book', '西山社区'], { db });
    expect(due).toContain('低于零：1001 现金 2025-08-05 日终余额 -500.00');
    const sheets = ok(['disclosure', '--book', '西山社区', '--period', '2025-Q3', '--sheet', 'A'], { db });
    expect(sheets).toContain('货币资金低于零：1001 现金 2025-08-05 日终余额 -500.00，不能公开');
  });

  it('sets a book’s own item for an account and prints the rules', async () => {
    const db = await centreFile();
    ok(
      [
        'disclosure',
        'items',
        'set',
        '--book',
        '东风社区',
        '--direction',
        'payment',
        '--account',
        '520102',
        '--item',
        '办公费',
        '--as',
        '王会计',
      ],
      { db },
    );
    const rules = ok(['disclosure', 'items', 'list', '--book', '东风社区'], { db });
    expect(rules).toMatch(/支出\s+520102\s+办公费\s+本账套/);
    expect(rules).toMatch(/收入\s+44010101\s+社区工作经费\(基础经费\)\s+科目模板/);
  });
});
