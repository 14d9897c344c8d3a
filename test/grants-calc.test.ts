import { describe, expect, it } from 'vitest';
import { LedgerError } from '../src/errors.js';
import { computeEntitlement, splitInstalments } from '../src/grants/entitlement.js';
import {
  defaultPolicies,
  findPolicy,
  grantPolicySchema,
  parseGrantPolicies,
  parseGrantPolicy,
  type GrantPolicy,
} from '../src/grants/policy.js';
import { sumFen } from '../src/money/money.js';

// Every expected figure below was worked out by hand from the policy text, not by running the code.

const urban = findPolicy(defaultPolicies(), 2025, 'urban');
const rural = findPolicy(defaultPolicies(), 2025, 'rural');

function cityPolicy(overrides: Record<string, unknown> = {}): GrantPolicy {
  return parseGrantPolicy({ ...urban, ...overrides });
}

/** The LedgerError a call is refused with; fails the test when the call succeeds. */
function refusal(call: () => unknown): LedgerError {
  let error: unknown;
  try {
    call();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(LedgerError);
  return error as LedgerError;
}

describe('default policies', () => {
  it('cover the four community kinds in 2025 and 2026, the same in both years', () => {
    const policies = defaultPolicies();
    expect(policies).toHaveLength(8);
    for (const kind of ['urban', 'town', 'rural', 'remote'] as const) {
      const { year: _2025, ...rule2025 } = findPolicy(policies, 2025, kind);
      const { year: _2026, ...rule2026 } = findPolicy(policies, 2026, kind);
      expect(rule2026).toEqual(rule2025);
    }
    expect(findPolicy(policies, 2025, 'town')).toEqual({ ...urban, kind: 'town' });
    expect(findPolicy(policies, 2025, 'remote')).toEqual({ ...urban, kind: 'remote' });
  });

  it('a year without a policy is refused with a message telling the supervisor to set one', () => {
    const error = refusal(() => findPolicy(defaultPolicies(), 2027, 'urban'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('没有 2027 年 市区 社区的拨款政策，请主管先设置');
  });
});

describe('city communities: 100,000 + 60 × (常住 × 70% + 户籍 × 30%)', () => {
  it('the worked example: 2,000 resident and 1,500 registered households get ¥211,000', () => {
    // 2,000 × 0.7 + 1,500 × 0.3 = 1,400 + 450 = 1,850; 60 × 1,850 = 111,000; + 100,000 = 211,000.
    const result = computeEntitlement(urban, { resident: 2000, registered: 1500 });
    expect(result.weightedHouseholds).toBe('1850');
    expect(result.total).toBe(21_100_000);
    expect(result.sources).toEqual([
      {
        source: 'base',
        label: '基数拨款',
        amount: 10_000_000,
        instalments: [
          { label: '上半年', amount: 5_000_000 },
          { label: '下半年', amount: 5_000_000 },
        ],
      },
      {
        source: 'household',
        label: '按户拨款',
        amount: 11_100_000,
        instalments: [
          { label: '上半年', amount: 5_550_000 },
          { label: '下半年', amount: 5_550_000 },
        ],
      },
    ]);
    expect(result.working).toBe(
      '100,000 + 60 × (2,000 × 70% + 1,500 × 30%) = 100,000 + 60 × 1,850 = 211,000.00',
    );
  });

  it('weighted households are kept exact, not rounded: 2,001 and 1,333 give 1,800.6', () => {
    // 2,001 × 0.7 = 1,400.7; 1,333 × 0.3 = 399.9; sum 1,800.6; 60 × 1,800.6 = 108,036; + 100,000 = 208,036.
    const result = computeEntitlement(urban, { resident: 2001, registered: 1333 });
    expect(result.weightedHouseholds).toBe('1800.6');
    expect(result.sources.map((s) => s.amount)).toEqual([10_000_000, 10_803_600]);
    expect(result.total).toBe(20_803_600);
    expect(result.working).toBe(
      '100,000 + 60 × (2,001 × 70% + 1,333 × 30%) = 100,000 + 60 × 1,800.6 = 208,036.00',
    );
  });

  it('a community with no registered households is paid on its resident households alone', () => {
    // 1,000 × 0.7 + 0 = 700; 60 × 700 = 42,000; + 100,000 = 142,000.
    const result = computeEntitlement(urban, { resident: 1000, registered: 0 });
    expect(result.weightedHouseholds).toBe('700');
    expect(result.total).toBe(14_200_000);
    expect(result.working).toBe('100,000 + 60 × (1,000 × 70% + 0 × 30%) = 100,000 + 60 × 700 = 142,000.00');
  });

  it('a community with no households at all still gets the base grant', () => {
    const result = computeEntitlement(urban, { resident: 0, registered: 0 });
    expect(result.weightedHouseholds).toBe('0');
    expect(result.sources.map((s) => s.amount)).toEqual([10_000_000, 0]);
    expect(result.sources[1]!.instalments.map((i) => i.amount)).toEqual([0, 0]);
    expect(result.total).toBe(10_000_000);
    expect(result.working).toBe('100,000 + 60 × (0 × 70% + 0 × 30%) = 100,000 + 60 × 0 = 100,000.00');
  });

  it('a town community follows the city rule', () => {
    const town = findPolicy(defaultPolicies(), 2026, 'town');
    expect(computeEntitlement(town, { resident: 2000, registered: 1500 }).total).toBe(21_100_000);
  });

  it('household counts must be whole, non-negative numbers, named in the message', () => {
    for (const resident of [-1, 1.5, Number.NaN]) {
      const error = refusal(() => computeEntitlement(urban, { resident, registered: 10 }));
      expect(error.code).toBe('invalid_argument');
      expect(error.message).toContain('常住户数');
      expect(error.field).toBe('households.resident');
    }
    const error = refusal(() => computeEntitlement(urban, { resident: 10, registered: -3 }));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain('户籍户数');
    expect(error.field).toBe('households.registered');
  });

  it('a per-household rate cannot be chosen under the city rule', () => {
    const error = refusal(() => computeEntitlement(urban, { resident: 1, registered: 1 }, { rate: '8.00' }));
    expect(error.code).toBe('invalid_argument');
    expect(error.field).toBe('rate');
  });
});

describe('rounding to 分 happens once, half-up, at the end of each source', () => {
  it('½ 分 is rounded up, where banker’s rounding would round it down', () => {
    // 1 resident × 12.5% = 0.125 households; 1.00 × 0.125 = 0.125 元 = 12.5 分 → 13 分.
    const policy = cityPolicy({ perHousehold: '1.00', residentWeight: '0.125', registeredWeight: '0.875' });
    const result = computeEntitlement(policy, { resident: 1, registered: 0 });
    expect(result.weightedHouseholds).toBe('0.125');
    expect(result.sources.map((s) => s.amount)).toEqual([10_000_000, 13]);
    expect(result.total).toBe(10_000_013);
    expect(result.working).toBe('100,000 + 1 × (1 × 12.5% + 0 × 87.5%) = 100,000 + 1 × 0.125 = 100,000.13');
  });

  it('a third decimal of 5 rounds up: 0.20 × 0.125 = 0.025 元 → 0.03 元', () => {
    const policy = cityPolicy({ perHousehold: '0.20', residentWeight: '0.125', registeredWeight: '0.875' });
    const result = computeEntitlement(policy, { resident: 1, registered: 0 });
    expect(result.sources[1]!.amount).toBe(3);
  });

  it('below half a 分 rounds down: 0.01 × 0.3 = 0.003 元 → 0', () => {
    const policy = cityPolicy({ perHousehold: '0.01' });
    expect(computeEntitlement(policy, { resident: 0, registered: 1 }).sources[1]!.amount).toBe(0);
  });
});

describe('rural new communities: 5–10 元 per household per year', () => {
  it('the default rate of 5 元 applies to resident households', () => {
    // 5 × 1,200 = 6,000; registered households play no part.
    const result = computeEntitlement(rural, { resident: 1200, registered: 900 });
    expect(result.weightedHouseholds).toBe('1200');
    expect(result.total).toBe(600_000);
    expect(result.sources).toEqual([
      {
        source: 'household',
        label: '按户拨款',
        amount: 600_000,
        instalments: [{ label: '全年', amount: 600_000 }],
      },
    ]);
    expect(result.working).toBe('5 × 1,200 = 6,000.00');
  });

  it('a rate chosen within the range, at both ends and in between', () => {
    const households = { resident: 1200, registered: 900 };
    expect(computeEntitlement(rural, households, { rate: '5' }).total).toBe(600_000);
    expect(computeEntitlement(rural, households, { rate: '10.00' }).total).toBe(1_200_000);
    const eight = computeEntitlement(rural, households, { rate: '8' });
    expect(eight.total).toBe(960_000);
    expect(eight.working).toBe('8 × 1,200 = 9,600.00');
  });

  it('a rate outside the range is refused, naming the range', () => {
    for (const rate of ['4.99', '10.01']) {
      const error = refusal(() => computeEntitlement(rural, { resident: 1200, registered: 900 }, { rate }));
      expect(error.code).toBe('invalid_argument');
      expect(error.field).toBe('rate');
      expect(error.message).toContain(rate);
      expect(error.message).toContain('5.00–10.00 元');
    }
    for (const rate of ['abc', '8.005', '-8']) {
      const error = refusal(() => computeEntitlement(rural, { resident: 1200, registered: 900 }, { rate }));
      expect(error.code).toBe('invalid_argument');
      expect(error.field).toBe('rate');
    }
  });

  it('a policy may count registered households instead, and may add a base grant', () => {
    // 7.5 × 901 = 6,757.5 元.
    const registered = parseGrantPolicy({ ...rural, households: 'registered' });
    const result = computeEntitlement(registered, { resident: 1200, registered: 901 }, { rate: '7.50' });
    expect(result.total).toBe(675_750);
    expect(result.working).toBe('7.5 × 901 = 6,757.50');

    // 20,000 + 8 × 1,200 = 29,600.
    const withBase = parseGrantPolicy({ ...rural, base: '20000.00' });
    const based = computeEntitlement(withBase, { resident: 1200, registered: 0 }, { rate: '8' });
    expect(based.sources.map((s) => [s.source, s.amount])).toEqual([
      ['base', 2_000_000],
      ['household', 960_000],
    ]);
    expect(based.total).toBe(2_960_000);
    expect(based.working).toBe('20,000 + 8 × 1,200 = 29,600.00');
  });
});

describe('remote communities: the city rule less a reduction on each source', () => {
  it('with no reduction (the default) they are paid as a city community', () => {
    const remote = findPolicy(defaultPolicies(), 2025, 'remote');
    const result = computeEntitlement(remote, { resident: 2000, registered: 1500 });
    expect(result.total).toBe(21_100_000);
    expect(result.working).toBe(
      '100,000 + 60 × (2,000 × 70% + 1,500 × 30%) = 100,000 + 60 × 1,850 = 211,000.00',
    );
  });

  it('a 10% reduction takes 10% off the base grant and the household grant', () => {
    // 100,000 × 0.9 = 90,000; 111,000 × 0.9 = 99,900; total 189,900.
    const remote = parseGrantPolicy({ ...urban, kind: 'remote', reduction: '0.1' });
    const result = computeEntitlement(remote, { resident: 2000, registered: 1500 });
    expect(result.sources.map((s) => s.amount)).toEqual([9_000_000, 9_990_000]);
    expect(result.total).toBe(18_990_000);
    expect(result.working).toBe('(100,000 + 60 × 1,850) × (1 − 10%) = 211,000 × 90% = 189,900.00');
  });

  it('a 15% reduction on fractional households', () => {
    // 100,000 × 0.85 = 85,000; 108,036 × 0.85 = 91,830.6; total 176,830.60.
    const remote = parseGrantPolicy({ ...urban, kind: 'remote', reduction: '0.15' });
    const result = computeEntitlement(remote, { resident: 2001, registered: 1333 });
    expect(result.sources.map((s) => s.amount)).toEqual([8_500_000, 9_183_060]);
    expect(result.total).toBe(17_683_060);
    expect(result.working).toBe('(100,000 + 60 × 1,800.6) × (1 − 15%) = 208,036 × 85% = 176,830.60');
  });
});

describe('instalments add up to each source to the 分', () => {
  it('splits evenly, the odd 分 going to the first instalments', () => {
    expect(splitInstalments(10_000_003, 'yearly')).toEqual([{ label: '全年', amount: 10_000_003 }]);
    expect(splitInstalments(10_000_003, 'halves')).toEqual([
      { label: '上半年', amount: 5_000_002 },
      { label: '下半年', amount: 5_000_001 },
    ]);
    expect(splitInstalments(10_000_003, 'quarterly')).toEqual([
      { label: '第1季度', amount: 2_500_001 },
      { label: '第2季度', amount: 2_500_001 },
      { label: '第3季度', amount: 2_500_001 },
      { label: '第4季度', amount: 2_500_000 },
    ]);
    expect(splitInstalments(1, 'quarterly').map((i) => i.amount)).toEqual([1, 0, 0, 0]);
    expect(splitInstalments(0, 'halves').map((i) => i.amount)).toEqual([0, 0]);
  });

  it('quarterly payments of a base of 100,000.03 and a household grant of 111,018.50', () => {
    // Base 10,000,003 分 = 4 × 2,500,000 + 3. Household 60.01 × 1,850 = 111,018.50 元
    // = 11,101,850 分 = 4 × 2,775,462 + 2. Total 211,018.53.
    const policy = cityPolicy({ base: '100000.03', perHousehold: '60.01', instalments: 'quarterly' });
    const result = computeEntitlement(policy, { resident: 2000, registered: 1500 });
    const [base, household] = result.sources;
    expect(base!.instalments.map((i) => i.amount)).toEqual([2_500_001, 2_500_001, 2_500_001, 2_500_000]);
    expect(household!.instalments.map((i) => i.amount)).toEqual([2_775_463, 2_775_463, 2_775_462, 2_775_462]);
    expect(household!.instalments.map((i) => i.label)).toEqual(['第1季度', '第2季度', '第3季度', '第4季度']);
    for (const source of result.sources) {
      expect(sumFen(source.instalments.map((i) => i.amount))).toBe(source.amount);
    }
    expect(result.total).toBe(21_101_853);
    expect(result.working).toBe(
      '100,000.03 + 60.01 × (2,000 × 70% + 1,500 × 30%) = 100,000.03 + 60.01 × 1,850 = 211,018.53',
    );
  });

  it('half-yearly payments of the same grant', () => {
    const policy = cityPolicy({ base: '100000.03', perHousehold: '60.01', instalments: 'halves' });
    const [base, household] = computeEntitlement(policy, { resident: 2000, registered: 1500 }).sources;
    expect(base!.instalments.map((i) => i.amount)).toEqual([5_000_002, 5_000_001]);
    expect(household!.instalments.map((i) => i.amount)).toEqual([5_550_925, 5_550_925]);
  });
});

describe('the policy schema refuses bad data', () => {
  function refusedPolicy(input: Record<string, unknown>): LedgerError {
    expect(grantPolicySchema.safeParse(input).success).toBe(false);
    const error = refusal(() => parseGrantPolicy(input));
    expect(error.code).toBe('invalid_argument');
    return error;
  }

  it('weights that do not add up to 1', () => {
    const error = refusedPolicy({ ...urban, residentWeight: '0.7', registeredWeight: '0.4' });
    expect(error.message).toContain('之和须为 1');
  });

  it('a negative base grant', () => {
    const error = refusedPolicy({ ...urban, base: '-100000.00' });
    expect(error.field).toBe('base');
    expect(error.message).toContain('基数拨款');
  });

  it('an unknown instalment plan', () => {
    const error = refusedPolicy({ ...urban, instalments: 'monthly' });
    expect(error.field).toBe('instalments');
    expect(error.message).toContain('分期方式');
  });

  it('other bad data: amounts with three decimals, weights above 1, reductions above 1, bad rate ranges', () => {
    refusedPolicy({ ...urban, perHousehold: '60.005' });
    refusedPolicy({ ...urban, residentWeight: '1.2', registeredWeight: '-0.2' });
    refusedPolicy({ ...urban, reduction: '1.5' });
    refusedPolicy({ ...urban, kind: 'village' });
    refusedPolicy({ ...urban, rule: 'lump_sum' });
    refusedPolicy({ ...rural, minRate: '10.00', maxRate: '5.00' });
    refusedPolicy({ ...rural, defaultRate: '12.00' });
    refusedPolicy({ ...rural, households: 'weighted' });
  });

  it('two policies for the same year and kind', () => {
    const error = refusal(() => parseGrantPolicies([urban, { ...urban }]));
    expect(error.message).toContain('2025 年 市区 社区的拨款政策重复');
  });
});
