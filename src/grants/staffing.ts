import { closingVoucherIds } from '../ledger/closing.js';
import { fail } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import type { Centre } from '../ledger/centre.js';
import { findCommunity, listCommunities } from '../ledger/communities.js';
import { requireRole, type Actor } from '../ledger/operators.js';
import { parseDate } from '../ledger/period.js';
import { fenToYuan } from '../money/money.js';
import { currentHouseholds } from './households.js';

/**
 * Staffing norms of the same policy, shown beside a community's personnel costs as a check (never
 * enforced): at least 5 full-time community workers; over 2,000 households, 1 per 400 households
 * (a started 400 counts); plus 1 per full 2,000 new residents; 协警 1 per full 500 new residents.
 */
export const staffingNorms = {
  minimumWorkers: 5,
  householdThreshold: 2000,
  householdsPerWorker: 400,
  newResidentsPerWorker: 2000,
  newResidentsPerPolice: 500,
};

export function requiredStaff(
  households: number,
  newResidents: number,
): { workers: number; auxiliaryPolice: number } {
  const n = staffingNorms;
  const base =
    households > n.householdThreshold
      ? Math.max(n.minimumWorkers, Math.ceil(households / n.householdsPerWorker))
      : n.minimumWorkers;
  return {
    workers: base + Math.floor(newResidents / n.newResidentsPerWorker),
    auxiliaryPolice: Math.floor(newResidents / n.newResidentsPerPolice),
  };
}

export function recordStaffing(
  actor: Actor,
  input: { community: string; year: number; workers: number; auxiliaryPolice: number; asOf: string },
) {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '录入人员配备');
  const community = findCommunity(centre, input.community);
  for (const [value, field] of [
    [input.workers, '专职社区工作者人数'],
    [input.auxiliaryPolice, '协警人数'],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0)
      fail('invalid_argument', `${field}应为不小于 0 的整数`, { field });
  }
  const asOf = parseDate(input.asOf, '统计日期');
  centre
    .sql(
      `INSERT INTO staffing (community_id, year, workers, auxiliary_police, as_of, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (community_id, year) DO UPDATE SET workers = excluded.workers, auxiliary_police = excluded.auxiliary_police,
         as_of = excluded.as_of, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
    )
    .run(community.id, input.year, input.workers, input.auxiliaryPolice, asOf, operator.id, centre.now());
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'staffing.set',
    entity: 'community',
    entityId: community.id,
    after: input,
  });
  return staffingCheck(centre, input.year, community.name)[0]!;
}

export interface StaffingRow {
  community: string;
  households: number | null;
  newResidents: number | null;
  required: { workers: number; auxiliaryPolice: number } | null;
  recorded: { workers: number; auxiliaryPolice: number } | null;
  /** 人员经费 (510101) posted in the year, beside the staff it pays. */
  personnelCosts: string;
  meetsNorm: boolean | null;
}

export function staffingCheck(centre: Centre, year: number, community?: string): StaffingRow[] {
  const communities = community ? [findCommunity(centre, community)] : listCommunities(centre);
  return communities.map((c) => {
    const households = currentHouseholds(centre, c.id, year);
    const staff = centre
      .sql('SELECT workers, auxiliary_police FROM staffing WHERE community_id = ? AND year = ?')
      .get(c.id, year) as { workers: number; auxiliary_police: number } | undefined;
    // Posted lines of the year, the closing entry left out (it empties the account at year end), and what
    // a book begun later in the year brought in as 本年累计借方.
    const costs = centre
      .sql(
        `SELECT coalesce((SELECT sum(l.debit - l.credit) FROM book b JOIN account a ON a.book_id = b.id
                          JOIN line l ON l.account_id = a.id JOIN voucher v ON v.id = l.voucher_id
                          WHERE b.community_id = @community AND a.code GLOB '510101*' AND v.status = 'posted'
                            AND l.period BETWEEN @from AND @to AND v.id NOT IN ${closingVoucherIds(null)}), 0)
              + coalesce((SELECT sum(o.year_debit) FROM book b JOIN account a ON a.book_id = b.id
                          JOIN opening_balance o ON o.account_id = a.id
                          WHERE b.community_id = @community AND a.code GLOB '510101*'
                            AND substr(b.start_period, 1, 4) = @year), 0) AS amount`,
      )
      .get({ community: c.id, from: `${year}-01`, to: `${year}-12`, year: String(year) }) as {
      amount: number;
    };
    const required = households ? requiredStaff(households.resident, households.newResidents) : null;
    const recorded = staff ? { workers: staff.workers, auxiliaryPolice: staff.auxiliary_police } : null;
    return {
      community: c.name,
      households: households?.resident ?? null,
      newResidents: households?.newResidents ?? null,
      required,
      recorded,
      personnelCosts: fenToYuan(costs.amount),
      meetsNorm:
        required && recorded
          ? recorded.workers >= required.workers && recorded.auxiliaryPolice >= required.auxiliaryPolice
          : null,
    };
  });
}
