/**
 * Grant policies (拨款政策): how much the district pays a community per year, by year and community kind.
 * Policies are data a supervisor edits; this module only validates them and looks them up. Amounts, rates
 * and shares stay decimal strings so that no value ever passes through binary floating point.
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { fail } from '../errors.js';
import { communityKindLabels, communityKinds, type CommunityKind } from '../ledger/communities.js';
import defaults from './policies.json' with { type: 'json' };

export const instalmentPlans = ['yearly', 'halves', 'quarterly'] as const;
export type InstalmentPlan = (typeof instalmentPlans)[number];

/** The label of each instalment, in payment order; the number of labels is the number of instalments. */
export const instalmentLabels: Record<InstalmentPlan, readonly string[]> = {
  yearly: ['全年'],
  halves: ['上半年', '下半年'],
  quarterly: ['第1季度', '第2季度', '第3季度', '第4季度'],
};

// Bounded so that, whenever an entitlement fits in safe 分, every product behind it is exact at 40 digits.
const AMOUNT = /^[0-9]{1,12}(?:\.[0-9]{1,2})?$/;
const SHARE = /^(?:0(?:\.[0-9]{1,10})?|1(?:\.0{1,10})?)$/;
const D = Decimal.clone({ precision: 40 });

function amount(label: string) {
  const error = `${label}须为 0 到 999999999999.99 之间的金额文本，最多两位小数、不带千分位，如 "100000.00"`;
  return z.string({ error }).regex(AMOUNT, { error });
}

function share(label: string) {
  const error = `${label}须为 0 到 1 之间、最多十位小数的文本，如 "0.7"`;
  return z.string({ error }).regex(SHARE, { error });
}

const common = {
  year: z
    .number({ error: '年度（year）须为 2000 至 2999 之间的整数年份，如 2025' })
    .int()
    .min(2000)
    .max(2999),
  kind: z.enum(communityKinds, { error: `社区类型（kind）须为 ${communityKinds.join('、')} 之一` }),
  instalments: z.enum(instalmentPlans, {
    error: '分期方式（instalments）须为 yearly（全年）、halves（上下半年）或 quarterly（按季度）',
  }),
};

/** 城市社区 rule: base grant + per-household amount × weighted households, less an optional reduction. */
const basePlusHouseholds = z
  .object({
    ...common,
    rule: z.literal('base_plus_households'),
    base: amount('基数拨款（base）'),
    perHousehold: amount('每户拨款（perHousehold）'),
    residentWeight: share('常住户数权重（residentWeight）'),
    registeredWeight: share('户籍户数权重（registeredWeight）'),
    reduction: share('核减比例（reduction）').default('0'),
  })
  .refine((p) => new D(p.residentWeight).plus(p.registeredWeight).eq(1), {
    error: '常住户数权重与户籍户数权重之和须为 1（如 0.7 + 0.3）',
    path: ['registeredWeight'],
  });

/** 农村新社区 rule: a rate per household chosen per community within the policy's range. */
const perHousehold = z
  .object({
    ...common,
    rule: z.literal('per_household'),
    minRate: amount('每户标准下限（minRate）'),
    maxRate: amount('每户标准上限（maxRate）'),
    defaultRate: amount('默认每户标准（defaultRate）'),
    households: z.enum(['resident', 'registered'], {
      error: '计费户数（households）须为 resident（常住户数）或 registered（户籍户数）',
    }),
    base: amount('基数拨款（base）').optional(),
  })
  .refine((p) => new D(p.minRate).lte(p.maxRate), {
    error: '每户标准下限（minRate）不能高于上限（maxRate）',
    path: ['maxRate'],
  })
  .refine((p) => new D(p.defaultRate).gte(p.minRate) && new D(p.defaultRate).lte(p.maxRate), {
    error: '默认每户标准（defaultRate）须在下限与上限之间',
    path: ['defaultRate'],
  });

export const grantPolicySchema = z.discriminatedUnion('rule', [basePlusHouseholds, perHousehold], {
  error: '拨款规则（rule）须为 base_plus_households（基数加按户）或 per_household（按户）',
});

/** A list of policies: at most one per year and community kind. */
export const grantPoliciesSchema = z.array(grantPolicySchema).superRefine((policies, ctx) => {
  const seen = new Set<string>();
  policies.forEach((policy, index) => {
    const key = `${policy.year}/${policy.kind}`;
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'kind'],
        message: `${policy.year} 年 ${communityKindLabels[policy.kind]} 社区的拨款政策重复`,
      });
    }
    seen.add(key);
  });
});

export type GrantPolicy = z.infer<typeof grantPolicySchema>;
export type BasePlusHouseholdsPolicy = Extract<GrantPolicy, { rule: 'base_plus_households' }>;
export type PerHouseholdPolicy = Extract<GrantPolicy, { rule: 'per_household' }>;

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail('invalid_argument', `拨款政策无效：${issue.message}`, { field: issue.path.join('.') });
  }
  return parsed.data;
}

/** Validate one policy (e.g. as a supervisor saves it); errors are 'invalid_argument' naming the field. */
export function parseGrantPolicy(input: unknown): GrantPolicy {
  return parseWith(grantPolicySchema, input);
}

/** Validate a list of policies, refusing two for the same year and community kind. */
export function parseGrantPolicies(input: unknown): GrantPolicy[] {
  return parseWith(grantPoliciesSchema, input);
}

/** The shipped policies (2025 and 2026, four kinds each); a fresh copy on every call. */
export function defaultPolicies(): GrantPolicy[] {
  return parseGrantPolicies(defaults);
}

export function findPolicy(policies: readonly GrantPolicy[], year: number, kind: CommunityKind): GrantPolicy {
  const policy = policies.find((p) => p.year === year && p.kind === kind);
  if (!policy) {
    fail('not_found', `没有 ${year} 年 ${communityKindLabels[kind]} 社区的拨款政策，请主管先设置`, {
      field: 'policy',
    });
  }
  return policy;
}
