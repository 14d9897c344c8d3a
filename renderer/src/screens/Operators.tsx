import { useState, type FormEvent } from 'react';
import { useAction, useApi, type ApiOutput } from '../api';
import { useSession } from '../session';
import { roleDuty, roleText } from '../labels';
import '../setup/setup.css';
import { Button, Card, ErrorNotice, Field, Input, Notice, Page, Select } from '../ui/components';

type Role = ApiOutput<'operator.list'>[number]['role'];

/** 操作员: who may work in this centre and in which role; supervisors add new ones. */
export function Operators() {
  const session = useSession();
  const operators = useApi('operator.list', {});
  const canAdd = session.operator?.role === 'supervisor' && !session.readOnly;
  const [added, setAdded] = useState<string>();
  const list = operators.data ?? [];

  return (
    <Page title="操作员" sub={list.length ? `${list.filter((o) => o.active).length} 名在用` : undefined}>
      <ErrorNotice error={operators.error} />
      {added && <Notice kind="ok">{added}</Notice>}
      <div className="setup-split">
        <div className="table-wrap">
          <table className="grid" data-testid="operators">
            <thead>
              <tr>
                <th>姓名</th>
                <th>角色</th>
                <th>职责</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {list.map((o) => (
                <tr
                  key={o.id}
                  className={o.name === session.operator?.name ? 'selected' : ''}
                  data-operator={o.name}
                >
                  <td>
                    <strong>{o.name}</strong>
                    {o.name === session.operator?.name && <span className="hint">（当前）</span>}
                  </td>
                  <td>{roleText[o.role] ?? o.role}</td>
                  <td className="muted">{roleDuty[o.role]}</td>
                  <td>
                    {o.active ? (
                      <span className="badge posted">在用</span>
                    ) : (
                      <span className="badge closed">停用</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canAdd ? (
          <AddOperator
            onAdded={(o) => {
              setAdded(`已添加操作员“${o.name}”（${roleText[o.role]}）。下次启动时可在开始界面选择。`);
              operators.reload();
            }}
          />
        ) : (
          <Card title="添加操作员">
            <p className="muted" style={{ margin: 0 }}>
              只有主管可以添加操作员。
            </p>
          </Card>
        )}
      </div>
    </Page>
  );
}

function AddOperator({ onAdded }: { onAdded: (operator: ApiOutput<'operator.add'>) => void }) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('accountant');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const created = await action.run('operator.add', { name, role });
    if (!created) return;
    setName('');
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
            <Select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {Object.entries(roleText).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <p className="hint" style={{ margin: '0 0 8px' }}>
          {roleText[role]}：{roleDuty[role]}。
        </p>
        <div className="form-actions" style={{ justifyContent: 'flex-end' }}>
          <Button type="submit" variant="primary" disabled={!name.trim() || action.busy}>
            添加操作员
          </Button>
        </div>
      </form>
    </Card>
  );
}
