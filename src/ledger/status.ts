import { fenToYuan } from '../money/money.js';
import type { Book } from './books.js';
import { listBooks } from './books.js';
import { negativeCashBalances } from './cash-balances.js';
import type { Centre } from './centre.js';
import { listCommunities, type Community } from './communities.js';
import { openingImbalance, yearMovementImbalance } from './opening.js';
import { nextPeriod, periodsBetween, previousPeriod, type Period } from './period.js';

/** What is due in one book: the centre dashboard shows one of these per community. */
export interface BookStatus {
  book: Book;
  drafts: number;
  reviewed: number;
  posted: number;
  lastClosed: Period | null;
  /** Months that have ended but are not closed yet, oldest first. */
  monthsToClose: Period[];
  openingBalanced: boolean;
  /** Cash and bank accounts whose posted balance is below zero: always an entry to correct. */
  negativeCash: Array<{ code: string; name: string; balance: string }>;
}

/** One row of the dashboard: every community, with what is due once it has its book (建账). */
export type CommunityStatus = { community: Community } & (BookStatus | { book: null });

export function centreStatus(centre: Centre): CommunityStatus[] {
  const books = new Map(bookStatuses(centre).map((status) => [status.book.communityCode, status]));
  return listCommunities(centre).map((community) => ({
    community,
    ...(books.get(community.code) ?? { book: null }),
  }));
}

function bookStatuses(centre: Centre): BookStatus[] {
  const counts = new Map(
    (
      centre
        .sql(
          `SELECT book_id AS id, sum(status = 'draft') AS drafts, sum(status = 'reviewed') AS reviewed,
                  sum(status = 'posted') AS posted
           FROM voucher GROUP BY book_id`,
        )
        .all() as Array<{ id: number; drafts: number; reviewed: number; posted: number }>
    ).map((r) => [r.id, r]),
  );
  const closes = new Map(
    (
      centre
        .sql('SELECT book_id AS id, max(period) AS period FROM period_close GROUP BY book_id')
        .all() as Array<{ id: number; period: string }>
    ).map((r) => [r.id, r.period]),
  );
  const lastEnded = previousPeriod(centre.today().slice(0, 7));
  return listBooks(centre).map((book) => {
    const count = counts.get(book.id);
    const lastClosed = closes.get(book.id) ?? null;
    const firstOpen = lastClosed ? nextPeriod(lastClosed) : book.startPeriod;
    return {
      book,
      drafts: count?.drafts ?? 0,
      reviewed: count?.reviewed ?? 0,
      posted: count?.posted ?? 0,
      lastClosed,
      monthsToClose: firstOpen <= lastEnded ? periodsBetween(firstOpen, lastEnded) : [],
      openingBalanced:
        openingImbalance(centre, book.id) === 0 && yearMovementImbalance(centre, book.id) === 0,
      negativeCash: negativeCashBalances(centre, book).map((deficit) => ({
        code: deficit.code,
        name: deficit.name,
        balance: fenToYuan(deficit.balance),
      })),
    };
  });
}
