import { fail } from '../errors.js';
import { recordAudit } from './audit.js';
import type { Centre } from './centre.js';
import { requireRole, type Actor } from './operators.js';

export const communityKinds = ['urban', 'town', 'rural', 'remote'] as const;
export type CommunityKind = (typeof communityKinds)[number];

export const communityKindLabels: Record<CommunityKind, string> = {
  urban: '市区',
  town: '县城/建制镇',
  rural: '农村新社区',
  remote: '山区/海岛',
};

export interface BankAccount {
  bankName: string;
  accountNumber: string;
  /** The 银行存款 sub-account of the community's books the account is kept on (100201 by default). */
  ledgerCode?: string | undefined;
}

export interface Community {
  id: number;
  code: string;
  name: string;
  kind: CommunityKind;
  district: string;
  subdistrict: string;
  bankAccounts: BankAccount[];
}

export interface CommunityInput {
  name: string;
  code?: string | undefined;
  kind: CommunityKind;
  district?: string | undefined;
  subdistrict?: string | undefined;
  bankAccounts?: BankAccount[] | undefined;
}

export function listCommunities(centre: Centre): Community[] {
  const rows = centre
    .sql('SELECT id, code, name, kind, district, subdistrict FROM community ORDER BY code')
    .all() as Omit<Community, 'bankAccounts'>[];
  return rows.map((row) => ({ ...row, bankAccounts: bankAccountsOf(centre, row.id) }));
}

function bankAccountsOf(centre: Centre, communityId: number): BankAccount[] {
  return centre
    .sql(
      'SELECT bank_name AS bankName, account_number AS accountNumber, ledger_code AS ledgerCode FROM bank_account WHERE community_id = ? ORDER BY id',
    )
    .all(communityId) as BankAccount[];
}

/** A community is named by its name or its code, everywhere a user types one. */
export function findCommunity(centre: Centre, ref: string): Community {
  const row = centre
    .sql('SELECT id, code, name, kind, district, subdistrict FROM community WHERE name = @ref OR code = @ref')
    .get({ ref: ref.trim() }) as Omit<Community, 'bankAccounts'> | undefined;
  if (!row) fail('not_found', `没有名称或编号为“${ref}”的社区`, { field: 'community' });
  return { ...row, bankAccounts: bankAccountsOf(centre, row.id) };
}

export function addCommunity(actor: Actor, input: CommunityInput): Community {
  const { centre, operator } = actor;
  requireRole(operator, ['accountant', 'supervisor'], '添加社区');
  const name = input.name.trim();
  if (!name) fail('invalid_argument', '社区名称不能为空', { field: 'name' });
  if (centre.sql('SELECT 1 FROM community WHERE name = ?').get(name)) {
    fail('duplicate', `社区“${name}”已存在，同一中心内社区名称不能重复`, { field: 'name' });
  }
  const code = input.code?.trim() || nextCommunityCode(centre);
  if (centre.sql('SELECT 1 FROM community WHERE code = ?').get(code)) {
    fail('duplicate', `社区编号“${code}”已被使用`, { field: 'code' });
  }
  const id = Number(
    centre
      .sql(
        'INSERT INTO community (code, name, kind, district, subdistrict, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        code,
        name,
        input.kind,
        input.district?.trim() ?? '',
        input.subdistrict?.trim() ?? '',
        centre.now(),
      ).lastInsertRowid,
  );
  for (const account of input.bankAccounts ?? []) {
    const ledgerCode = account.ledgerCode?.trim() || '100201';
    if (!/^1002\d*$/.test(ledgerCode)) {
      fail('invalid_argument', `专户对应的科目“${ledgerCode}”应为银行存款（1002）的明细科目`, {
        field: 'ledgerCode',
      });
    }
    centre
      .sql(
        'INSERT INTO bank_account (community_id, bank_name, account_number, ledger_code) VALUES (?, ?, ?, ?)',
      )
      .run(id, account.bankName.trim(), account.accountNumber.trim(), ledgerCode);
  }
  const community = findCommunity(centre, code);
  recordAudit(centre, {
    operatorId: operator.id,
    action: 'community.add',
    entity: 'community',
    entityId: id,
    after: community,
  });
  return community;
}

function nextCommunityCode(centre: Centre): string {
  const { n } = centre.sql('SELECT count(*) AS n FROM community').get() as { n: number };
  for (let i = n + 1; ; i++) {
    const code = `S${String(i).padStart(3, '0')}`;
    if (!centre.sql('SELECT 1 FROM community WHERE code = ?').get(code)) return code;
  }
}
