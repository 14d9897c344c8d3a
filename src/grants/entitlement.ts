/**
 * A community's yearly entitlement under a grant policy: the amount per source (base grant, household
 * grant), each split into instalments, and the calculation written out as an accountant would. All
 * arithmetic is exact in decimal.js; each source is rounded half-up to 分 once, at its end.
 */
import { Decimal } from 'decimal.js';
import { fail } from '../errors.js';
import { formatAmount, sumFen, type Fen } from '../money/money.js';
import {
  instalmentLabels,
  type BasePlusHouseholdsPolicy,
  type GrantPolicy,
  type InstalmentPlan,
  type PerHouseholdPolicy,
} from './policy.js';

// toExpNeg/toExpPos: toString() always writes plain digits, never exponent notation.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
const RATE = /^[0-9]+(?:\.[0-9]{1,2})?$/;

export type GrantSource = 'base' | 'household';

export const grantSourceLabels: Record<GrantSource, string> = {
  base: '基数拨款',
  household: '按户拨款',
};

export interface Households {
  resident: number;
  registered: number;
}

export interface Instalment {
  label: string;
  amount: Fen;
}

export interface SourceEntitlement {
  source: GrantSource;
  label: string;
  amount: Fen;
  instalments: Instalment[];
}

export interface Entitlement {
  total: Fen;
  sources: SourceEntitlement[];
  /** The exact household count the grant is paid on, e.g. '1800.6' (折算户数, or the count a rural rate uses). */
  weightedHouseholds: string;
  /** e.g. '100,000 + 60 × (2,000 × 70% + 1,500 × 30%) = 100,000 + 60 × 1,850 = 211,000.00' */
  working: string;
}

/** What a rule works out before rounding: exact 元 per source, the households used, the written sum. */
interface Calculation {
  sources: Array<{ source: GrantSource; yuan: Decimal }>;
  households: Decimal;
  working: (result: string) => string;
}

export function computeEntitlement(
  policy: GrantPolicy,
  households: Households,
  options: { rate?: string } = {},
): Entitlement {
  checkCount(households.resident, '常住户数', 'households.resident');
  checkCount(households.registered, '户籍户数', 'households.registered');
  const calculation =
    policy.rule === 'base_plus_households'
      ? basePlusHouseholds(policy, households, options.rate)
      : perHousehold(policy, households, options.rate);
  const sources = calculation.sources.map(({ source, yuan }) => {
    const amount = roundToFen(yuan, grantSourceLabels[source]);
    const instalments = splitInstalments(amount, policy.instalments);
    return { source, label: grantSourceLabels[source], amount, instalments };
  });
  const total = sumFen(sources.map((source) => source.amount));
  return {
    total,
    sources,
    weightedHouseholds: calculation.households.toString(),
    working: calculation.working(formatAmount(total)),
  };
}

/**
 * Split an amount evenly into the plan's instalments, in whole 分; the remainder goes one 分 each to the
 * first instalments, so the instalments always add up to the amount exactly.
 */
export function splitInstalments(amount: Fen, plan: InstalmentPlan): Instalment[] {
  const labels = instalmentLabels[plan];
  const remainder = ((amount % labels.length) + labels.length) % labels.length;
  const share = (amount - remainder) / labels.length;
  return labels.map((label, index) => ({ label, amount: index < remainder ? share + 1 : share }));
}

function basePlusHouseholds(
  policy: BasePlusHouseholdsPolicy,
  { resident, registered }: Households,
  rate: string | undefined,
): Calculation {
  if (rate !== undefined) {
    fail('invalid_argument', '该拨款政策按折算户数计算，不能指定每户拨款标准（rate）', { field: 'rate' });
  }
  const base = new D(policy.base);
  const perHousehold = new D(policy.perHousehold);
  const weighted = new D(resident)
    .times(policy.residentWeight)
    .plus(new D(registered).times(policy.registeredWeight));
  const household = perHousehold.times(weighted);
  const kept = new D(1).minus(policy.reduction);
  const start = `${number(base)} + ${number(perHousehold)} × `;
  const weighting = `${number(resident)} × ${percent(policy.residentWeight)} + ${number(registered)} × ${percent(policy.registeredWeight)}`;
  return {
    sources: [
      { source: 'base', yuan: base.times(kept) },
      { source: 'household', yuan: household.times(kept) },
    ],
    households: weighted,
    working: (result) =>
      kept.eq(1)
        ? `${start}(${weighting}) = ${start}${number(weighted)} = ${result}`
        : `(${start}${number(weighted)}) × (1 − ${percent(policy.reduction)}) = ${number(base.plus(household))} × ${percent(kept)} = ${result}`,
  };
}

function perHousehold(
  policy: PerHouseholdPolicy,
  households: Households,
  rateText: string = policy.defaultRate,
): Calculation {
  const rate = checkRate(policy, rateText);
  const count = new D(households[policy.households]);
  const base = new D(policy.base ?? 0);
  const sources: Calculation['sources'] = [{ source: 'household', yuan: rate.times(count) }];
  if (base.gt(0)) sources.unshift({ source: 'base', yuan: base });
  const start = base.gt(0) ? `${number(base)} + ` : '';
  return {
    sources,
    households: count,
    working: (result) => `${start}${number(rate)} × ${number(count)} = ${result}`,
  };
}

function checkRate(policy: PerHouseholdPolicy, rateText: string): Decimal {
  if (typeof rateText !== 'string' || !RATE.test(rateText)) {
    fail('invalid_argument', '每户拨款标准（rate）须为最多两位小数的金额文本，如 "8.00"', { field: 'rate' });
  }
  const rate = new D(rateText);
  if (rate.lt(policy.minRate) || rate.gt(policy.maxRate)) {
    fail(
      'invalid_argument',
      `每户拨款标准（rate）${rateText} 元超出政策范围：每户每年 ${policy.minRate}–${policy.maxRate} 元`,
      { field: 'rate' },
    );
  }
  return rate;
}

function checkCount(value: unknown, label: string, field: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    const shown = typeof value === 'number' ? String(value) : typeof value;
    fail('invalid_argument', `${label}须为非负整数，收到 ${shown}`, { field });
  }
}

function roundToFen(yuan: Decimal, label: string): Fen {
  const fen = yuan.times(100).toDecimalPlaces(0, D.ROUND_HALF_UP);
  if (fen.gt(Number.MAX_SAFE_INTEGER)) {
    fail('invalid_amount', `${label}超出可处理的金额范围，请核对户数`, { field: 'households' });
  }
  return fen.toNumber();
}

/** Exact decimal in normal notation with thousands separators: 1800.6 → '1,800.6', 100000.00 → '100,000'. */
function number(value: Decimal.Value): string {
  const [integer = '', fraction] = new D(value).toString().split('.');
  const grouped = integer.replace(/\B(?=(?:[0-9]{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A share as a percentage: '0.7' → '70%', 0.125 → '12.5%'. */
function percent(share: Decimal.Value): string {
  return `${number(new D(share).times(100))}%`;
}
