/**
 * Statement layouts (报表格式) as data: which lines a statement prints, in which order, and which
 * accounts or other lines feed each one (layouts/balance-sheet.json, layouts/activities.json). The
 * chart is data, and a revised chart (the 2026 民非制度) may rename or add accounts, so the mapping of
 * account codes to statement lines lives beside it as data too; this module only checks a layout and
 * evaluates its formulas.
 */
import { z } from 'zod';
import { fail } from '../errors.js';
import type { Account } from '../ledger/accounts.js';
import { sumFen, type Fen } from '../money/money.js';
import activitiesLayout from './layouts/activities.json' with { type: 'json' };
import balanceSheetLayout from './layouts/balance-sheet.json' with { type: 'json' };

export type Side = 'debit' | 'credit';

const code = z.string().regex(/^\d{1,12}$/, { error: '科目编码前缀须为 1 至 12 位数字' });
const side = z.enum(['debit', 'credit'], { error: '余额方向须为 debit 或 credit' });
const why = z.string().optional();

/** One account term: every leaf account whose code starts with `account`, its balance on `balance`. */
const termObject = z
  .object({
    account: code,
    sign: z.enum(['+', '-']).default('+'),
    balance: side.optional(),
    /** Only leaf accounts whose full name contains this text (受托代理 sub-accounts of cash). */
    nameIncludes: z.string().min(1).optional(),
    /** Only leaf accounts that are (true) or are not (false) 限定性, by the account's attribute. */
    restricted: z.boolean().optional(),
    why,
  })
  .strict();
/** A bare code is the plain term: that prefix's balance on the line's side, added. */
const term = z.preprocess((value) => (typeof value === 'string' ? { account: value } : value), termObject);
export type Term = z.infer<typeof term>;

/** A line number in a sum; negative to subtract that line. */
const lineRef = z
  .number()
  .int()
  .refine((n) => n !== 0, { error: '行次不能为 0' });

const lineSchema = z
  .object({
    line: z.number().int().positive({ error: '行次须为正整数' }),
    label: z.string().min(1),
    level: z.number().int().min(1).max(4).default(1),
    mark: z.enum(['subtotal', 'total']).optional(),
    balance: side.optional(),
    accounts: z.array(term).optional(),
    /** Line numbers summed; a negative number subtracts that line. */
    lines: z.array(lineRef).optional(),
    release: z.object({ from: code, to: code }).strict().optional(),
    why,
  })
  .strict()
  .refine((l) => [l.accounts, l.lines, l.release].filter((x) => x !== undefined).length === 1, {
    error: '每一行须有且只有 accounts（科目公式）、lines（其他行之和）或 release（限定性净资产转出）之一',
  });
export type LayoutLine = z.infer<typeof lineSchema>;

const heading = z.object({ heading: z.string().min(1) }).strict();
const blank = z.object({ blank: z.literal(true) }).strict();
/** An entry is told apart by its key, so a mistake is reported against the schema it was meant for. */
const entry = z.unknown().transform((value, ctx) => {
  const kind = typeof value === 'object' && value !== null ? value : {};
  const schema = 'heading' in kind ? heading : 'blank' in kind ? blank : lineSchema;
  const parsed = (
    schema as z.ZodType<z.infer<typeof heading> | z.infer<typeof blank> | LayoutLine>
  ).safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});
export type LayoutEntry = z.infer<typeof entry>;

export const isLine = (e: LayoutEntry): e is LayoutLine => 'line' in e;

const common = { form: z.string().min(1), title: z.string().min(1), basis: z.string(), _how: z.unknown() };

const sideSchema = z
  .object({ header: z.string().min(1), balance: side, entries: z.array(entry).min(1) })
  .strict();

const balanceSheetSchema = z.object({ ...common, left: sideSchema, right: sideSchema }).strict();
export type BalanceSheetLayout = z.infer<typeof balanceSheetSchema>;

const activitiesSchema = z
  .object({
    ...common,
    entries: z.array(entry).min(1),
  })
  .strict();
export type ActivitiesLayout = z.infer<typeof activitiesSchema>;

function parseLayout<T>(schema: z.ZodType<T>, input: unknown, name: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `（位置 ${issue.path.join('.')}）` : '';
    fail('invalid_argument', `报表格式 ${name} 无效${where}：${issue.message}`, { field: 'layout' });
  }
  return parsed.data;
}

const describeLine = (l: LayoutLine) => `第 ${l.line} 行“${l.label}”`;

/**
 * The checks a schema cannot make: line numbers unique, every line a formula names exists, and no
 * line depends on itself through other lines. A layout that fails is refused as a whole, naming the
 * line, so a mistake in the data never prints a wrong statement.
 */
function checkLines(lines: LayoutLine[], name: string): void {
  const refuse = (message: string) =>
    fail('invalid_argument', `报表格式 ${name} 无效：${message}`, { field: 'layout' });
  const byNumber = new Map<number, LayoutLine>();
  for (const l of lines) {
    const other = byNumber.get(l.line);
    if (other) refuse(`行次 ${l.line} 重复（“${other.label}”与“${l.label}”）`);
    byNumber.set(l.line, l);
  }
  for (const l of lines) {
    for (const ref of l.lines ?? []) {
      if (!byNumber.has(Math.abs(ref))) refuse(`${describeLine(l)}引用了不存在的行次 ${Math.abs(ref)}`);
    }
  }
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (l: LayoutLine, path: number[]): void => {
    if (state.get(l.line) === 'done') return;
    if (state.get(l.line) === 'visiting') refuse(`行次循环引用：${[...path, l.line].join(' → ')}`);
    state.set(l.line, 'visiting');
    for (const ref of l.lines ?? []) visit(byNumber.get(Math.abs(ref))!, [...path, l.line]);
    state.set(l.line, 'done');
  };
  for (const l of lines) visit(l, []);
}

/** Validates a 资产负债表 layout; both sides print side by side, so they have equally many entries. */
export function parseBalanceSheetLayout(input: unknown, name = 'balance-sheet.json'): BalanceSheetLayout {
  const refuse = (message: string) =>
    fail('invalid_argument', `报表格式 ${name} 无效：${message}`, { field: 'layout' });
  const layout = parseLayout(balanceSheetSchema, input, name);
  const { left, right } = layout;
  const lines = [...left.entries, ...right.entries].filter(isLine);
  checkLines(lines, name);
  if (lines.some((l) => l.release)) refuse('资产负债表不使用 release');
  if (left.entries.length !== right.entries.length) {
    refuse(
      `左右两栏并排打印，条目数须相同（${left.header} ${left.entries.length} 条，${right.header} ${right.entries.length} 条），用 { "blank": true } 补齐`,
    );
  }
  for (const side of [left, right]) {
    if (side.entries.filter((e) => isLine(e) && e.mark === 'total').length !== 1)
      refuse(`“${side.header}”一栏须有且只有一个总计行（mark: total）`);
  }
  return layout;
}

/** Validates a 业务活动表 layout. */
export function parseActivitiesLayout(input: unknown, name = 'activities.json'): ActivitiesLayout {
  const layout = parseLayout(activitiesSchema, input, name);
  checkLines(layout.entries.filter(isLine), name);
  return layout;
}

/** The shipped layouts, checked on first use. */
let balanceSheet: BalanceSheetLayout | undefined;
let activities: ActivitiesLayout | undefined;
export const defaultBalanceSheetLayout = () => (balanceSheet ??= parseBalanceSheetLayout(balanceSheetLayout));
export const defaultActivitiesLayout = () => (activities ??= parseActivitiesLayout(activitiesLayout));

/** True when the leaf account falls under the term. */
export function matches(term: Term, account: Account): boolean {
  return (
    account.code.startsWith(term.account) &&
    (!term.nameIncludes || account.fullName.includes(term.nameIncludes)) &&
    (term.restricted === undefined || account.restricted === term.restricted)
  );
}

/** Debit minus credit turned into the amount on `side`: a credit balance is positive on 'credit'. */
export const onSide = (debitNet: Fen, side: Side): Fen => (side === 'debit' ? debitNet : -debitNet);

/**
 * The value of an account formula: Σ over its terms of sign × (the matching leaves' net on the
 * term's side, the line's side by default). `debitNet` gives a leaf's debit − credit.
 */
export function accountFormula(
  line: LayoutLine,
  lineSide: Side,
  leaves: Account[],
  debitNet: (account: Account) => Fen,
): Fen {
  const parts: Fen[] = [];
  for (const t of line.accounts ?? []) {
    const sideOfTerm = t.balance ?? lineSide;
    for (const account of leaves) {
      if (!matches(t, account)) continue;
      const value = onSide(debitNet(account), sideOfTerm);
      parts.push(t.sign === '-' ? -value : value);
    }
  }
  return sumFen(parts);
}

/**
 * Every line's figures (one amount per column), account formulas given by `own`, sums of lines added
 * column by column. Layouts are checked for unknown lines and cycles, so the recursion ends.
 */
export function evaluateLines(
  lines: LayoutLine[],
  columns: number,
  own: (line: LayoutLine) => Fen[],
): Map<number, Fen[]> {
  const byNumber = new Map(lines.map((l) => [l.line, l]));
  const values = new Map<number, Fen[]>();
  const value = (l: LayoutLine): Fen[] => {
    const known = values.get(l.line);
    if (known) return known;
    let result: Fen[];
    if (l.lines) {
      const refs = l.lines.map((ref) => ({
        sign: Math.sign(ref),
        figures: value(byNumber.get(Math.abs(ref))!),
      }));
      result = Array.from({ length: columns }, (_, c) =>
        sumFen(refs.map((r) => (r.sign < 0 ? -r.figures[c]! : r.figures[c]!))),
      );
    } else {
      result = own(l);
    }
    values.set(l.line, result);
    return result;
  };
  for (const l of lines) value(l);
  return values;
}

/** The one account a line stands for, for drilling into its ledger: a single plain term. */
export function singleAccount(line: LayoutLine, accounts: Account[]): string | undefined {
  const terms = line.accounts ?? [];
  if (terms.length !== 1) return undefined;
  const t = terms[0]!;
  if (t.sign !== '+' || t.nameIncludes || t.balance || t.restricted !== undefined) return undefined;
  return accounts.some((a) => a.code === t.account) ? t.account : undefined;
}
