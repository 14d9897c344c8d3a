import { fail } from '../errors.js';
import type { Centre } from './centre.js';
import { recordAudit } from './audit.js';

export const roles = ['accountant', 'reviewer', 'supervisor', 'overseer'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  accountant: '会计',
  reviewer: '审核',
  supervisor: '主管',
  overseer: '议监会（只读）',
};

export interface Operator {
  id: number;
  name: string;
  role: Role;
  active: boolean;
}

/** Who is acting: every write in the core receives one, and every audit row names them. */
export interface Actor {
  centre: Centre;
  operator: Operator;
}

interface OperatorRow {
  id: number;
  name: string;
  role: Role;
  active: number;
}

const toOperator = (row: OperatorRow): Operator => ({ ...row, active: row.active === 1 });

export function findOperator(centre: Centre, name: string): Operator {
  const row = centre.sql('SELECT id, name, role, active FROM operator WHERE name = ?').get(name.trim()) as
    OperatorRow | undefined;
  if (!row) fail('not_found', `没有名为“${name}”的操作员`, { field: 'operator' });
  if (row.active !== 1) fail('forbidden', `操作员“${name}”已停用`, { field: 'operator' });
  return toOperator(row);
}

export function operatorName(centre: Centre, id: number | null): string | null {
  if (id === null) return null;
  const row = centre.sql('SELECT name FROM operator WHERE id = ?').get(id) as { name: string } | undefined;
  return row?.name ?? null;
}

/** Refuses the action unless the operator holds one of the roles. Overseers never write. */
export function requireRole(operator: Operator, allowed: readonly Role[], action: string): void {
  if (!allowed.includes(operator.role)) {
    const who = allowed.map((role) => roleLabels[role]).join('、');
    fail('forbidden', `操作员“${operator.name}”（${roleLabels[operator.role]}）无权${action}，需要：${who}`);
  }
}

export function listOperators(centre: Centre): Operator[] {
  const rows = centre.sql('SELECT id, name, role, active FROM operator ORDER BY id').all() as OperatorRow[];
  return rows.map(toOperator);
}

/** True while the centre has no supervisor: the first operator may then be added without one. */
export function needsFirstSupervisor(centre: Centre): boolean {
  return !centre.sql("SELECT 1 FROM operator WHERE role = 'supervisor' AND active = 1").get();
}

export function addOperator(
  centre: Centre,
  by: Operator | null,
  input: { name: string; role: Role },
): Operator {
  const name = input.name.trim();
  if (!name) fail('invalid_argument', '操作员姓名不能为空', { field: 'name' });
  if (by) requireRole(by, ['supervisor'], '添加操作员');
  else if (!needsFirstSupervisor(centre)) fail('forbidden', '添加操作员需要主管身份（--as 主管姓名）');
  else if (input.role !== 'supervisor')
    fail('forbidden', '第一个操作员必须是主管（supervisor）', { field: 'role' });
  const existing = centre.sql('SELECT active FROM operator WHERE name = ?').get(name) as
    { active: number } | undefined;
  if (existing) {
    const hint = existing.active ? '' : '（已停用），需要时请重新启用';
    fail('duplicate', `操作员“${name}”已存在${hint}`, { field: 'name' });
  }
  const id = Number(
    centre
      .sql('INSERT INTO operator (name, role, created_at) VALUES (?, ?, ?)')
      .run(name, input.role, centre.now()).lastInsertRowid,
  );
  const operator: Operator = { id, name, role: input.role, active: true };
  recordAudit(centre, {
    operatorId: by?.id ?? id,
    action: 'operator.add',
    entity: 'operator',
    entityId: id,
    after: operator,
  });
  return operator;
}

/**
 * The operator a supervisor is changing, by id or by name, active or not (an operator is enabled again
 * by the name they had).
 */
function operatorToChange(centre: Centre, ref: number | string): Operator {
  const row = (
    typeof ref === 'number'
      ? centre.sql('SELECT id, name, role, active FROM operator WHERE id = ?').get(ref)
      : centre.sql('SELECT id, name, role, active FROM operator WHERE name = ?').get(ref.trim())
  ) as OperatorRow | undefined;
  if (!row) {
    const which = typeof ref === 'number' ? `编号为 ${ref} ` : `名为“${ref}”`;
    fail('not_found', `没有${which}的操作员`, { field: 'operator' });
  }
  return toOperator(row);
}

/** Refuses a change that would leave the centre without an active supervisor to manage it. */
function keepOneSupervisor(centre: Centre, operator: Operator, change: string): void {
  if (operator.role !== 'supervisor' || !operator.active) return;
  const others = centre
    .sql("SELECT 1 FROM operator WHERE role = 'supervisor' AND active = 1 AND id <> ?")
    .get(operator.id);
  if (!others)
    fail('forbidden', `“${operator.name}”是中心唯一在用的主管，不能${change}；请先添加或启用另一名主管`, {
      field: 'operator',
    });
}

/** Writes the changed operator and its audit row (before and after, so the log shows what changed). */
function changeOperator(
  actor: Actor,
  before: Operator,
  after: Operator,
  action: 'operator.rename' | 'operator.setRole' | 'operator.disable' | 'operator.enable',
): Operator {
  actor.centre
    .sql('UPDATE operator SET name = ?, role = ?, active = ? WHERE id = ?')
    .run(after.name, after.role, after.active ? 1 : 0, before.id);
  recordAudit(actor.centre, {
    operatorId: actor.operator.id,
    action,
    entity: 'operator',
    entityId: before.id,
    before,
    after,
  });
  return after;
}

/**
 * Corrects how an operator's name is written. Vouchers and the audit log refer to the operator's id,
 * so they show the corrected name; the old one stays in this change's audit row. (A different person
 * is a new operator: disable the old one and add them.)
 */
export function renameOperator(actor: Actor, ref: number | string, newName: string): Operator {
  requireRole(actor.operator, ['supervisor'], '管理操作员');
  const before = operatorToChange(actor.centre, ref);
  const name = newName.trim();
  if (!name) fail('invalid_argument', '操作员姓名不能为空', { field: 'name' });
  if (name === before.name) fail('invalid_argument', `新姓名与原姓名“${name}”相同`, { field: 'name' });
  if (actor.centre.sql('SELECT 1 FROM operator WHERE name = ?').get(name))
    fail('duplicate', `操作员“${name}”已存在，不能改为此姓名`, { field: 'name' });
  return changeOperator(actor, before, { ...before, name }, 'operator.rename');
}

export function setOperatorRole(actor: Actor, ref: number | string, role: Role): Operator {
  requireRole(actor.operator, ['supervisor'], '管理操作员');
  const before = operatorToChange(actor.centre, ref);
  if (before.role === role)
    fail('invalid_argument', `操作员“${before.name}”已是${roleLabels[role]}`, { field: 'role' });
  if (role !== 'supervisor') keepOneSupervisor(actor.centre, before, `改为${roleLabels[role]}`);
  return changeOperator(actor, before, { ...before, role }, 'operator.setRole');
}

/**
 * Disables or enables an operator. A disabled operator cannot sign in or change anything, and keeps
 * their name on everything they did (and their name stays taken).
 */
export function setOperatorActive(actor: Actor, ref: number | string, active: boolean): Operator {
  requireRole(actor.operator, ['supervisor'], '管理操作员');
  const before = operatorToChange(actor.centre, ref);
  if (before.active === active)
    fail('invalid_argument', `操作员“${before.name}”${active ? '在用，无需启用' : '已停用'}`, {
      field: 'operator',
    });
  if (!active) keepOneSupervisor(actor.centre, before, '停用');
  return changeOperator(
    actor,
    before,
    { ...before, active },
    active ? 'operator.enable' : 'operator.disable',
  );
}
