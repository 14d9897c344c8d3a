import { useState } from 'react';
import { useAction, useApi } from '../api';
import { useSession } from '../session';
import { Button, ErrorNotice, Field, Input } from '../ui/components';
import { roleText } from '../labels';

/**
 * The start screen: choose who is working. A new centre file has no operators yet; the first one
 * created here is its supervisor.
 */
export function OperatorPicker() {
  const session = useSession();
  const operators = useApi('operator.list', {});
  const info = useApi('centre.info', {});
  const action = useAction(undefined);
  const [name, setName] = useState('');
  const active = (operators.data ?? []).filter((o) => o.active);

  return (
    <div style={{ maxWidth: 520, margin: '72px auto' }}>
      <div className="card">
        <h2 style={{ fontSize: 22, letterSpacing: 2, marginBottom: 2 }}>居财账簿</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          街（镇）管代理中心 · {info.data?.file ?? ''}
        </p>
        {active.length > 0 ? (
          <>
            <p>请选择操作员：</p>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
              {active.map((o, i) => (
                <Button
                  key={o.id}
                  autoFocus={i === 0}
                  onClick={() => session.setOperator(o)}
                  style={{ textAlign: 'left', height: 36 }}
                >
                  <strong>{o.name}</strong> <span className="muted">· {roleText[o.role]}</span>
                </Button>
              ))}
            </div>
            <p className="hint">完整的登录与权限管理将在后续版本提供。</p>
          </>
        ) : (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              const created = await action.run('operator.add', { name, role: 'supervisor' });
              if (created) session.setOperator(created);
            }}
          >
            <p>这是一个新的中心文件。请先建立主管（第一个操作员必须是主管）：</p>
            <ErrorNotice error={action.error} />
            <Field label="主管姓名">
              <Input autoFocus value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <div style={{ marginTop: 10 }}>
              <Button type="submit" variant="primary" disabled={!name.trim() || action.busy}>
                建立并进入
              </Button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
