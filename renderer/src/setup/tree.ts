/** The chart as a tree: accounts in code order, each under the longest code that is a prefix of it. */
export interface TreeAccount {
  code: string;
  name: string;
  fullName: string;
  parentCode: string | null;
  level: number;
}

export function childrenByParent<A extends TreeAccount>(accounts: A[]): Map<string | null, A[]> {
  const children = new Map<string | null, A[]>();
  for (const account of accounts) {
    const list = children.get(account.parentCode);
    if (list) list.push(account);
    else children.set(account.parentCode, [account]);
  }
  return children;
}

/**
 * The rows to show, in tree order: every account under an expanded parent; with a filter, the accounts
 * that match and the parents leading to them (all open, so a match is never hidden).
 */
export function visibleRows<A extends TreeAccount>(
  accounts: A[],
  collapsed: Set<string>,
  matches?: (account: A) => boolean,
): A[] {
  const children = childrenByParent(accounts);
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  let keep: Set<string> | undefined;
  if (matches) {
    keep = new Set();
    for (const account of accounts) {
      if (!matches(account)) continue;
      for (
        let a: A | undefined = account;
        a && !keep.has(a.code);
        a = a.parentCode ? byCode.get(a.parentCode) : undefined
      )
        keep.add(a.code);
    }
  }
  const rows: A[] = [];
  const walk = (parent: string | null) => {
    for (const account of children.get(parent) ?? []) {
      if (keep && !keep.has(account.code)) continue;
      rows.push(account);
      if (keep || !collapsed.has(account.code)) walk(account.code);
    }
  };
  walk(null);
  // Accounts whose parent is missing from the list (e.g. filtered out upstream) still show.
  if (!keep) for (const a of accounts) if (a.parentCode && !byCode.has(a.parentCode)) rows.push(a);
  return rows;
}

/** The text filter of the chart screens: a code prefix, or part of the name or full name. */
export function accountMatcher(text: string): ((a: TreeAccount) => boolean) | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  return (a) => a.code.startsWith(t) || a.fullName.toLowerCase().includes(t);
}
