import type { Book } from '../ledger/books.js';
import type { CashDeficit } from '../ledger/cash-balances.js';
import type { Centre } from '../ledger/centre.js';
import { fenToYuan } from '../money/money.js';
import type { ReportModel } from '../reports/model.js';
import {
  currentSheets,
  listPublications,
  publishedSheets,
  type Change,
  type Publication,
} from './publish.js';
import { sheetNames, type SheetName } from './sheet-models.js';
import { sheetFigures } from './sheets.js';

/**
 * A period's sheets as the screen and the files show them: drawn from the books now (with the signatures
 * of the latest publication while the books still agree with it), or a published version exactly as it
 * was published.
 */
export interface DisclosureView {
  book: string;
  period: string;
  label: string;
  dates: string;
  sheets: ReportModel[];
  check: {
    opening: string;
    receipts: string;
    payments: string;
    closing: string;
    booksClosing: string;
    balanced: boolean;
    unposted: number;
    /** Cash and bank accounts below zero on some day of the period: the sheet cannot be published. */
    deficits: DeficitView[];
  };
  publications: Publication[];
  /** Differences between the books and the latest version; null when never published. */
  changes: Change[] | null;
  /** The version shown, when a published one was asked for. */
  version: number | null;
}

/** A cash or bank account below zero: its code and full name, the day and the balance (decimal text). */
export interface DeficitView {
  account: string;
  name: string;
  date: string;
  balance: string;
}

export const deficitViews = (deficits: CashDeficit[]): DeficitView[] =>
  deficits.map((d) => ({ account: d.code, name: d.name, date: d.date ?? '', balance: fenToYuan(d.balance) }));

export function disclosureView(
  centre: Centre,
  book: Book,
  input: { period: string; sheet?: SheetName | 'all' | undefined; version?: number | undefined },
): DisclosureView {
  const f = sheetFigures(centre, book, input.period);
  const which = !input.sheet || input.sheet === 'all' ? sheetNames : [input.sheet];
  const current = currentSheets(centre, book, f, which);
  const changes = current.changes;
  let sheets = current.sheets;
  if (input.version !== undefined) {
    const published = publishedSheets(centre, book, f.period.key, input.version);
    sheets = which.map((s) => published[sheetNames.indexOf(s)]!);
  }
  return {
    book: book.community,
    period: f.period.key,
    label: f.period.label,
    dates: f.period.dates,
    sheets,
    check: {
      opening: fenToYuan(f.opening.period),
      receipts: fenToYuan(f.totals.receipts.period),
      payments: fenToYuan(f.totals.payments.period),
      closing: fenToYuan(f.closing),
      booksClosing: fenToYuan(f.booksClosing),
      balanced: f.balanced,
      unposted: f.unposted,
      deficits: deficitViews(f.deficits),
    },
    publications: listPublications(centre, book, f.period.key),
    changes,
    version: input.version ?? null,
  };
}
