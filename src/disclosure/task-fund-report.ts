import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { findCommunity } from '../ledger/communities.js';
import { periodLabel } from '../ledger/period.js';
import { preparerAndReviewer, type ReportModel } from '../reports/model.js';
import { lastDay, type DisclosurePeriod } from './period.js';
import { sheetC } from './sheet-models.js';
import { taskFundFigures } from './sheets.js';

/**
 * 专项资金（费随事转）使用情况表 for any months of one year: the figures of the board's Sheet C, as a
 * report of the books (the centre's own signatures, no 居务公开 block).
 */
export function taskFundReport(centre: Centre, book: Book, from: string, to: string): ReportModel {
  const year = Number(to.slice(0, 4));
  const start = from < book.startPeriod ? book.startPeriod : from;
  const label = start === to ? periodLabel(to) : `${periodLabel(start)}至${periodLabel(to)}`;
  const period: DisclosurePeriod = {
    key: `${start}~${to}`,
    kind: 'month',
    year,
    from: start,
    to,
    label,
    dates: `${start}-01至${lastDay(to)}`,
  };
  const yearStart = `${year}-01` < book.startPeriod ? book.startPeriod : `${year}-01`;
  const taskFunds = taskFundFigures(centre, book, period, start < yearStart ? yearStart : start, yearStart);
  const community = findCommunity(centre, book.communityCode);
  const model = sheetC({
    period,
    book: {
      id: book.id,
      community: book.community,
      title: `${community.subdistrict}${book.community}居民委员会`,
    },
    taskFunds,
    // A report of the books, not a sheet for the board: no check line.
    balanced: true,
    closing: 0,
    booksClosing: 0,
    unposted: 0,
    deficits: [],
  });
  return {
    ...model,
    title: '专项资金（费随事转）使用情况表',
    sheetName: '专项资金',
    meta: [`期间：${period.dates}`],
    notes: ['上年结转：年初结余；本期拨入、本期使用：所选月份；累计使用：项目开始至期末；结余：期末结余。'],
    signatures: preparerAndReviewer(),
  };
}
