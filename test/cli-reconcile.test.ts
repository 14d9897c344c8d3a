import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/centre.js';
import { buildCli, jucai, ok, okJson } from './support/cli.js';
import { writeCsv, writeXlsx } from './support/files.js';
import {
  ACCOUNT,
  allocationHeader,
  allocationRows,
  bankHeader,
  bankLines,
  reconcileCentre,
} from './support/reconcile-centre.js';

beforeAll(() => buildCli());

describe('jucai reconcile', () => {
  it('imports district allocations with a mapping and a confirmed name, matches, and prints the 对账单 and roll-up', async () => {
    const s = await reconcileCentre();
    const db = s.centre.file;
    const file = writeCsv([allocationHeader, ...allocationRows], '拨款.csv', 'gb18030');
    const base = [
      'reconcile',
      'allocations',
      'import',
      '--file',
      file,
      '--source',
      '鹿城区财政局',
      '--as',
      '王会计',
    ];
    const preview = ok([...base, '--preview'], { db });
    expect(preview).toContain('金额=拨付金额（元）'); // guessed, unit and full-width brackets and all
    const refused = jucai([...base, '--map', 'amount=拨付金额（元）'], { db });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('社区“南塘杜区”不在本中心，是否为：南塘社区');
    expect(ok([...base, '--map', 'amount=拨付金额（元）', '--alias', '南塘杜区=南塘社区'], { db })).toContain(
      '已导入 10 行',
    );

    expect(ok(['reconcile', 'aliases', 'list'], { db })).toMatch(/南塘杜区\s+南塘社区/);
    const matched = okJson<Array<{ reason: string }>>(
      ['reconcile', 'allocations', 'match', '--as', '王会计'],
      { db },
    );
    expect(matched).toHaveLength(6);
    const exceptions = ok(['reconcile', 'allocations', 'exceptions', '--as-of', '2025-04-05'], { db });
    expect(exceptions).toMatch(/串户：疑似记入西山社区/);
    expect(exceptions).toContain('在途');

    const text = ok(
      [
        'reconcile',
        'allocations',
        'report',
        '--community',
        '东风社区',
        '--from',
        '2025-01',
        '--to',
        '2025-03',
      ],
      { db },
    );
    expect(text).toContain('财政拨款对账单');
    expect(text).toMatch(/合计\s+128,000.00\s+125,000.00\s+3,000.00/);
    const out = path.join(tempDir(), 'rollup.xlsx');
    ok(['reconcile', 'rollup', '--year', '2025', '--format', 'xlsx', '--out', out], { db });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets[0]!.getCell('A1').value).toBe('社区经费拨付对账汇总表');
  });

  it('imports overlapping bank statements, matches, and saves a balanced 余额调节表', async () => {
    const s = await reconcileCentre();
    const db = s.centre.file;
    const lines = bankLines();
    const first = writeCsv([bankHeader, ...lines.filter((l) => l.first).map((l) => l.cells)], 'b1.csv');
    const second = await writeXlsx(
      [bankHeader, ...lines.filter((l) => l.second).map((l) => l.cells)],
      'b2.xlsx',
    );
    const imp = (file: string, ...extra: string[]) => [
      'reconcile',
      'bank',
      'import',
      '--account',
      ACCOUNT,
      '--file',
      file,
      '--as',
      '王会计',
      ...extra,
    ];
    expect(ok(imp(first), { db })).toContain('已导入 8 行');
    expect(ok([...imp(second), '--preview'], { db })).toContain('须用 --dup 3=new 或 =skip 决定');
    expect(jucai(imp(second), { db }).stderr).toContain('第 3 行与已导入的');
    expect(ok(imp(second, '--dup', '3=skip', '--dup', '4=new'), { db })).toContain('已导入 8 行，跳过 2 行');
    expect(ok(['reconcile', 'bank', 'match', '--account', ACCOUNT, '--as', '王会计'], { db })).toMatch(
      /已自动勾对 \d+ 笔/,
    );
    // Undo one automatic match and pair the same two lines by hand.
    const list = await s.accountant('reconcile.bank.list', { account: ACCOUNT });
    const line = list.bank.find((b) => b.reference === 'B0325001')!;
    const entry = list.book.find((l) => l.matchId === line.matchId)!;
    ok(['reconcile', 'bank', 'unmatch', '--match', String(line.matchId), '--as', '王会计'], { db });
    const paired = ok(
      [
        'reconcile',
        'bank',
        'pair',
        '--account',
        ACCOUNT,
        '--bank-line',
        String(line.id),
        '--entry',
        `${entry.voucherId}:${entry.lineNo}`,
        '--note',
        '核对回单',
        '--as',
        '王会计',
      ],
      { db },
    );
    expect(paired).toContain('手工勾对：核对回单');
    const bad = jucai(
      [
        'reconcile',
        'bank',
        'pair',
        '--account',
        ACCOUNT,
        '--bank-line',
        '1',
        '--entry',
        'x',
        '--as',
        '王会计',
      ],
      { db },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('凭证编号:行号');
    const report = ok(
      [
        'reconcile',
        'bank',
        'report',
        '--account',
        ACCOUNT,
        '--period',
        '2025-03',
        '--save',
        '--as',
        '王会计',
      ],
      { db },
    );
    expect(report).toContain('银行存款余额调节表');
    expect(report).toContain('调节后余额相等');
    expect(report).toContain('已保存 2025-03 余额调节表第 1 版');

    // Signed by someone other than its preparer, after the month is closed; listed with its versions.
    const month = ['--account', ACCOUNT, '--period', '2025-03'];
    for (const book of ['东风社区', '西山社区', '南塘社区'])
      for (const period of ['2025-01', '2025-02', '2025-03'])
        ok(['period', 'close', '--book', book, period, '--as', '王会计'], { db });
    const own = jucai(['reconcile', 'bank', 'sign', ...month, '--as', '王会计'], { db });
    expect(own.code).not.toBe(0);
    expect(own.stderr).toContain('无权审核（签字）余额调节表');
    // The command line runs on the real clock: the day of signing is China time's, read around the call
    // so that a run across midnight still knows which day it was.
    const chinaDay = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const dayBefore = chinaDay();
    expect(ok(['reconcile', 'bank', 'sign', ...month, '--as', '李审核'], { db })).toContain(
      '李审核 已审核签字：2025-03 余额调节表第 1 版（此后只读）',
    );
    const dayAfter = chinaDay();
    expect(ok(['reconcile', 'bank', 'versions', ...month], { db })).toMatch(/1\s+王会计\s+\S+\s+李审核/);
    const signed = ok(['reconcile', 'bank', 'report', ...month, '--saved-version', '1', '--format', 'json'], {
      db,
    });
    const names = JSON.parse(signed).signatures[0].map((x: { name?: string }) => x.name);
    expect(names.slice(0, 2)).toEqual(['王会计', '李审核']);
    expect([dayBefore, dayAfter]).toContain(names[2]);
  });

  it('matches a red-ink pair in the books with itself (账内对冲)', async () => {
    const s = await reconcileCentre();
    const db = s.centre.file;
    const list = await s.accountant('reconcile.bank.list', { account: ACCOUNT });
    const pair = list.book.filter((l) => l.summary.includes('误记') || l.summary.startsWith('注销'));
    expect(pair.map((l) => l.amount)).toEqual(['1000.00', '-1000.00']);
    const paired = ok(
      [
        'reconcile',
        'bank',
        'pair',
        '--account',
        ACCOUNT,
        ...pair.flatMap((l) => ['--entry', `${l.voucherId}:${l.lineNo}`]),
        '--as',
        '王会计',
      ],
      { db },
    );
    expect(paired).toContain('账内对冲（手工）');
  });
});
