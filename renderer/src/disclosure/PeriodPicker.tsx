import { Field, Select } from '../ui/components';
import { parsePeriod, periodKey, type PeriodKind } from './period';

const kinds: Array<[PeriodKind, string]> = [
  ['month', '月'],
  ['quarter', '季'],
  ['year', '年'],
];

/**
 * 公开期间: a year, then 月 / 季 / 年, then which month or quarter — three small lists instead of a
 * typed code, so a period is never mistyped. Years run from the book's first year to this year.
 */
export function PeriodPicker({
  value,
  onChange,
  firstYear,
  lastYear,
  label = '公开期间',
}: {
  value: string;
  onChange: (key: string) => void;
  firstYear: number;
  lastYear: number;
  label?: string;
}) {
  const current = parsePeriod(value) ?? { year: lastYear, kind: 'quarter' as const, which: 1 };
  const from = Math.min(firstYear, current.year);
  const to = Math.max(lastYear, current.year);
  const years = Array.from({ length: to - from + 1 }, (_, i) => to - i);
  const change = (patch: Partial<typeof current>) => {
    const next = { ...current, ...patch };
    if (patch.kind && patch.kind !== current.kind) {
      // Keep the same part of the year: March ↔ Q1, Q2 → April.
      if (next.kind === 'year') next.which = 0;
      else if (next.kind === 'quarter')
        next.which = current.kind === 'month' ? Math.ceil(current.which / 3) : 1;
      else next.which = current.kind === 'quarter' ? current.which * 3 : 12;
    }
    onChange(periodKey(next));
  };
  return (
    <Field label={label}>
      <span className="ds-period" role="group" aria-label={label}>
        <Select
          aria-label="年度"
          value={String(current.year)}
          onChange={(e) => change({ year: Number(e.target.value) })}
          style={{ width: 92 }}
        >
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y} 年
            </option>
          ))}
        </Select>
        <span className="ds-kind" role="radiogroup" aria-label="期间类型">
          {kinds.map(([kind, text]) => (
            <button
              key={kind}
              type="button"
              role="radio"
              aria-checked={current.kind === kind}
              className={current.kind === kind ? 'on' : ''}
              onClick={() => change({ kind })}
              onKeyDown={(e) => {
                const i = kinds.findIndex(([k]) => k === current.kind);
                const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                if (!step) return;
                e.preventDefault();
                const next = kinds[(i + step + kinds.length) % kinds.length]![0];
                change({ kind: next });
                const group = e.currentTarget.parentElement;
                requestAnimationFrame(() =>
                  group?.querySelector<HTMLButtonElement>('[aria-checked="true"]')?.focus(),
                );
              }}
              tabIndex={current.kind === kind ? 0 : -1}
            >
              {text}
            </button>
          ))}
        </span>
        {current.kind !== 'year' && (
          <Select
            aria-label={current.kind === 'month' ? '月份' : '季度'}
            value={String(current.which)}
            onChange={(e) => change({ which: Number(e.target.value) })}
            style={{ width: 96 }}
          >
            {Array.from({ length: current.kind === 'month' ? 12 : 4 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={String(n)}>
                {current.kind === 'month' ? `${n} 月` : `第 ${n} 季度`}
              </option>
            ))}
          </Select>
        )}
      </span>
    </Field>
  );
}
