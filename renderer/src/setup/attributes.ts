import type { ApiOutput } from '../api';

/** 限定性 and 辅助核算 of an account, in the words of the 会计科目 screen. */

type Account = ApiOutput<'account.list'>[number];
export type Dimensions = Account['dimensions'];
export type DimensionName = keyof Dimensions;
export type DimensionRule = Dimensions[DimensionName];

export const dimensionNames: DimensionName[] = ['project', 'party', 'item'];

export const dimensionText: Record<DimensionName, string> = {
  project: '项目',
  party: '往来单位',
  item: '收支项目',
};

export const ruleText: Record<DimensionRule, string> = {
  none: '不核算',
  tracked: '核算',
  required: '必填',
};

export interface Attributes {
  restricted: boolean;
  dimensions: Dimensions;
}

/** '项目（必填）、往来单位', or '无' when the account is tracked by nothing. */
export function describeDimensions(dimensions: Dimensions): string {
  const tracked = dimensionNames.filter((name) => dimensions[name] !== 'none');
  if (tracked.length === 0) return '无';
  return tracked
    .map((name) => `${dimensionText[name]}${dimensions[name] === 'required' ? '（必填）' : ''}`)
    .join('、');
}

export function sameAttributes(a: Attributes, b: Attributes): boolean {
  return a.restricted === b.restricted && dimensionNames.every((n) => a.dimensions[n] === b.dimensions[n]);
}

/**
 * The sub-accounts that a change of `account` to `next` changes too. As the core does it: a
 * sub-account follows an attribute when it had the account's old value (it inherited it); one that was
 * set apart keeps its own.
 */
export function followers(account: Account, all: Account[], next: Attributes): Account[] {
  const changes = (before: unknown, after: unknown, own: unknown) => after !== before && own === before;
  return all.filter(
    (sub) =>
      sub.code !== account.code &&
      sub.code.startsWith(account.code) &&
      (changes(account.restricted, next.restricted, sub.restricted) ||
        dimensionNames.some((n) => changes(account.dimensions[n], next.dimensions[n], sub.dimensions[n]))),
  );
}
