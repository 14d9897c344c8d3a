import { describe, expect, it } from 'vitest';
import { refused, seededForTest } from './support/centre.js';

/** Household counts, grant policies and what each community is due (应拨), through the API. */
describe('grant entitlement for the communities of a centre', () => {
  async function centreOfThree() {
    const s = await seededForTest();
    await s.boss('community.add', { name: '西山社区', kind: 'rural' });
    await s.boss('community.add', { name: '海岛社区', kind: 'remote' });
    const counts = [
      ['东风社区', 2000, 1500],
      ['西山社区', 1200, 900],
      ['海岛社区', 2001, 1333],
    ] as const;
    for (const [community, resident, registered] of counts) {
      await s.accountant('households.set', {
        community,
        year: 2025,
        resident,
        registered,
        newResidents: 300,
        asOf: '2025-01-01',
        source: '街道民政办 2025 年户籍统计',
      });
    }
    return s;
  }

  it('shows each community its entitlement and working, and the centre totals per source', async () => {
    const s = await centreOfThree();
    await s.boss('grant.setRate', { community: '西山社区', year: 2025, rate: '8.00' });
    const table = await s.overseer('grant.entitlement', { year: 2025 });
    const byName = Object.fromEntries(table.rows.map((r) => [r.community, r]));
    expect(byName['东风社区']!.entitlement).toMatchObject({
      total: '211000.00',
      weightedHouseholds: '1850',
      working: '100,000 + 60 × (2,000 × 70% + 1,500 × 30%) = 100,000 + 60 × 1,850 = 211,000.00',
    });
    expect(byName['西山社区']!.entitlement).toMatchObject({
      total: '9600.00',
      working: '8 × 1,200 = 9,600.00',
    });
    expect(byName['海岛社区']!.entitlement!.total).toBe('208036.00');
    expect(table.totals).toEqual({ base: '200000.00', household: '228636.00', total: '428636.00' });
    // The instalments of each source add up to it.
    for (const row of table.rows) {
      for (const source of row.entitlement!.sources) {
        const sum = source.instalments.reduce((t, i) => t + BigInt(i.amount.replace('.', '')), 0n);
        expect(sum).toBe(BigInt(source.amount.replace('.', '')));
      }
    }
  });

  it('keeps the history of household counts and says what the change does to the entitlement', async () => {
    const s = await centreOfThree();
    const changed = await s.accountant('households.set', {
      community: '东风社区',
      year: 2025,
      resident: 2100,
      registered: 1500,
      asOf: '2025-03-01',
      source: '年中复核',
    });
    expect(changed.previous).toMatchObject({ resident: 2000, registered: 1500 });
    expect(changed.current).toMatchObject({ resident: 2100, asOf: '2025-03-01', recordedBy: '王会计' });
    const history = await s.overseer('households.list', { year: 2025, community: '东风社区' });
    expect(history.map((h) => h.resident)).toEqual([2100, 2000]);
    const [row] = (await s.overseer('grant.entitlement', { year: 2025, community: '东风社区' })).rows;
    expect(row!.entitlement!.total).toBe('215200.00');
    expect(
      (
        await refused(
          s.accountant('households.set', {
            community: '东风社区',
            year: 2025,
            resident: -1,
            registered: 0,
            asOf: '2025-03-01',
            source: 'x',
          }),
        )
      ).message,
    ).toContain('常住户数');
  });

  it('policies are data: a supervisor changes one for a year, others may not, and a rate outside the range is refused', async () => {
    const s = await centreOfThree();
    const policies = await s.overseer('grant.policies', { year: 2025 });
    const urban = policies.find((p) => p.kind === 'urban')!;
    expect(
      (await refused(s.accountant('grant.setPolicy', { policy: { ...urban, base: '120000.00' } }))).code,
    ).toBe('forbidden');
    await s.boss('grant.setPolicy', { policy: { ...urban, base: '120000.00' } });
    const [row] = (await s.overseer('grant.entitlement', { year: 2025, community: '东风社区' })).rows;
    expect(row!.entitlement!.total).toBe('231000.00');
    const error = await refused(
      s.boss('grant.setRate', { community: '西山社区', year: 2025, rate: '10.01' }),
    );
    expect(error.message).toContain('5.00–10.00');
    const missing = await s.overseer('grant.entitlement', { year: 2024 });
    expect(missing.rows.every((r) => r.entitlement === null && r.missing)).toBe(true);
  });

  it('calculates standalone, without a community', async () => {
    const s = await seededForTest();
    const result = await s.overseer('grant.calc', {
      kind: 'urban',
      year: 2025,
      resident: 2000,
      registered: 1500,
    });
    expect(result.total).toBe('211000.00');
    expect(result.sources.map((x) => [x.label, x.amount])).toEqual([
      ['基数拨款', '100000.00'],
      ['按户拨款', '111000.00'],
    ]);
  });
});
