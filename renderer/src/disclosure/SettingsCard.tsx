import { useEffect, useState, type FormEvent } from 'react';
import { useAction, useApi } from '../api';
import { useSession } from '../session';
import { Button, Card, ErrorNotice, Field, Input, Notice } from '../ui/components';

/**
 * 公开频率和公开日 (centre settings): sheets are quarterly, monthly for a community with more vouchers
 * than the threshold in some month; each is due on the set day of the month after its period. Everyone
 * reads the rule; only the supervisor changes it.
 */
export function SettingsCard() {
  const session = useSession();
  const supervisor = session.operator?.role === 'supervisor';
  const settings = useApi('disclosure.settings', {});
  const action = useAction(session.operator?.name);
  const [threshold, setThreshold] = useState('');
  const [day, setDay] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!settings.data) return;
    setThreshold(String(settings.data.monthlyThreshold));
    setDay(String(settings.data.publicationDay));
  }, [settings.data]);

  const field = action.error?.field;
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const result = await action.run('disclosure.setSettings', {
      monthlyThreshold: Number(threshold.trim()),
      publicationDay: Number(day.trim()),
    });
    if (result) setSaved(true);
  }

  const s = settings.data;
  return (
    <Card title="公开频率和公开日">
      {s && (
        <p className="hint" style={{ marginTop: 0 }} data-testid="disclosure-rule">
          每季度公开一次；某月凭证超过 {s.monthlyThreshold} 张的社区按月公开。公开日为期间结束后次月{' '}
          {s.publicationDay} 日，公开期限不少于 15 天。
        </p>
      )}
      {supervisor && (
        <form className="ds-settings" onSubmit={submit} aria-label="公开设置" noValidate>
          <Field
            label="按月公开阈值（每月凭证张数）"
            error={field === 'monthlyThreshold' ? action.error?.message : undefined}
          >
            <Input
              aria-label="按月公开阈值"
              className="gr-figure"
              inputMode="numeric"
              value={threshold}
              invalid={field === 'monthlyThreshold'}
              onChange={(e) => setThreshold(e.target.value)}
              style={{ width: 120 }}
            />
          </Field>
          <Field
            label="公开日（每月几日）"
            error={field === 'publicationDay' ? action.error?.message : undefined}
          >
            <Input
              aria-label="公开日"
              className="gr-figure"
              inputMode="numeric"
              value={day}
              invalid={field === 'publicationDay'}
              onChange={(e) => setDay(e.target.value)}
              style={{ width: 120 }}
            />
          </Field>
          <Button type="submit" disabled={action.busy}>
            保存
          </Button>
        </form>
      )}
      <ErrorNotice
        error={
          action.error && !['monthlyThreshold', 'publicationDay'].includes(field ?? '')
            ? action.error
            : undefined
        }
      />
      {saved && <Notice kind="ok">已保存公开频率和公开日。</Notice>}
    </Card>
  );
}
