import { fail } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import type { Centre } from '../ledger/centre.js';
import { findCommunity } from '../ledger/communities.js';
import { operatorName, requireRole, type Actor } from '../ledger/operators.js';
import { parseDate } from '../ledger/period.js';

/** 常住户数, 户籍户数 and 新居民人数 of a community for a year, with where and when the figure came from. */
export interface HouseholdCount {
  id: number;
  community: string;
  year: number;
  resident: number;
  registered: number;
  newResidents: number;
  asOf: string;
  source: string;
  recordedBy: string;
  recordedAt: string;
}

export interface HouseholdInput {
  community: string;
  year: number;
  resident: number;
  registered: number;
  newResidents?: number | undefined;
  asOf: string;
  source: string;
}

interface Row {
  id: number;
  community: string;
  year: number;
  resident: number;
  registered: number;
  new_residents: number;
  as_of: string;
  source: string;
  recorded_by: number;
  recorded_at: string;
}

const select = `SELECT h.*, c.name AS community FROM household_count h JOIN community c ON c.id = h.community_id`;

function toCount(centre: Centre, row: Row): HouseholdCount {
  return {
    id: row.id,
    community: row.community,
    year: row.year,
    resident: row.resident,
    registered: row.registered,
    newResidents: row.new_residents,
    asOf: row.as_of,
    source: row.source,
    recordedBy: operatorName(centre, row.recorded_by) ?? '',
    recordedAt: row.recorded_at,
  };
}

/** The figure in force for a community and year: the latest one recorded, or undefined. */
export function currentHouseholds(
  centre: Centre,
  communityId: number,
  year: number,
): HouseholdCount | undefined {
  const row = centre
    .sql(`${select} WHERE h.community_id = ? AND h.year = ? ORDER BY h.id DESC LIMIT 1`)
    .get(communityId, year) as Row | undefined;
  return row && toCount(centre, row);
}

/** Every figure ever recorded for a community and year, newest first. */
export function householdHistory(centre: Centre, communityId: number, year: number): HouseholdCount[] {
  return (
    centre
      .sql(`${select} WHERE h.community_id = ? AND h.year = ? ORDER BY h.id DESC`)
      .all(communityId, year) as Row[]
  ).map((row) => toCount(centre, row));
}

/** The figures in force for a year, one per community that has any. */
export function householdsForYear(centre: Centre, year: number): HouseholdCount[] {
  return (
    centre
      .sql(
        `${select} WHERE h.year = ? AND h.id = (SELECT max(id) FROM household_count x
                                               WHERE x.community_id = h.community_id AND x.year = h.year)
         ORDER BY c.code`,
      )
      .all(year) as Row[]
  ).map((row) => toCount(centre, row));
}

function wholeNumber(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    fail('invalid_argument', `${field}应为不小于 0 的整数，收到 ${value}`, { field });
  return value;
}

/** Records a new figure; the old one stays in the history. */
export function recordHouseholds(
  actor: Actor,
  input: HouseholdInput,
): { current: HouseholdCount; previous: HouseholdCount | undefined } {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '录入户数');
  const community = findCommunity(centre, input.community);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2999) {
    fail('invalid_argument', `年度“${input.year}”无效`, { field: 'year' });
  }
  const resident = wholeNumber(input.resident, '常住户数');
  const registered = wholeNumber(input.registered, '户籍户数');
  const newResidents = wholeNumber(input.newResidents ?? 0, '新居民人数');
  const asOf = parseDate(input.asOf, '统计日期');
  if (!input.source.trim())
    fail('invalid_argument', '请注明户数来源（如：街道民政办 2025 年户籍统计）', { field: 'source' });
  const previous = currentHouseholds(centre, community.id, input.year);
  centre
    .sql(
      `INSERT INTO household_count (community_id, year, resident, registered, new_residents, as_of, source, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      community.id,
      input.year,
      resident,
      registered,
      newResidents,
      asOf,
      input.source.trim(),
      operator.id,
      centre.now(),
    );
  const current = currentHouseholds(centre, community.id, input.year)!;
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'households.set',
    entity: 'community',
    entityId: community.id,
    before: previous ?? null,
    after: current,
  });
  return { current, previous };
}
