import type { ApiOutput } from '../api';
import { kindText } from '../labels';
import { fenText, grouped, toFen } from '../money';

/**
 * Words and figures for the grant screens (户数, 应拨经费). Amounts, rates and shares stay decimal text
 * from the API to the screen: nothing here passes a figure through binary floating point.
 */

export type GrantPolicy = ApiOutput<'grant.policies'>[number];
export type EntitlementRow = ApiOutput<'grant.entitlement'>['rows'][number];

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** An amount as written in a sentence: '100000.00' → '100,000.00', '8' → '8.00'. */
export function money(value: string): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) return value;
  const [, whole = '0', cents = ''] = match;
  return `${grouped(whole.replace(/^0+(?=\d)/, ''))}.${cents.padEnd(2, '0')}`;
}

/** An amount as plain decimal text for a file: '8' → '8.00', '100000.5' → '100000.50'. */
export function plainAmount(value: string): string {
  const match = DECIMAL.exec(value.trim());
  return match ? `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}` : value;
}

/** Decimal text with the point moved `places` to the right (left when negative), normalised. */
export function shiftDecimal(value: string, places: number): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) return value;
  const [, whole = '0', fraction = ''] = match;
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const integer = digits.slice(0, point).replace(/^0+/, '') || '0';
  const rest = digits.slice(point).replace(/0+$/, '');
  return rest ? `${integer}.${rest}` : integer;
}

/** A policy share as a percentage: '0.7' → '70%'. */
export function percent(share: string): string {
  return `${shiftDecimal(share, 2)}%`;
}

export const instalmentText: Record<string, string> = {
  yearly: '全年一次拨付',
  halves: '分上下半年拨付',
  quarterly: '按季度拨付',
};

export const householdBasisText: Record<string, string> = {
  resident: '常住户数',
  registered: '户籍户数',
};

/**
 * A policy in plain Chinese, e.g. 市区：基数 100,000.00 元 + 每折算户 60.00 元，折算户数 = 常住 × 70% +
 * 户籍 × 30%，分上下半年拨付.
 */
export function policyText(policy: GrantPolicy): string {
  const kind = kindText[policy.kind] ?? policy.kind;
  const paid = instalmentText[policy.instalments] ?? policy.instalments;
  if (policy.rule === 'base_plus_households') {
    const reduction = shiftDecimal(policy.reduction, 0) === '0' ? '' : `，核减 ${percent(policy.reduction)}`;
    return (
      `${kind}：基数 ${money(policy.base)} 元 + 每折算户 ${money(policy.perHousehold)} 元，` +
      `折算户数 = 常住 × ${percent(policy.residentWeight)} + 户籍 × ${percent(policy.registeredWeight)}` +
      `${reduction}，${paid}`
    );
  }
  const base = policy.base && shiftDecimal(policy.base, 0) !== '0' ? `基数 ${money(policy.base)} 元 + ` : '';
  return (
    `${kind}：${base}每户 ${money(policy.minRate)}–${money(policy.maxRate)} 元` +
    `（默认 ${money(policy.defaultRate)} 元），按${householdBasisText[policy.households] ?? policy.households}，${paid}`
  );
}

/** Whether a kind's policy for the year lets each community choose a rate per household. */
export function ratePolicy(
  policies: readonly GrantPolicy[] | undefined,
  year: number,
  kind: string,
): Extract<GrantPolicy, { rule: 'per_household' }> | undefined {
  const policy = policies?.find((p) => p.year === year && p.kind === kind);
  return policy?.rule === 'per_household' ? policy : undefined;
}

/** The instalments of all sources added up by label: '上半年 105,500.00，下半年 105,500.00'. */
export function instalmentSummary(entitlement: NonNullable<EntitlementRow['entitlement']>): string {
  const byLabel = new Map<string, bigint>();
  for (const source of entitlement.sources)
    for (const instalment of source.instalments)
      byLabel.set(instalment.label, (byLabel.get(instalment.label) ?? 0n) + toFen(instalment.amount));
  return [...byLabel].map(([label, fen]) => `${label} ${fenText(fen)}`).join('，');
}

/** A whole number typed by the user ('2,000' allowed), or undefined when it is not one. */
export function parseCount(text: string): number | undefined {
  const clean = text.replace(/[,，\s]/g, '');
  if (!/^\d+$/.test(clean)) return undefined;
  const value = Number(clean);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** One CSV field, quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document as Excel on a Chinese Windows opens it: UTF-8 with BOM, CRLF line ends. */
export function csvDocument(rows: Array<Array<string | number | null | undefined>>): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The year the screens open on: this computer's current year. */
export function thisYear(): number {
  return new Date().getFullYear();
}
