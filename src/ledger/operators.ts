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
  if (centre.sql('SELECT 1 FROM operator WHERE name = ?').get(name)) {
    fail('duplicate', `操作员“${name}”已存在`, { field: 'name' });
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
