import type { Book } from './books.js';
import { listBooks } from './books.js';
import type { Centre } from './centre.js';
import { openingImbalance } from './opening.js';
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
}

export function centreStatus(centre: Centre): BookStatus[] {
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
      openingBalanced: openingImbalance(centre, book.id) === 0,
    };
  });
}
