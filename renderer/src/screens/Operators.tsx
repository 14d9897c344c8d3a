import { useState, type FormEvent } from 'react';
import { useAction, useApi, type ApiOutput } from '../api';
import { useSession, type Operator } from '../session';
import { roleDuty, roleText } from '../labels';
import '../setup/setup.css';
import { Button, Card, ErrorNotice, Field, Input, Notice, Page, Select } from '../ui/components';

type Role = Operator['role'];

/** 操作员: who may work in this centre and in which role; supervisors add and change them. */
export function Operators() {
  const session = useSession();
  const operators = useApi('operator.list', {});
  const manages = session.operator?.role === 'supervisor' && !session.readOnly;
  const [done, setDone] = useState<string>();
  const [editing, setEditing] = useState<number>();
  const list = operators.data ?? [];
  const edited = list.find((o) => o.id === editing);

  return (
    <Page title="操作员" sub={list.length ? `${list.filter((o) => o.active).length} 名在用` : undefined}>
      <ErrorNotice error={operators.error} />
      {done && <Notice kind="ok">{done}</Notice>}
      <div className="setup-split">
        <div className="table-wrap">
          <table className="grid" data-testid="operators">
            <thead>
              <tr>
                <th>姓名</th>
                <th>角色</th>
                <th>职责</th>
                <th>状态</th>
                {manages && <th />}
              </tr>
            </thead>
            <tbody>
              {list.map((o) => (
                <tr
                  key={o.id}
                  className={o.id === editing || o.id === session.operator?.id ? 'selected' : ''}
                  data-operator={o.name}
                >
                  <td>
                    <strong className={o.active ? undefined : 'muted'}>{o.name}</strong>
                    {o.id === session.operator?.id && <span className="hint">（当前）</span>}
                  </td>
                  <td>{roleText[o.role] ?? o.role}</td>
                  <td className="muted">{roleDuty[o.role]}</td>
                  <td data-testid="status">
                    {o.active ? (
                      <span className="badge posted">在用</span>
                    ) : (
                      <span className="badge closed">停用</span>
                    )}
                  </td>
                  {manages && (
                    <td style={{ textAlign: 'right' }}>
                      <Button
                        small
                        onClick={() => {
                          setEditing(o.id);
                          setDone(undefined);
                        }}
                      >
                        修改
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {manages ? (
          <div>
            {edited && (
              <EditOperator
                key={edited.id}
                operator={edited}
                onChanged={(text, changed) => {
                  setDone(text);
                  // The signed-in supervisor's own name or role: the top bar and the checks follow.
                  if (changed.id === session.operator?.id) session.setOperator(changed);
                }}
                onClose={() => setEditing(undefined)}
              />
            )}
            <AddOperator
              onAdded={(o) => {
                setDone(`已添加操作员“${o.name}”（${roleText[o.role]}）。下次启动时可在开始界面选择。`);
                operators.reload();
              }}
            />
          </div>
        ) : (
          <Card title="操作员管理">
            <p className="muted" style={{ margin: 0 }}>
              只有主管可以添加和修改操作员。
            </p>
          </Card>
        )}
      </div>
    </Page>
  );
}

/** The role picker: it starts empty, so every new operator's role is a choice, never a leftover. */
function RoleSelect({ value, onChange }: { value: Role | ''; onChange: (role: Role) => void }) {
  return (
    <Select value={value} onChange={(e) => onChange(e.target.value as Role)} required>
      {value === '' && (
        <option value="" disabled>
          请选择角色
        </option>
      )}
      {Object.entries(roleText).map(([role, text]) => (
        <option key={role} value={role}>
          {text}
        </option>
      ))}
    </Select>
  );
}

function AddOperator({ onAdded }: { onAdded: (operator: ApiOutput<'operator.add'>) => void }) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!role) return;
    const created = await action.run('operator.add', { name, role });
    if (!created) return;
    setName('');
    setRole('');
    onAdded(created);
  }

  return (
    <Card title="添加操作员">
      <form onSubmit={submit} aria-label="添加操作员">
        <ErrorNotice error={action.error} />
        <div className="form-grid" style={{ gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' }}>
          <Field label="姓名">
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              invalid={action.error?.field === 'name'}
            />
          </Field>
          <Field label="角色">
            <RoleSelect value={role} onChange={setRole} />
          </Field>
        </div>
        <p className="hint" style={{ margin: '0 0 8px' }}>
          {role ? `${roleText[role]}：${roleDuty[role]}。` : '请为新操作员选择角色。'}
        </p>
        <div className="form-actions" style={{ justifyContent: 'flex-end' }}>
          <Button type="submit" variant="primary" disabled={!name.trim() || !role || action.busy}>
            添加操作员
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** One operator's name, role and status; each change is its own audited action. */
function EditOperator({
  operator,
  onChanged,
  onClose,
}: {
  operator: Operator;
  onChanged: (text: string, changed: Operator) => void;
  onClose: () => void;
}) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [name, setName] = useState(operator.name);
  const [role, setRole] = useState<Role>(operator.role);

  async function rename(e: FormEvent) {
    e.preventDefault();
    const changed = await action.run('operator.rename', { operator: operator.id, name });
    if (changed) onChanged(`已将“${operator.name}”改名为“${changed.name}”。`, changed);
  }
  async function changeRole() {
    const changed = await action.run('operator.setRole', { operator: operator.id, role });
    if (changed)
      onChanged(
        `“${changed.name}”的角色已由${roleText[operator.role]}改为${roleText[changed.role]}。`,
        changed,
      );
  }
  async function toggle() {
    const method = operator.active ? 'operator.disable' : 'operator.enable';
    const changed = await action.run(method, { operator: operator.id });
    if (changed) onChanged(`已${changed.active ? '启用' : '停用'}操作员“${changed.name}”。`, changed);
  }

  return (
    <Card
      title={`修改操作员：${operator.name}`}
      actions={
        <Button small onClick={onClose}>
          关闭
        </Button>
      }
    >
      <form onSubmit={rename} aria-label="修改操作员">
        <ErrorNotice error={action.error} />
        <div className="form-row" style={{ marginBottom: 6 }}>
          <Field label="姓名">
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              invalid={action.error?.field === 'name'}
              style={{ width: 150 }}
            />
          </Field>
          <Button type="submit" disabled={!name.trim() || name.trim() === operator.name || action.busy}>
            改名
          </Button>
        </div>
        <div className="form-row" style={{ marginBottom: 6 }}>
          <Field label="角色">
            <RoleSelect value={role} onChange={setRole} />
          </Field>
          <Button onClick={changeRole} disabled={role === operator.role || action.busy}>
            改角色
          </Button>
        </div>
        <p className="hint" style={{ margin: '0 0 8px' }}>
          改名用于更正姓名的写法：凭证和操作日志按操作员记录，改名后显示新姓名，原姓名留在操作日志中。换了人请停用原操作员，再添加新操作员。
          停用的操作员不能再选用，经办过的凭证和日志仍显示其姓名。
        </p>
        <div className="form-actions" style={{ justifyContent: 'flex-end' }}>
          <Button variant={operator.active ? 'danger' : 'primary'} onClick={toggle} disabled={action.busy}>
            {operator.active ? '停用' : '启用'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
