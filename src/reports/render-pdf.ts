import fs from 'node:fs';
import { LedgerError } from '../errors.js';
import type { ReportModel } from './model.js';
import { renderHtml } from './render-html.js';

/**
 * The PDF renderer for every report model: the print HTML of render-html.ts drawn by a headless
 * Chromium (playwright-core, never downloading a browser) on A4 in the model's orientation, with the
 * footer 第 N 页 共 M 页 on every page.
 */

const FOOTER =
  '<div style="font-size:9px;width:100%;text-align:center">第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>';

/** Headless Chromium as containers allow it (no OS sandbox, no GPU), fetching nothing of its own; the tests use it too. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A LedgerError, so the command line and the API show the message itself rather than an internal error. */
function missingChromium(executablePath: string, cause?: unknown): LedgerError {
  const detail = cause instanceof Error ? `（${cause.message.split('\n')[0]}）` : '';
  return new LedgerError(
    'not_found',
    `无法生成 PDF：找不到可用的 Chromium 浏览器（${executablePath}）${detail}。请安装 Chromium，或用环境变量 JUCAI_CHROMIUM 指定其路径。/ cannot render PDF: Chromium not found at ${executablePath}; install it or set JUCAI_CHROMIUM`,
    { field: 'chromium' },
  );
}

/** One report, or several one after another (a combined PDF), drawn by Chromium. */
export async function renderPdf(models: ReportModel | ReportModel[]): Promise<Buffer> {
  const list = Array.isArray(models) ? models : [models];
  const executablePath = process.env.JUCAI_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw missingChromium(executablePath);
  // Loaded on demand: only PDF output needs a browser driver.
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    throw new Error(
      '无法生成 PDF：缺少 playwright-core 模块 / cannot render PDF: playwright-core is missing',
      {
        cause: error,
      },
    );
  }
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    throw missingChromium(executablePath, error);
  }
  try {
    const page = await browser.newPage();
    await page.setContent(renderHtml(list), { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      landscape: list[0]?.orientation === 'landscape',
      // Each report's own @page size (named pages), so one PDF can mix portrait and landscape sheets.
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      footerTemplate: FOOTER,
      headerTemplate: '<div></div>',
      margin: { top: '12mm', bottom: '16mm', left: '10mm', right: '10mm' },
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
