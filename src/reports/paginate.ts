import type { ReportModel, Row, Signature } from './model.js';

/**
 * Pagination of the printed books (明细账, 日记账, 多栏账) with 过次页 / 承前页 rows (会计基础工作规范
 * 第60条(八)): every printed page holds `perPage` body rows; each page but the last ends with a 过次页
 * row, and the next page starts (Row.pageBreak) with a 承前页 row repeating the same figures.
 *
 * The figures carried are the builder's: our books strike 本月合计 every month, so the builders carry
 * the debit and credit from the start of the month to the end of the page (reset after each 本月合计
 * row) together with the balance. This helper only places the rows; it does no arithmetic.
 */

/** Body rows per printed A4 page: what fits under the title and the repeated header in both renderers. */
export const rowsPerPage = (orientation: ReportModel['orientation']): number =>
  orientation === 'landscape' ? 24 : 38;

export interface PagedEntry {
  row: Row;
  /** The cells a 过次页 row placed right after this row shows (carried amounts and the balance). */
  carry: Record<string, string>;
}

export interface PaginateOptions {
  perPage: number;
  /** The column the words 过次页 / 承前页 go into (摘要). */
  labelKey: string;
}

export const CARRY_FORWARD = '过次页';
export const BROUGHT_FORWARD = '承前页';

function carryRow(label: string, cells: Record<string, string>, labelKey: string, pageBreak: boolean): Row {
  return { cells: { ...cells, [labelKey]: label }, mark: 'subtotal', ...(pageBreak ? { pageBreak } : {}) };
}

/**
 * The rows of the whole book, paginated. With n body rows and p = perPage, the first page holds p − 1
 * of them, a middle page p − 2, and the last page whatever is left after its 承前页; so every page but
 * the last has exactly p rows and the number of pages is ceil(printed rows / p). `perPage` of 0 (or
 * Infinity) leaves the rows as they are, for the screen.
 */
export function paginate(entries: PagedEntry[], options: PaginateOptions): Row[] {
  const { perPage, labelKey } = options;
  if (!Number.isFinite(perPage) || perPage <= 0) return entries.map((e) => e.row);
  if (perPage < 3) throw new Error(`paginate: perPage must be at least 3, got ${perPage}`);
  const rows: Row[] = [];
  let index = 0;
  let carried: Record<string, string> | undefined;
  while (index < entries.length) {
    const page: Row[] = [];
    if (carried) page.push(carryRow(BROUGHT_FORWARD, carried, labelKey, true));
    const room = perPage - page.length;
    const left = entries.length - index;
    if (left <= room) {
      page.push(...entries.slice(index).map((e) => e.row));
      index = entries.length;
    } else {
      const take = room - 1;
      page.push(...entries.slice(index, index + take).map((e) => e.row));
      index += take;
      carried = entries[index - 1]!.carry;
      page.push(carryRow(CARRY_FORWARD, carried, labelKey, false));
    }
    rows.push(...page);
  }
  return rows;
}

/** The signature line of a bound book's pages: 记账人 and 会计主管 (会计基础工作规范 第58条). */
export const bookSignatures = (): Signature[][] => [[{ label: '记账人' }, { label: '会计主管' }]];

/** What every paginated book (明细账, 日记账, 多栏账) prints around its rows. */
export function pagedBook(
  report: { title: string; book: string; period: string; includeUnposted: boolean },
  page: {
    orientation: ReportModel['orientation'];
    meta: string[];
    columns: ReportModel['columns'];
    entries: PagedEntry[];
    perPage?: number | undefined;
    sheetName?: string;
  },
): ReportModel {
  return {
    title: report.title,
    subtitle: report.book,
    period: report.period,
    unit: '元',
    orientation: page.orientation,
    meta: page.meta,
    columns: page.columns,
    rows: paginate(page.entries, {
      perPage: page.perPage ?? rowsPerPage(page.orientation),
      labelKey: 'summary',
    }),
    notes: report.includeUnposted ? ['注：本账包含未记账凭证。'] : [],
    signatures: bookSignatures(),
    ...(page.sheetName ? { sheetName: page.sheetName } : {}),
  };
}
