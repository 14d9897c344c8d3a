import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preparerAndReviewer, type ReportModel } from '../src/reports/model.js';
import { groupAmount, renderHtml } from '../src/reports/render-html.js';
import { renderPdf } from '../src/reports/render-pdf.js';
import { trialBalanceModel } from '../src/reports/trial-balance-model.js';
import { postedMarchTrialBalance, tempDir } from './support/centre.js';

const has = (command: string) => spawnSync('which', [command]).status === 0;
const chromium = process.env.JUCAI_CHROMIUM ?? '/usr/bin/chromium';

describe('report model → print HTML', () => {
  const model: ReportModel = {
    title: '科目余额表',
    subtitle: '东风<社区>',
    period: '2025年3月',
    unit: '元',
    orientation: 'landscape',
    columns: [
      { key: 'name', header: '科目名称', kind: 'text' },
      { key: 'summary', header: '摘要', kind: 'text' },
      { key: 'debit', header: '借方', group: '本期发生额', kind: 'amount' },
      { key: 'credit', header: '贷方', group: '本期发生额', kind: 'amount' },
    ],
    rows: [
      { cells: { name: '现金<script>', summary: 'a<b & "c"', debit: '1234567.8', credit: '' }, level: 2 },
      { cells: { name: '冲销', summary: '', debit: '-50.00', credit: '' }, red: true },
      { cells: { name: '合计', summary: '', debit: '1234517.80', credit: '0.00' }, mark: 'total' },
    ],
    notes: ['注：<测试>'],
    signatures: preparerAndReviewer(),
  };

  it('escapes text, groups amounts by string, repeats the header and uses the model orientation', () => {
    const html = renderHtml(model);
    expect(html).not.toContain('<script');
    expect(html).toContain('现金&lt;script&gt;');
    expect(html).toContain('a&lt;b &amp; &quot;c&quot;');
    expect(html).toContain('东风&lt;社区&gt;');
    expect(html).toContain('注：&lt;测试&gt;');
    expect(html).toMatch(/thead\s*\{\s*display:\s*table-header-group;?\s*\}/);
    expect(html).toContain('@page { size: A4 landscape; margin: 12mm; }');
    expect(renderHtml({ ...model, orientation: 'portrait' })).toContain('size: A4 portrait');
    expect(html).toContain('"Noto Sans CJK SC", "SimSun", serif');
    // Grouped header: ungrouped columns span two rows, the group spans its pair.
    expect(html).toContain('<th rowspan="2">科目名称</th>');
    expect(html).toContain('<th colspan="2">本期发生额</th>');
    expect(html).toContain('<td class="amount">1,234,567.80</td>');
    // Red ink: the red amount is red, not the whole line.
    expect(html).toContain('<td class="amount red">-50.00</td>');
    expect(html).toContain('<tr><td class="text label">冲销</td>');
    expect(html).toMatch(/<tr class="total">/);
    expect(html).toContain('制表人：____');
    expect(html).not.toMatch(/<script|onload=|javascript:/i);
  });

  it('formats decimal strings without floating point', () => {
    expect(groupAmount('')).toBe('');
    expect(groupAmount('0.00')).toBe('0.00');
    expect(groupAmount('75000.00')).toBe('75,000.00');
    expect(groupAmount('123456789012345678.91')).toBe('123,456,789,012,345,678.91');
    expect(groupAmount('-1234.5')).toBe('-1,234.50');
    expect(groupAmount('12')).toBe('12.00');
  });
});

describe('report model → PDF', () => {
  it.skipIf(!fs.existsSync(chromium))(
    'renders the trial balance through Chromium with the page footer',
    async () => {
      const tb = await postedMarchTrialBalance();
      expect(tb.balanced).toBe(true);
      const pdf = await renderPdf(trialBalanceModel(tb));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const dir = tempDir('jucai-pdf-');
      const file = path.join(dir, 'trial-balance.pdf');
      fs.writeFileSync(file, pdf);
      if (!has('pdftotext')) {
        console.warn('pdftotext (poppler) not installed: skipping the PDF text check');
        return;
      }
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const pages = text.split('\f').filter((page) => page.trim() !== '');
      expect(pages).toHaveLength(1);
      expect(text).toContain('科目余额表');
      expect(text).toContain('东风社区');
      expect(text).toContain('单位：元');
      for (const name of ['银行存款', '社区专户', '现金', '办公费', '合计']) expect(text).toContain(name);
      for (const row of tb.rows) expect(text).toContain(row.name);
      expect(tb.total.closingDebit).toBe('75000.00');
      expect(text).toContain(groupAmount(tb.total.closingDebit));
      expect(text).toContain(groupAmount(tb.total.closingCredit));
      expect(text).toContain(groupAmount(tb.total.debit));
      expect(text).toContain('1,234.56');
      expect(text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
      if (has('pdftoppm')) {
        fs.mkdirSync('test-artifacts', { recursive: true });
        execFileSync('pdftoppm', [
          '-png',
          '-r',
          '80',
          '-singlefile',
          file,
          'test-artifacts/trial-balance-pdf',
        ]);
        expect(fs.existsSync('test-artifacts/trial-balance-pdf.png')).toBe(true);
      }
    },
    120_000,
  );

  it('fails with a clear Chinese message when Chromium is missing', async () => {
    const saved = process.env.JUCAI_CHROMIUM;
    process.env.JUCAI_CHROMIUM = '/nonexistent/chromium';
    try {
      await expect(renderPdf({ ...emptyModel })).rejects.toThrow(/找不到可用的 Chromium/);
    } finally {
      if (saved === undefined) delete process.env.JUCAI_CHROMIUM;
      else process.env.JUCAI_CHROMIUM = saved;
    }
  });
});

const emptyModel: ReportModel = {
  title: '空表',
  period: '2025年3月',
  unit: '元',
  orientation: 'portrait',
  columns: [{ key: 'a', header: 'A', kind: 'text' }],
  rows: [],
};
