import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/centre.js';
import { buildCli, jucai, ok, okJson } from './support/cli.js';

beforeAll(() => buildCli());

describe('jucai households and grant', () => {
  it('computes an entitlement standalone, with its working, as text and JSON', () => {
    const text = ok([
      'grant',
      'calc',
      '--kind',
      'urban',
      '--resident',
      '2000',
      '--registered',
      '1500',
      '--year',
      '2025',
    ]);
    expect(text).toContain('100,000 + 60 × (2,000 × 70% + 1,500 × 30%) = 100,000 + 60 × 1,850 = 211,000.00');
    const json = JSON.parse(
      ok([
        'grant',
        'calc',
        '--kind',
        'urban',
        '--resident',
        '2000',
        '--registered',
        '1500',
        '--year',
        '2025',
        '--format',
        'json',
      ]),
    ) as { total: string };
    expect(json.total).toBe('211000.00');
    const refused = jucai([
      'grant',
      'calc',
      '--kind',
      'rural',
      '--resident',
      '1200',
      '--registered',
      '0',
      '--year',
      '2025',
      '--rate',
      '4',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('5.00–10.00');
  });

  it('records household counts for three kinds of community and prints the centre entitlement table', async () => {
    const db = path.join(tempDir(), 'centre.db');
    ok(['init'], { db });
    ok(['operator', 'add', '周主管', '--role', 'supervisor'], { db });
    ok(['operator', 'add', '王会计', '--role', 'accountant', '--as', '周主管'], { db });
    for (const [name, kind] of [
      ['东风社区', 'urban'],
      ['西山社区', 'rural'],
      ['海岛社区', 'remote'],
    ]) {
      ok(['community', 'add', name!, '--kind', kind!, '--as', '周主管'], { db });
    }
    const recorded = ok(
      [
        'households',
        'set',
        '--community',
        '东风社区',
        '--year',
        '2025',
        '--resident',
        '2000',
        '--registered',
        '1500',
        '--as-of',
        '2025-01-01',
        '--source',
        '民政办统计',
        '--as',
        '王会计',
      ],
      { db },
    );
    expect(recorded).toContain('应拨 / entitled: 100,000 + 60 × (2,000 × 70% + 1,500 × 30%)');
    ok(
      [
        'households',
        'set',
        '--community',
        '西山社区',
        '--year',
        '2025',
        '--resident',
        '1200',
        '--registered',
        '900',
        '--as-of',
        '2025-01-01',
        '--source',
        '民政办统计',
        '--as',
        '王会计',
      ],
      { db },
    );
    ok(['grant', 'rate', '--community', '西山社区', '--year', '2025', '--rate', '8', '--as', '周主管'], {
      db,
    });
    const table = ok(['grant', 'entitlement', '--year', '2025'], { db });
    expect(table).toContain('211,000.00');
    expect(table).toContain('9,600.00');
    expect(table).toContain('尚未录入 2025 年户数');
    const csv = ok(['grant', 'entitlement', '--year', '2025', '--format', 'csv'], { db });
    expect(csv.startsWith('\ufeff社区,类型,常住户数')).toBe(true);
    const xlsx = path.join(tempDir(), '应拨.xlsx');
    ok(['grant', 'entitlement', '--year', '2025', '--format', 'xlsx', '--out', xlsx], { db });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('2025 年社区工作经费应拨表');
    expect(sheet.getCell('A4').value).toBe('东风社区');
    expect(sheet.getCell('H4').value).toBe(211000);
    expect(sheet.getCell('H4').numFmt).toBe('#,##0.00');
    const json = okJson<{ totals: { total: string } }>(['grant', 'entitlement', '--year', '2025'], { db });
    expect(json.totals.total).toBe('220600.00');
    ok(
      [
        'staffing',
        'set',
        '--community',
        '东风社区',
        '--year',
        '2025',
        '--workers',
        '5',
        '--police',
        '0',
        '--as-of',
        '2025-01-01',
        '--as',
        '王会计',
      ],
      { db },
    );
    const staffing = ok(['staffing', 'check', '--year', '2025'], { db });
    expect(staffing).toMatch(/东风社区\s+2,?000\s+0\s+5\s+5\s+0\s+0\s+0\.00\s+达标/);
    const history = okJson<Array<{ resident: number }>>(
      ['households', 'list', '--year', '2025', '--community', '东风社区'],
      { db },
    );
    expect(history).toHaveLength(1);
  });

  it('books district money, registers a task fund, spends on it, is stopped when overspending, and reports the funds', async () => {
    const db = path.join(tempDir(), 'centre.db');
    ok(['init'], { db });
    ok(['operator', 'add', '周主管', '--role', 'supervisor'], { db });
    ok(['operator', 'add', '王会计', '--role', 'accountant', '--as', '周主管'], { db });
    ok(['community', 'add', '东风社区', '--kind', 'urban', '--as', '周主管'], { db });
    ok(['book', 'create', '--community', '东风社区', '--start', '2025-01', '--as', '王会计'], { db });
    const as = ['--as', '王会计'];
    const receipt = ok(
      [
        'grant',
        'receive',
        '--book',
        '东风社区',
        '--source',
        'base',
        '--amount',
        '50000',
        '--date',
        '2025-01-20',
        '--document',
        '鹿财社〔2025〕3号',
        ...as,
      ],
      { db },
    );
    expect(receipt).toContain(
      '2025-01 记-0001（未审核）收到2025年社区工作经费(基础经费)（鹿财社〔2025〕3号）',
    );
    ok(
      [
        'admission',
        'add',
        '--book',
        '东风社区',
        '--department',
        '区民政局',
        '--matter',
        '高龄老人走访',
        '--approval-number',
        '鹿民准〔2025〕7号',
        '--approval-date',
        '2025-02-01',
        '--amount',
        '8000',
        '--from',
        '2025-02',
        '--to',
        '2025-12',
        ...as,
      ],
      { db },
    );
    ok(
      [
        'grant',
        'receive',
        '--book',
        '东风社区',
        '--source',
        'task',
        '--admission',
        '鹿民准〔2025〕7号',
        '--amount',
        '8000',
        '--date',
        '2025-02-26',
        '--document',
        '鹿民拨〔2025〕15号',
        ...as,
      ],
      { db },
    );
    ok(
      [
        'voucher',
        'add',
        '--book',
        '东风社区',
        '--date',
        '2025-03-10',
        '--line',
        '510107,走访慰问品,6000,,区民政局·高龄老人走访',
        '--line',
        '100201,走访慰问品,,6000',
        ...as,
      ],
      { db },
    );
    const over = jucai(
      [
        'voucher',
        'add',
        '--book',
        '东风社区',
        '--date',
        '2025-03-12',
        '--line',
        '510107,走访慰问品,2500,,区民政局·高龄老人走访',
        '--line',
        '100201,走访慰问品,,2500',
        ...as,
      ],
      { db },
    );
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('余额不足：现有余额 2,000.00 元，本凭证使用 2,500.00 元，将超支 500.00 元');
    const list = ok(['admission', 'list', '--book', '东风社区'], { db });
    expect(list).toContain('区民政局·高龄老人走访');
    expect(list).toContain('2,000.00');

    // Reviewed and posted, the money shows in the fund report, also as a real .xlsx read back.
    ok(['operator', 'add', '李审核', '--role', 'reviewer', '--as', '周主管'], { db });
    ok(
      ['voucher', 'review', '--book', '东风社区', '--from', '2025-01', '--to', '2025-12', '--as', '李审核'],
      { db },
    );
    ok(['voucher', 'post', '--book', '东风社区', '--from', '2025-01', '--to', '2025-12', '--as', '李审核'], {
      db,
    });
    const table = ok(['report', 'funds', '--book', '东风社区', '--from', '2025-01', '--to', '2025-12'], {
      db,
    });
    expect(table).toContain('限定性：区民政局·高龄老人走访');
    expect(table).toContain('期末结余 52,000.00：限定性 2,000.00，非限定性 50,000.00');
    const file = path.join(tempDir(), '资金.xlsx');
    ok(['report', 'funds', '--from', '2025-01', '--to', '2025-12', '--format', 'xlsx', '--out', file], {
      db,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('资金来源情况表');
    const rows = sheet.getSheetValues().slice(4).filter(Boolean) as unknown[][];
    const task = rows.find((r) => r[2] === '限定性：区民政局·高龄老人走访')!;
    // 期初结余, 本期收入, 本期使用, 转入(转出), 期末结余
    expect(task.slice(3, 8)).toEqual([0, 8000, 6000, 0, 2000]);
    expect(sheet.getCell(`G${4 + rows.findIndex((r) => r[2] === '合计')}`).numFmt).toBe('#,##0.00');
  });
});
