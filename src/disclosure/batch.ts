import fs from 'node:fs';
import path from 'node:path';
import { listBooks, type Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import type { ReportModel } from '../reports/model.js';
import { renderPdf } from '../reports/render-pdf.js';
import { renderXlsx } from '../reports/render-xlsx.js';
import { sheetPeriods } from './due.js';
import { parseDisclosurePeriod } from './period.js';
import { currentSheets } from './publish.js';
import { sheetFigures } from './sheets.js';

/**
 * The batch: a period's sheets for every community in one action — one .xlsx per community (a
 * worksheet per sheet) and one combined PDF of them all, reporting progress as it goes. A community
 * that publishes monthly gets its months' sheets for a quarter. A published period prints as
 * published (with its signatures) unless the books changed since.
 */

export interface BatchProgress {
  done: number;
  total: number;
  /** The community being drawn, or 合并PDF at the end. */
  current: string;
}

export interface BatchResult {
  period: string;
  outDir: string;
  files: Array<{ community: string; file: string; sheets: number; warnings: string[] }>;
  pdf: string;
}

function modelsFor(centre: Centre, book: Book, periodKey: string): ReportModel[] {
  const requested = parseDisclosurePeriod(periodKey);
  const periods = requested.kind === 'quarter' ? sheetPeriods(centre, book, requested) : [requested];
  return periods.flatMap((p) => currentSheets(centre, book, sheetFigures(centre, book, p.key)).sheets);
}

const safe = (name: string) => name.replace(/[\\/:*?"<>|]/g, '_');

export async function runBatch(
  centre: Centre,
  input: { period: string; outDir: string },
  onProgress: (p: BatchProgress) => void = () => {},
): Promise<BatchResult> {
  const period = parseDisclosurePeriod(input.period);
  const books = listBooks(centre).filter((b) => b.startPeriod <= period.to);
  const total = books.length + 1;
  fs.mkdirSync(input.outDir, { recursive: true });
  const all: ReportModel[] = [];
  const files: BatchResult['files'] = [];
  for (const [i, book] of books.entries()) {
    onProgress({ done: i, total, current: book.community });
    const models = modelsFor(centre, book, period.key);
    const file = path.join(input.outDir, safe(`${book.community}-${period.key}-居务公开.xlsx`));
    fs.writeFileSync(file, await renderXlsx(models));
    files.push({
      community: book.community,
      file,
      sheets: models.length,
      warnings: [...new Set(models.flatMap((m) => (m.notes ?? []).filter((n) => n.startsWith('注意'))))],
    });
    all.push(...models);
  }
  onProgress({ done: books.length, total, current: '合并PDF' });
  const pdf = path.join(input.outDir, safe(`全部社区-${period.key}-居务公开.pdf`));
  if (all.length > 0) fs.writeFileSync(pdf, await renderPdf(all));
  onProgress({ done: total, total, current: '' });
  return { period: period.key, outDir: input.outDir, files, pdf };
}

/** Batches running in this process, so the UI can poll their progress. */
interface Job {
  progress: BatchProgress;
  /** Every step so far, in order, so a caller that polls slowly still sees each community. */
  steps: BatchProgress[];
  result?: BatchResult;
  error?: { code: string; message: string };
}
const jobs = new Map<string, Job>();
let nextJob = 1;

export function startBatch(centre: Centre, input: { period: string; outDir: string }): { job: string } {
  parseDisclosurePeriod(input.period); // refuse a bad period now, not in the background
  const id = `batch-${nextJob++}`;
  const job: Job = { progress: { done: 0, total: 1, current: '' }, steps: [] };
  jobs.set(id, job);
  runBatch(centre, input, (p) => {
    job.progress = p;
    job.steps.push(p);
  }).then(
    (result) => (job.result = result),
    (error: unknown) =>
      (job.error = {
        code: (error as { code?: string }).code ?? 'internal',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
  return { job: id };
}

export function batchStatus(id: string): Job & { finished: boolean } {
  const job = jobs.get(id);
  if (!job)
    return {
      progress: { done: 0, total: 0, current: '' },
      steps: [],
      error: { code: 'not_found', message: `没有批处理任务 ${id}` },
      finished: true,
    };
  return { ...job, finished: job.result !== undefined || job.error !== undefined };
}
