import { fail } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import type { Book } from '../ledger/books.js';
import type { Centre } from '../ledger/centre.js';
import { parseDate } from '../ledger/period.js';
import { findOperator, operatorName, requireRole, type Actor } from '../ledger/operators.js';
import type { ReportModel } from '../reports/model.js';
import { deficitText, sheetModels, sheetNames, type SheetName, type SignOff } from './sheet-models.js';
import { lastDay } from './period.js';
import { sheetFigures, type SheetFigures } from './sheets.js';

/**
 * Publishing a period's sheets keeps an immutable copy of exactly what went on the board: the three
 * sheets as drawn, with the date and the names that signed. The database refuses to change or delete
 * it. When the books are corrected afterwards, publishing again makes the next version, which lists
 * what differs from the one before; the earlier version stays as it was.
 */

export interface Change {
  what: string;
  before: string;
  after: string;
  /** Whether the cell is an amount (shown with separators) or text such as a summary or a note. */
  amount: boolean;
}

export interface Publication {
  id: number;
  book: string;
  period: string;
  version: number;
  publishedOn: string;
  /** The day it was recorded here (China time); later than publishedOn for a 补录. */
  recordedOn: string;
  /** Dated before the day it was recorded: a sheet already on the board, entered afterwards. */
  backdated: boolean;
  /** Why it was entered afterwards (null when published on the day, or recorded before reasons were kept). */
  backdateReason: string | null;
  displayDays: number;
  preparer: string;
  reviewer: string;
  communityHead: string;
  oversightOpinion: string;
  oversightSigner: string;
  changes: Change[];
  createdAt: string;
}

interface Content {
  /** Flat figures for comparing versions: '收入·卫生费·本期' → '1260.00'. */
  figures: Record<string, string>;
  sheets: ReportModel[];
}

interface PublicationRow {
  id: number;
  book_id: number;
  period: string;
  version: number;
  published_on: string;
  display_days: number;
  preparer_id: number;
  reviewer_id: number;
  community_head: string;
  oversight_opinion: string;
  oversight_signer: string;
  content: string;
  changes: string;
  created_at: string;
  backdate_reason: string | null;
}

/**
 * Everything a reader of the board sees, under a readable name, so two versions compare line by line:
 * each cell (amounts and text such as 结余处理) under its row and column, and each note (资产状况, 大写).
 * Rows are named by their label without the item number (so adding an item shifts nothing); Sheet B
 * rows by date, voucher and item; a name that repeats gets #2, #3.
 */
const sheetOf = (model: ReportModel) => model.title.replace(/^.*居民委员会/, '');

export function flatFigures(models: ReportModel[]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const model of models) {
    const sheet = sheetOf(model);
    const label = model.columns.find((c) => c.kind === 'text')!;
    const itemised = model.columns.some((c) => c.key === 'voucher');
    const inKey = new Set(itemised ? ['no', 'date', 'voucher', 'item'] : ['no', label.key]);
    const seen = new Map<string, number>();
    for (const row of model.rows) {
      const c = row.cells;
      const base =
        itemised && c.voucher
          ? `${c.date} ${c.voucher}（${c.item}）`
          : (c[label.key] ?? '').replace(/^\d+\./, '');
      if (!base) continue;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const key = n > 1 ? `${base}#${n}` : base;
      for (const column of model.columns) {
        if (inKey.has(column.key)) continue;
        const value = c[column.key] ?? '';
        if (value !== '') flat[`${sheet}·${key}·${column.header}`] = value;
      }
    }
    (model.notes ?? []).forEach((note, i) => (flat[`${sheet}·注${i + 1}`] = note));
  }
  return flat;
}

/**
 * Which flat names are amounts: those under an amount column of their sheet (`sheet·row·header`). Notes
 * and text cells (摘要, 备注, 结余处理) are not, so a new line's summary is never shown as a figure.
 */
function amountNames(models: ReportModel[]): (what: string) => boolean {
  const columns = new Set(
    models.flatMap((m) =>
      m.columns.filter((c) => c.kind === 'amount').map((c) => `${sheetOf(m)}·${c.header}`),
    ),
  );
  return (what) =>
    columns.has(`${what.slice(0, what.indexOf('·'))}·${what.slice(what.lastIndexOf('·') + 1)}`);
}

/** What differs between two versions' figures; `models` (either version's sheets) say which are amounts. */
export function diffFigures(
  before: Record<string, string>,
  after: Record<string, string>,
  models: ReportModel[],
): Change[] {
  const isAmount = amountNames(models);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => (before[k] ?? '') !== (after[k] ?? ''))
    .map((k) => ({ what: k, before: before[k] ?? '', after: after[k] ?? '', amount: isAmount(k) }));
}

/** The day of an ISO instant in China (UTC+8), as `centre.today()` counts days. */
const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

const toPublication = (centre: Centre, book: Book, r: PublicationRow): Publication => ({
  id: r.id,
  book: book.community,
  period: r.period,
  version: r.version,
  publishedOn: r.published_on,
  recordedOn: chinaDay(r.created_at),
  backdated: r.published_on < chinaDay(r.created_at),
  backdateReason: r.backdate_reason,
  displayDays: r.display_days,
  preparer: operatorName(centre, r.preparer_id) ?? '',
  reviewer: operatorName(centre, r.reviewer_id) ?? '',
  communityHead: r.community_head,
  oversightOpinion: r.oversight_opinion,
  oversightSigner: r.oversight_signer,
  changes: storedChanges(r),
  createdAt: r.created_at,
});

/** The stored differences; versions published before they said which are amounts learn it from their sheets. */
function storedChanges(r: PublicationRow): Change[] {
  const changes = JSON.parse(r.changes) as Array<Omit<Change, 'amount'> & { amount?: boolean }>;
  if (changes.every((c) => c.amount !== undefined)) return changes as Change[];
  const isAmount = amountNames((JSON.parse(r.content) as Content).sheets);
  return changes.map((c) => ({ ...c, amount: c.amount ?? isAmount(c.what) }));
}

function rows(centre: Centre, book: Book, period?: string): PublicationRow[] {
  return centre
    .sql(
      `SELECT * FROM disclosure_publication WHERE book_id = @book AND (@period IS NULL OR period = @period)
       ORDER BY period, version`,
    )
    .all({ book: book.id, period: period ?? null }) as PublicationRow[];
}

export function listPublications(centre: Centre, book: Book, period?: string): Publication[] {
  return rows(centre, book, period).map((r) => toPublication(centre, book, r));
}

export function latestPublication(
  centre: Centre,
  book: Book,
  period: string,
): { publication: Publication; content: Content } | undefined {
  const row = rows(centre, book, period).at(-1);
  return row
    ? { publication: toPublication(centre, book, row), content: JSON.parse(row.content) as Content }
    : undefined;
}

/** The sheets exactly as a version was published. */
export function publishedSheets(centre: Centre, book: Book, period: string, version?: number): ReportModel[] {
  const all = rows(centre, book, period);
  const row = version === undefined ? all.at(-1) : all.find((r) => r.version === version);
  if (!row) {
    fail('not_found', `${book.community}${period}${version ? `第${version}版` : ''}尚未公开`, {
      field: 'version',
    });
  }
  return (JSON.parse(row.content) as Content).sheets;
}

export const signOffOf = (p: Publication): SignOff => ({
  preparer: p.preparer,
  reviewer: p.reviewer,
  communityHead: p.communityHead,
  oversightOpinion: p.oversightOpinion,
  oversightSigner: p.oversightSigner,
  publishedOn: p.publishedOn,
  ...(p.backdated ? { backdate: { recordedOn: p.recordedOn, reason: p.backdateReason } } : {}),
  displayDays: p.displayDays,
});

/**
 * The sheets as the books give them now, and what changed since the latest published version (null
 * when never published). They carry that version's signatures only while the books still say what was
 * signed; after a change they are unsigned and say so.
 */
export function currentSheets(
  centre: Centre,
  book: Book,
  f: SheetFigures,
  which: SheetName[] = sheetNames,
): { sheets: ReportModel[]; changes: Change[] | null } {
  const latest = latestPublication(centre, book, f.period.key);
  if (!latest) return { sheets: sheetModels(f, which), changes: null };
  const now = sheetModels(f);
  const changes = diffFigures(latest.content.figures, flatFigures(now), now);
  if (changes.length === 0) return { sheets: sheetModels(f, which, signOffOf(latest.publication)), changes };
  const { version, publishedOn } = latest.publication;
  const note = `注意：第 ${version} 版公开（${publishedOn}）后账簿有变动，本表为当前账簿数，须重新审核后公开。`;
  const sheets = sheetModels(f, which).map((m) => ({ ...m, notes: [...(m.notes ?? []), note] }));
  return { sheets, changes };
}

export interface PublishInput {
  period: string;
  publishedOn?: string | undefined;
  /** Required when publishedOn is before today: the sheet went up then and is recorded now (补录). */
  backdateReason?: string | undefined;
  displayDays?: number | undefined;
  reviewer: string;
  communityHead: string;
  oversightOpinion?: string | undefined;
  oversightSigner: string;
}

export function publish(actor: Actor, book: Book, input: PublishInput): Publication {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '公开财务收支');
  const reviewer = findOperator(centre, input.reviewer);
  if (reviewer.role !== 'reviewer' && reviewer.role !== 'supervisor') {
    fail('forbidden', `审核人“${reviewer.name}”须是审核员或主管`, { field: 'reviewer' });
  }
  if (reviewer.id === operator.id) fail('forbidden', '审核人不能是制表人本人', { field: 'reviewer' });
  const displayDays = input.displayDays ?? 15;
  if (!Number.isInteger(displayDays) || displayDays < 15) {
    fail('invalid_argument', `公开期限至少 15 天（填的是 ${input.displayDays}）`, { field: 'displayDays' });
  }
  const today = centre.today();
  const publishedOn = parseDate(input.publishedOn ?? today, '公开日期');
  for (const [field, label] of [
    ['communityHead', '社区负责人'],
    ['oversightSigner', '议事和监督委员会签名人'],
  ] as const) {
    if (!input[field].trim()) fail('invalid_argument', `请填写${label}`, { field });
  }

  const f = sheetFigures(centre, book, input.period);
  if (publishedOn > today) {
    fail('invalid_argument', `公开日期 ${publishedOn} 还没到：只能记录已经张贴的公开`, {
      field: 'publishedOn',
    });
  }
  if (publishedOn <= lastDay(f.period.to)) {
    fail('invalid_argument', `公开日期 ${publishedOn} 须在${f.period.label}结束之后`, {
      field: 'publishedOn',
    });
  }
  if (!f.balanced) {
    fail('unbalanced', `${f.book.community}${f.period.label}公开表期末结余与账簿货币资金余额不符，不能公开`, {
      field: 'period',
    });
  }
  if (f.deficits.length > 0) {
    fail(
      'cash_deficit',
      `${f.book.community}${f.period.label}有货币资金低于零：${f.deficits.map(deficitText).join('；')}。更正账簿后才能公开`,
      { field: 'period' },
    );
  }
  if (f.unposted > 0) {
    fail(
      'voucher_state',
      `${f.book.community}${f.period.label}还有 ${f.unposted} 张凭证未记账，记账后才能公开`,
      {
        field: 'period',
      },
    );
  }
  const backdateReason = publishedOn < today ? input.backdateReason?.trim() || null : null;
  if (publishedOn < today && !backdateReason) {
    fail(
      'invalid_argument',
      `公开日期 ${publishedOn} 早于今天（${today}），是补录已张贴的公开：请填写补录原因，表上将注明“补录”`,
      { field: 'backdateReason' },
    );
  }
  const sign: SignOff = {
    preparer: operator.name,
    reviewer: reviewer.name,
    communityHead: input.communityHead.trim(),
    oversightOpinion: input.oversightOpinion?.trim() || '同意公开',
    oversightSigner: input.oversightSigner.trim(),
    publishedOn,
    ...(backdateReason ? { backdate: { recordedOn: today, reason: backdateReason } } : {}),
    displayDays,
  };
  const sheets = sheetModels(f, sheetNames, sign);
  const figures = flatFigures(sheets);
  const latest = latestPublication(centre, book, f.period.key);
  const changes = latest ? diffFigures(latest.content.figures, figures, sheets) : [];
  if (latest && changes.length === 0) {
    fail(
      'duplicate',
      `${f.period.label}的公开表与已公开的第 ${latest.publication.version} 版相同，无需重新公开`,
      {
        field: 'period',
      },
    );
  }
  const version = (latest?.publication.version ?? 0) + 1;
  const id = Number(
    centre
      .sql(
        `INSERT INTO disclosure_publication (book_id, period, version, published_on, display_days, preparer_id,
           reviewer_id, community_head, oversight_opinion, oversight_signer, content, changes, created_at,
           backdate_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        book.id,
        f.period.key,
        version,
        publishedOn,
        displayDays,
        operator.id,
        reviewer.id,
        sign.communityHead!,
        sign.oversightOpinion!,
        sign.oversightSigner!,
        JSON.stringify({ figures, sheets } satisfies Content),
        JSON.stringify(changes),
        centre.now(),
        backdateReason,
      ).lastInsertRowid,
  );
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'disclosure.publish',
    entity: 'disclosure_publication',
    entityId: id,
    bookId: book.id,
    after: { period: f.period.key, version, publishedOn, backdateReason, changes: changes.length },
  });
  return listPublications(centre, book, f.period.key).at(-1)!;
}
