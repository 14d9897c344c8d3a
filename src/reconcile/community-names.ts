import { fail } from '../errors.js';
import { recordAudit } from '../ledger/audit.js';
import type { Centre } from '../ledger/centre.js';
import { requireRole, type Actor } from '../ledger/operators.js';

/**
 * Community names as statements write them. An exact name, code or confirmed alias is taken; anything
 * else is offered its closest matches and must be confirmed by a person — never dropped, never guessed.
 */

export interface NameResolution {
  byName: Map<string, number>;
  resolve(name: string): number | undefined;
  suggest(name: string): string[];
}

/** Edit distance (Levenshtein) over characters, so 东风社 区 / 东风 社区 / 冬风社区 are near 东风社区. */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[y.length]!;
}

const normalise = (name: string) =>
  name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/居民委员会$|居委会$/, '');

export function communityNames(centre: Centre): NameResolution {
  const communities = centre.sql('SELECT id, name, code FROM community').all() as Array<{
    id: number;
    name: string;
    code: string;
  }>;
  const aliases = centre.sql('SELECT alias, community_id AS id FROM community_alias').all() as Array<{
    alias: string;
    id: number;
  }>;
  // A community's own name or code always wins over an alias confirmed earlier.
  const byName = new Map<string, number>();
  for (const a of aliases) byName.set(a.alias, a.id);
  for (const c of communities) {
    byName.set(c.name, c.id);
    byName.set(c.code, c.id);
  }
  return {
    byName,
    resolve: (name) => byName.get(name.trim()) ?? byName.get(normalise(name)),
    suggest: (name) =>
      communities
        .map((c) => ({ name: c.name, d: distance(normalise(name), normalise(c.name)) }))
        .filter((c) => c.d <= Math.max(2, Math.floor([...c.name].length / 2)))
        .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
        .slice(0, 3)
        .map((c) => c.name),
  };
}

/** Records a confirmed alias: the statement's name for a community, used from now on. */
export function confirmAlias(centre: Centre, alias: string, communityId: number): void {
  centre
    .sql(
      `INSERT INTO community_alias (alias, community_id) VALUES (?, ?)
       ON CONFLICT (alias) DO UPDATE SET community_id = excluded.community_id`,
    )
    .run(alias.trim(), communityId);
}

export function listAliases(centre: Centre): Array<{ alias: string; community: string }> {
  return centre
    .sql(
      'SELECT a.alias, c.name AS community FROM community_alias a JOIN community c ON c.id = a.community_id ORDER BY a.alias',
    )
    .all() as Array<{ alias: string; community: string }>;
}

/** Removes a confirmed alias: the next statement that uses the name will ask again. */
export function removeAlias(actor: Actor, alias: string): { removed: string } {
  requireRole(actor.operator, ['accountant', 'supervisor'], '删除社区别名');
  const before = listAliases(actor.centre).find((a) => a.alias === alias.trim());
  if (!before) fail('not_found', `没有别名“${alias}”`, { field: 'alias' });
  actor.centre.sql('DELETE FROM community_alias WHERE alias = ?').run(alias.trim());
  recordAudit(actor.centre, {
    operatorId: actor.operator.id,
    action: 'reconcile.removeAlias',
    entity: 'community_alias',
    before,
  });
  return { removed: before.alias };
}
