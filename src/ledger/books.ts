import { fail, type RowError } from '../errors.js';
import { recordAudit } from './audit.js';
import { chartTemplate, defaultChartTemplate, insertChart, planChart, type ChartRow } from './accounts.js';
import type { Centre } from './centre.js';
import { findCommunity, type CommunityKind } from './communities.js';
import { requireRole, type Actor } from './operators.js';
import { parsePeriod, type Period } from './period.js';

export const voucherWords = ['记', '收', '付', '转'] as const;
export type VoucherWord = (typeof voucherWords)[number];

export interface Book {
  id: number;
  community: string;
  communityCode: string;
  communityKind: CommunityKind;
  startPeriod: Period;
  chart: string;
  voucherWords: VoucherWord[];
  /** 赤字控制: what saving or posting does when cash or bank would fall below zero. */
  deficitControl: DeficitControl;
}

export const deficitControls = ['warn', 'refuse'] as const;
export type DeficitControl = (typeof deficitControls)[number];

interface BookRow {
  id: number;
  community: string;
  communityCode: string;
  communityKind: CommunityKind;
  startPeriod: string;
  chart: string;
  voucherWords: string;
  deficitControl: DeficitControl;
}

const bookSelect = `SELECT b.id, c.name AS community, c.code AS communityCode, c.kind AS communityKind,
  b.start_period AS startPeriod, b.chart, b.voucher_words AS voucherWords, b.deficit_control AS deficitControl
  FROM book b JOIN community c ON c.id = b.community_id`;

const toBook = (row: BookRow): Book => ({
  ...row,
  voucherWords: row.voucherWords.split(',') as VoucherWord[],
});

export function listBooks(centre: Centre): Book[] {
  return (centre.sql(`${bookSelect} ORDER BY c.code`).all() as BookRow[]).map(toBook);
}

/** A book is named by its community's name or code. */
export function findBook(centre: Centre, ref: string): Book {
  const row = centre.sql(`${bookSelect} WHERE c.name = @ref OR c.code = @ref`).get({ ref: ref.trim() }) as
    BookRow | undefined;
  if (!row) {
    const community = centre
      .sql('SELECT name FROM community WHERE name = @ref OR code = @ref')
      .get({ ref: ref.trim() });
    fail('not_found', community ? `社区“${ref}”还没有建账` : `没有名称或编号为“${ref}”的社区账套`, {
      field: 'book',
    });
  }
  return toBook(row);
}

export interface BookInput {
  community: string;
  startPeriod: string;
  /** A chart template id; ignored when chartRows are given. */
  chart?: string | undefined;
  /** An imported chart (科目编码, 科目名称, 余额方向), with the file name to record. */
  chartRows?: ChartRow[] | undefined;
  chartSource?: string | undefined;
  /** Problems the chart file reader found, reported together with the chart's own checks. */
  chartErrors?: RowError[] | undefined;
  voucherWords?: VoucherWord[] | undefined;
}

export function createBook(actor: Actor, input: BookInput): Book {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '建立账套');
  const community = findCommunity(centre, input.community);
  if (centre.sql('SELECT 1 FROM book WHERE community_id = ?').get(community.id)) {
    fail('duplicate', `社区“${community.name}”已经建账，每个社区只有一套账`, { field: 'community' });
  }
  const startPeriod = parsePeriod(input.startPeriod, '启用期间');
  const words = checkWords(input.voucherWords ?? ['记']);
  const template = chartTemplate(
    input.chartRows ? defaultChartTemplate : (input.chart ?? defaultChartTemplate),
  );
  const source = input.chartRows ? (input.chartSource ?? '导入的科目表') : template.id;
  const planned = planChart(input.chartRows ?? template.accounts, source, input.chartErrors);

  const bookId = Number(
    centre
      .sql(
        'INSERT INTO book (community_id, start_period, chart, voucher_words, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(community.id, startPeriod, source, words.join(','), centre.now()).lastInsertRowid,
  );
  insertChart(centre, bookId, planned);
  const items = [
    ...template.disclosureItems.receipt.map((name) => ({ name, direction: 'receipt' })),
    ...template.disclosureItems.payment.map((name) => ({ name, direction: 'payment' })),
  ];
  items.forEach(({ name, direction }, position) =>
    centre
      .sql('INSERT INTO disclosure_item (book_id, name, direction, position) VALUES (?, ?, ?, ?)')
      .run(bookId, name, direction, position + 1),
  );
  const book = findBook(centre, community.code);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'book.create',
    entity: 'book',
    entityId: bookId,
    bookId,
    after: { ...book, accounts: planned.length },
  });
  return book;
}

export function setVoucherWords(actor: Actor, book: Book, words: VoucherWord[]): Book {
  const { centre, operator } = actor;
  requireRole(operator, ['supervisor'], '设置凭证字');
  const checked = checkWords(words);
  centre.sql('UPDATE book SET voucher_words = ? WHERE id = ?').run(checked.join(','), book.id);
  const after = findBook(centre, book.communityCode);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'book.words',
    entity: 'book',
    entityId: book.id,
    bookId: book.id,
    before: book,
    after,
  });
  return after;
}

/** 赤字控制 of a book: warn (the default, as 用友) or refuse; a supervisor's choice, audited. */
export function setDeficitControl(actor: Actor, book: Book, control: DeficitControl): Book {
  const { centre, operator } = actor;
  requireRole(operator, ['supervisor'], '设置赤字控制');
  centre.sql('UPDATE book SET deficit_control = ? WHERE id = ?').run(control, book.id);
  const after = findBook(centre, book.communityCode);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'book.deficitControl',
    entity: 'book',
    entityId: book.id,
    bookId: book.id,
    before: { deficitControl: book.deficitControl },
    after: { deficitControl: after.deficitControl },
  });
  return after;
}

function checkWords(words: string[]): VoucherWord[] {
  const unique = [...new Set(words.map((w) => w.trim()))];
  if (unique.length === 0) fail('invalid_argument', '至少启用一个凭证字', { field: 'voucherWords' });
  for (const word of unique) {
    if (!(voucherWords as readonly string[]).includes(word)) {
      fail('invalid_argument', `凭证字“${word}”无效，可用：记、收、付、转`, { field: 'voucherWords' });
    }
  }
  return unique as VoucherWord[];
}
