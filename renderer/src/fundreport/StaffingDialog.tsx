import { useState, type FormEvent } from 'react';
import { useAction } from '../api';
import { useSession } from '../session';
import { Button, ErrorNotice, Field, Input } from '../ui/components';
import type { StaffingRow } from './format';

const count = (text: string) => (/^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : undefined);

/** Records a community's 实有 staff for the year (staffing.set): workers, 协警 and the date counted. */
export function StaffingDialog({
  row,
  year,
  onDone,
}: {
  row: StaffingRow;
  year: number;
  onDone: () => void;
}) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [workers, setWorkers] = useState(row.recorded ? String(row.recorded.workers) : '');
  const [police, setPolice] = useState(row.recorded ? String(row.recorded.auxiliaryPolice) : '');
  const [asOf, setAsOf] = useState(`${year}-12-31`);
  const [tried, setTried] = useState(false);
  const workersError = count(workers) === undefined ? '请填写不小于 0 的整数' : undefined;
  const policeError = count(police) === undefined ? '请填写不小于 0 的整数' : undefined;
  const dateError = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? undefined : '请填写统计日期';

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    setTried(true);
    if (workersError || policeError || dateError) return;
    const done = await action.run('staffing.set', {
      community: row.community,
      year,
      workers: count(workers)!,
      auxiliaryPolice: count(police)!,
      asOf,
    });
    if (done) onDone();
  };

  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={`录入人员配备：${row.community}`}
        onSubmit={(e) => void save(e)}
      >
        <h2>
          录入人员配备 · {row.community} · {year} 年
        </h2>
        {row.required && (
          <p className="hint" style={{ marginTop: 0 }}>
            应配专职社工 {row.required.workers} 名，协警 {row.required.auxiliaryPolice} 名。
          </p>
        )}
        <div className="st-form">
          <Field label="实有专职社工" error={tried ? workersError : undefined}>
            <Input
              autoFocus
              inputMode="numeric"
              value={workers}
              invalid={tried && !!workersError}
              onChange={(e) => setWorkers(e.target.value)}
            />
          </Field>
          <Field label="实有协警" error={tried ? policeError : undefined}>
            <Input
              inputMode="numeric"
              value={police}
              invalid={tried && !!policeError}
              onChange={(e) => setPolice(e.target.value)}
            />
          </Field>
          <div className="wide">
            <Field label="统计日期" error={tried ? dateError : undefined}>
              <Input
                type="date"
                value={asOf}
                invalid={tried && !!dateError}
                onChange={(e) => setAsOf(e.target.value)}
              />
            </Field>
          </div>
        </div>
        <ErrorNotice error={action.error} />
        <div className="buttons">
          <Button onClick={onDone}>取消</Button>
          <Button type="submit" variant="primary" disabled={action.busy}>
            保存
          </Button>
        </div>
      </form>
    </div>
  );
}
