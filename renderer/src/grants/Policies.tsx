import { useState, type FormEvent, type ReactNode } from 'react';
import { useAction, useApi, type ApiError } from '../api';
import { kindText } from '../labels';
import { useSession } from '../session';
import { Button, Card, Empty, ErrorNotice, Field, Input, Notice, Select } from '../ui/components';
import { householdBasisText, instalmentText, policyText, shiftDecimal, type GrantPolicy } from './format';

/**
 * 拨款政策: the year's policies in plain Chinese. A supervisor edits a policy's figures here; the whole
 * policy goes to the core, which checks it and refuses with the field named.
 */
export function Policies({ year }: { year: number }) {
  const session = useSession();
  const canEdit = !session.readOnly && session.operator?.role === 'supervisor';
  const all = useApi('grant.policies', {});
  const action = useAction(session.operator?.name);
  const [editing, setEditing] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const order = Object.keys(kindText);
  const policies = (all.data ?? [])
    .filter((p) => p.year === year)
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const earlier = [...new Set((all.data ?? []).map((p) => p.year))]
    .filter((y) => y < year)
    .sort()
    .at(-1);

  // A year without policies: the supervisor may carry the latest earlier year's forward, one kind at a time.
  async function carryForward() {
    if (earlier === undefined) return;
    for (const policy of (all.data ?? []).filter((p) => p.year === earlier)) {
      if (!(await action.run('grant.setPolicy', { policy: { ...policy, year } }))) return;
    }
    setSaved(`已按 ${earlier} 年的政策设置 ${year} 年拨款政策，可逐项修改。`);
  }

  return (
    <Card
      title={`${year} 年拨款政策`}
      actions={!canEdit && <span className="hint">只有主管可以修改拨款政策</span>}
    >
      <ErrorNotice error={all.error} />
      {saved && (
        <Notice kind="ok">
          <span data-testid="policy-saved">{saved}</span>
        </Notice>
      )}
      {policies.length === 0 ? (
        <Empty>
          {all.loading ? '正在读取……' : `没有 ${year} 年的拨款政策，该年度的应拨经费无法计算。`}
          {canEdit && earlier !== undefined && !all.loading && (
            <>
              <br />
              <ErrorNotice error={action.error} />
              <Button small variant="primary" disabled={action.busy} onClick={() => void carryForward()}>
                沿用 {earlier} 年政策
              </Button>
            </>
          )}
        </Empty>
      ) : (
        <ul className="gr-policies" data-testid="policies">
          {policies.map((p) => {
            const key = `${p.year}/${p.kind}`;
            const open = editing === key;
            return (
              <li key={key} data-kind={p.kind} className={open ? 'editing' : ''}>
                <span className="text">{policyText(p)}</span>
                {canEdit && !open && (
                  <Button
                    small
                    className="no-print"
                    onClick={() => {
                      setSaved(undefined);
                      setEditing(key);
                    }}
                  >
                    修改
                  </Button>
                )}
                {open && (
                  <PolicyForm
                    policy={p}
                    onCancel={() => setEditing(undefined)}
                    onSaved={(next) => {
                      setEditing(undefined);
                      setSaved(
                        `已保存 ${next.year} 年${kindText[next.kind] ?? next.kind}拨款政策：${policyText(next)}`,
                      );
                    }}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

type Draft = Record<string, string>;

/** Shares are shown and typed as percentages ('0.7' ↔ '70'). */
const shares = ['residentWeight', 'registeredWeight', 'reduction'];

function toDraft(policy: GrantPolicy): Draft {
  const draft: Draft = {};
  for (const [key, value] of Object.entries(policy)) {
    if (typeof value !== 'string') continue;
    draft[key] = shares.includes(key) ? shiftDecimal(value, 2) : value;
  }
  return draft;
}

/** An amount as the policy stores it: '120,000' → '120000.00' (anything else goes to the core as typed). */
function amountText(text: string): string {
  const clean = text.replace(/[,，\s元]/g, '');
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(clean);
  return match ? `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}` : clean;
}

function PolicyForm({
  policy,
  onCancel,
  onSaved,
}: {
  policy: GrantPolicy;
  onCancel: () => void;
  onSaved: (policy: GrantPolicy) => void;
}) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [draft, setDraft] = useState<Draft>(() => toDraft(policy));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const set = (key: string) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    const next: Record<string, unknown> = { year: policy.year, kind: policy.kind, rule: policy.rule };
    for (const [key, value] of Object.entries(draft)) {
      if (['year', 'kind', 'rule'].includes(key)) continue;
      if (shares.includes(key)) {
        const pct = value.replace(/[%\s]/g, '');
        if (!/^\d+(\.\d+)?$/.test(pct) || Number(pct) > 100) {
          found[key] = '请填写 0 到 100 之间的百分比';
          continue;
        }
        next[key] = shiftDecimal(pct, -2);
      } else if (['instalments', 'households'].includes(key)) {
        next[key] = value;
      } else if (key === 'base' && policy.rule === 'per_household' && !value.trim()) {
        // an optional base left blank: none
      } else {
        next[key] = amountText(value);
      }
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const saved = await action.run('grant.setPolicy', { policy: next });
    if (saved) onSaved(saved as GrantPolicy);
  }

  const refusedField = action.error?.field;
  const fieldProps = (key: string) => ({
    error: problems[key] ?? (refusedField === key ? shortMessage(action.error) : undefined),
  });
  const input = (key: string, label: string, suffix: string, placeholder?: string): ReactNode => (
    <Field label={label} {...fieldProps(key)}>
      <span className="gr-suffix">
        <Input
          aria-label={label}
          className="gr-figure"
          value={draft[key] ?? ''}
          invalid={!!fieldProps(key).error}
          placeholder={placeholder}
          onChange={(e) => set(key)(e.target.value)}
        />
        {suffix}
      </span>
    </Field>
  );
  const instalments = (
    <Field label="拨付方式">
      <Select
        aria-label="拨付方式"
        value={draft.instalments}
        onChange={(e) => set('instalments')(e.target.value)}
      >
        {Object.entries(instalmentText).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <form
      className="gr-policy-form"
      onSubmit={submit}
      aria-label={`修改${kindText[policy.kind] ?? policy.kind}拨款政策`}
      noValidate
    >
      <ErrorNotice error={refusedField && refusedField in draft ? undefined : action.error} />
      <div className="gr-form">
        {policy.rule === 'base_plus_households' ? (
          <>
            {input('base', '基数拨款', '元')}
            {input('perHousehold', '每折算户', '元')}
            {input('residentWeight', '常住户数权重', '%')}
            {input('registeredWeight', '户籍户数权重', '%')}
            {input('reduction', '核减比例', '%')}
            {instalments}
          </>
        ) : (
          <>
            {input('minRate', '每户标准下限', '元')}
            {input('maxRate', '每户标准上限', '元')}
            {input('defaultRate', '默认每户标准', '元')}
            {input('base', '基数拨款', '元', '无')}
            <Field label="计费户数">
              <Select
                aria-label="计费户数"
                value={draft.households}
                onChange={(e) => set('households')(e.target.value)}
              >
                {Object.entries(householdBasisText).map(([value, text]) => (
                  <option key={value} value={value}>
                    按{text}
                  </option>
                ))}
              </Select>
            </Field>
            {instalments}
          </>
        )}
      </div>
      <div className="gr-actions">
        <span className="hint">修改后，{policy.year} 年该类社区的应拨经费即按新政策重算。</span>
        <span className="spacer" />
        <Button small onClick={onCancel}>
          取消
        </Button>
        <Button small type="submit" variant="primary" disabled={action.busy}>
          保存政策
        </Button>
      </div>
    </form>
  );
}

/** The core's refusal without its 拨款政策无效： prefix, to sit under the field it names. */
function shortMessage(error: ApiError | undefined): string | undefined {
  return error?.message.replace(/^拨款政策无效：/, '');
}
