import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../src/reports/model.js';
import { tempDir } from './support/centre.js';
import { communityYear } from './support/community-year.js';
import { ACCOUNT, reconcileCentre } from './support/reconcile-centre.js';

/**
 * Every kind of exported workbook opens in LibreOffice and prints: each is converted to PDF in one
 * LibreOffice run and read back with pdftotext — its title, the page footer, Chinese text, and for the
 * books that paginate themselves, exactly one printed page per model page.
 */

interface Exported {
  file: string;
  model: ReportModel;
}

function convert(dir: string, files: string[]): void {
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...files,
    ],
    { stdio: 'pipe', timeout: 300_000 },
  );
}

function check({ file, model }: Exported): void {
  const pdf = file.replace(/\.xlsx$/, '.pdf');
  expect(fs.existsSync(pdf), `${model.title} converted`).toBe(true);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  // pdftotext may space out wide titles; compare without spaces.
  expect(text.replace(/\s+/g, ''), model.title).toContain(model.title.replace(/\s+/g, ''));
  expect(text, model.title).toMatch(new RegExp(`第\\s*1\\s*页\\s*共\\s*${pages}\\s*页`));
  const breaks = model.rows.filter((r) => r.pageBreak).length;
  if (breaks > 0) expect(pages, `${model.title} prints one page per model page`).toBe(breaks + 1);
}

describe('exported workbooks in LibreOffice', () => {
  it('converts every catalogue report, and the reconciliation reports, to PDF', async () => {
    const dir = tempDir('jucai-lo-');
    const exported: Exported[] = [];
    const s = await communityYear();
    const options: Record<string, { account?: string }> = {
      ledger: { account: '100201' },
      'multi-column': { account: '5101' },
    };
    for (const entry of await s.accountant('report.list', {})) {
      const input = {
        report: entry.name,
        book: '东风社区',
        from: '2025-01',
        to: '2025-12',
        ...options[entry.name],
      };
      const model = await s.accountant('report.view', input);
      const file = path.join(dir, `${entry.name}.xlsx`);
      fs.writeFileSync(
        file,
        Buffer.from((await s.accountant('report.render', { ...input, format: 'xlsx' })).content, 'base64'),
      );
      exported.push({ file, model });
    }
    const r = await reconcileCentre();
    const reports = [
      {
        name: 'statement',
        input: { report: 'statement' as const, community: '东风社区', from: '2025-01', to: '2025-03' },
      },
      { name: 'rollup', input: { report: 'rollup' as const, year: 2025 } },
      { name: 'bank', input: { report: 'bank' as const, account: ACCOUNT, to: '2025-01' } },
    ];
    for (const { name, input } of reports) {
      const result = await r.accountant('reconcile.report', { ...input, format: 'xlsx' });
      const file = path.join(dir, `reconcile-${name}.xlsx`);
      fs.writeFileSync(file, Buffer.from(result.content, 'base64'));
      exported.push({ file, model: result.model });
    }
    expect(exported.length).toBeGreaterThanOrEqual(12);
    convert(
      dir,
      exported.map((e) => e.file),
    );
    for (const e of exported) check(e);
  });
});
