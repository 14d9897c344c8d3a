import { fail } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import type { Centre } from '../ledger/centre.js';
import {
  communityKindLabels,
  findCommunity,
  listCommunities,
  type CommunityKind,
} from '../ledger/communities.js';
import { requireRole, type Actor } from '../ledger/operators.js';
import { fenToYuan, formatAmount, sumFen, yuanToFen } from '../money/money.js';
import { computeEntitlement, type Entitlement, type GrantSource } from './entitlement.js';
import {
  currentHouseholds,
  recordHouseholds,
  type HouseholdCount,
  type HouseholdInput,
} from './households.js';
import { defaultPolicies, findPolicy, parseGrantPolicy, type GrantPolicy } from './policy.js';

/**
 * What each community is due (应拨) from the district: its kind's policy for the year applied to its
 * household count, with the working shown. Policies come from the centre file where a supervisor set
 * them, else from the defaults shipped in policies.json.
 */

export function listPolicies(centre: Centre): GrantPolicy[] {
  const stored = (
    centre.sql('SELECT policy FROM grant_policy ORDER BY year, kind').all() as Array<{ policy: string }>
  ).map((r) => parseGrantPolicy(JSON.parse(r.policy)));
  const key = (p: GrantPolicy) => `${p.year}/${p.kind}`;
  const overridden = new Set(stored.map(key));
  return [...stored, ...defaultPolicies().filter((p) => !overridden.has(key(p)))].sort(
    (a, b) => a.year - b.year || a.kind.localeCompare(b.kind),
  );
}

export function setPolicy(actor: Actor, input: unknown): GrantPolicy {
  const { centre, operator } = actor;
  requireRole(operator, ['supervisor'], '设置拨款政策');
  const policy = parseGrantPolicy(input);
  const before = listPolicies(centre).find((p) => p.year === policy.year && p.kind === policy.kind) ?? null;
  centre
    .sql(
      `INSERT INTO grant_policy (year, kind, policy, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (year, kind) DO UPDATE SET policy = excluded.policy, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    )
    .run(policy.year, policy.kind, JSON.stringify(policy), operator.id, centre.now());
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'grant.policy',
    entity: 'grant_policy',
    before,
    after: policy,
  });
  return policy;
}

/** The per-household rate chosen for a rural community, checked against its policy's range. */
export function setRate(
  actor: Actor,
  input: { community: string; year: number; rate: string },
): { community: string; year: number; rate: string } {
  const { centre, operator } = actor;
  requireRole(operator, ['supervisor'], '设置每户拨款标准');
  const community = findCommunity(centre, input.community);
  const policy = findPolicy(listPolicies(centre), input.year, community.kind);
  if (policy.rule !== 'per_household')
    fail('invalid_argument', `${communityKindLabels[community.kind]}社区按基数加户数拨款，没有每户标准可选`, {
      field: 'rate',
    });
  computeEntitlement(policy, { resident: 0, registered: 0 }, { rate: input.rate }); // checks the range
  centre
    .sql(
      'INSERT INTO grant_rate (community_id, year, rate) VALUES (?, ?, ?) ON CONFLICT (community_id, year) DO UPDATE SET rate = excluded.rate',
    )
    .run(community.id, input.year, input.rate.trim());
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'grant.rate',
    entity: 'community',
    entityId: community.id,
    after: input,
  });
  return { community: community.name, year: input.year, rate: input.rate.trim() };
}

/** An entitlement as the API returns it: amounts as decimal yuan strings. */
export interface EntitlementView {
  total: string;
  weightedHouseholds: string;
  working: string;
  sources: Array<{
    source: string;
    label: string;
    amount: string;
    instalments: Array<{ label: string; amount: string }>;
  }>;
}

export function entitlementView(entitlement: Entitlement): EntitlementView {
  return {
    total: fenToYuan(entitlement.total),
    weightedHouseholds: entitlement.weightedHouseholds,
    working: entitlement.working,
    sources: entitlement.sources.map((s) => ({
      source: s.source,
      label: s.label,
      amount: fenToYuan(s.amount),
      instalments: s.instalments.map((i) => ({ label: i.label, amount: fenToYuan(i.amount) })),
    })),
  };
}

/** `jucai grant calc`: the policy applied to figures given directly, without a community. */
export function calculate(
  centre: Centre,
  input: {
    kind: CommunityKind;
    year: number;
    resident: number;
    registered: number;
    rate?: string | undefined;
  },
): EntitlementView & { policy: GrantPolicy } {
  const policy = findPolicy(listPolicies(centre), input.year, input.kind);
  return {
    policy,
    ...entitlementView(computeEntitlement(policy, input, input.rate ? { rate: input.rate } : {})),
  };
}

export interface CommunityEntitlement {
  community: string;
  code: string;
  kind: CommunityKind;
  year: number;
  households: HouseholdCount | null;
  rate: string | null;
  entitlement: EntitlementView | null;
  /** Why there is no entitlement yet (no household count, no policy). */
  missing: string | null;
}

/** 应拨 of every community for a year (or one), and the centre's totals per source. */
export function entitlementTable(
  centre: Centre,
  year: number,
  community?: string,
): {
  year: number;
  rows: CommunityEntitlement[];
  totals: { base: string; household: string; total: string };
} {
  const policies = listPolicies(centre);
  const communities = community ? [findCommunity(centre, community)] : listCommunities(centre);
  // Totals are summed in 分 from the computed entitlements, before they become text for the API.
  const computed: Entitlement[] = [];
  const rows = communities.map((c): CommunityEntitlement => {
    const households = currentHouseholds(centre, c.id, year) ?? null;
    const rate =
      (
        centre.sql('SELECT rate FROM grant_rate WHERE community_id = ? AND year = ?').get(c.id, year) as
          { rate: string } | undefined
      )?.rate ?? null;
    const base = { community: c.name, code: c.code, kind: c.kind, year, households, rate };
    const policy = policies.find((p) => p.year === year && p.kind === c.kind);
    if (!policy)
      return {
        ...base,
        entitlement: null,
        missing: `没有 ${year} 年${communityKindLabels[c.kind]}的拨款政策`,
      };
    if (!households) return { ...base, entitlement: null, missing: `尚未录入 ${year} 年户数` };
    const entitlement = computeEntitlement(policy, households, rate ? { rate } : {});
    computed.push(entitlement);
    return { ...base, entitlement: entitlementView(entitlement), missing: null };
  });
  const sum = (source: GrantSource) =>
    fenToYuan(
      sumFen(computed.flatMap((e) => e.sources.filter((s) => s.source === source).map((s) => s.amount))),
    );
  return {
    year,
    rows,
    totals: {
      base: sum('base'),
      household: sum('household'),
      total: fenToYuan(sumFen(computed.map((e) => e.total))),
    },
  };
}

/**
 * Records a household count and says what it does to the year's entitlement. Once district money for
 * the year has been booked, a change that moves the entitlement comes back with a warning naming the
 * old and new amounts, so the centre can settle the difference with district finance.
 */
export function updateHouseholds(actor: Actor, input: HouseholdInput) {
  const { centre } = actor;
  const community = findCommunity(centre, input.community);
  const before = entitlementTable(centre, input.year, community.name).rows[0]!.entitlement;
  const recorded = recordHouseholds(actor, input);
  const after = entitlementTable(centre, input.year, community.name).rows[0]!.entitlement;
  const booked = centre
    .sql(
      `SELECT 1 FROM grant_receipt r JOIN book b ON b.id = r.book_id JOIN voucher v ON v.id = r.voucher_id
       WHERE b.community_id = ? AND r.year = ? AND r.source IN ('base', 'household') AND v.status <> 'void' LIMIT 1`,
    )
    .get(community.id, input.year);
  let warning: string | null = null;
  if (booked && before && after && before.total !== after.total) {
    const difference = sumFen([yuanToFen(after.total), -yuanToFen(before.total)]);
    warning =
      `${input.year} 年拨款已登记到账：户数变化使应拨经费由 ${formatAmount(yuanToFen(before.total))} 元变为 ` +
      `${formatAmount(yuanToFen(after.total))} 元（${difference > 0 ? '增加' : '减少'} ${formatAmount(Math.abs(difference))} 元）`;
  }
  return {
    ...recorded,
    entitlementBefore: before?.total ?? null,
    entitlementAfter: after?.total ?? null,
    warning,
  };
}
