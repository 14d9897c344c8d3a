import { useApi } from '../api';
import { Field, Select } from '../ui/components';
import { thisYear } from './format';

/**
 * 年度: the years that have grant policies, the years around this one, and the one shown. A list, not a
 * number box, so the year is never mistyped.
 */
export function YearPicker({
  value,
  onChange,
  label = '年度',
}: {
  value: number;
  onChange: (year: number) => void;
  label?: string;
}) {
  const policies = useApi('grant.policies', {});
  const years = yearChoices(
    (policies.data ?? []).map((p) => p.year),
    value,
  );
  return (
    <Field label={label}>
      <Select
        aria-label={label}
        value={String(value)}
        onChange={(e) => onChange(Number(e.target.value))}
        style={{ width: 100 }}
      >
        {years.map((y) => (
          <option key={y} value={String(y)}>
            {y} 年
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function yearChoices(policyYears: number[], value: number): number[] {
  const now = thisYear();
  const all = [...policyYears, value, now - 3, now + 1];
  const from = Math.min(...all);
  const to = Math.max(...all);
  return Array.from({ length: to - from + 1 }, (_, i) => to - i);
}

/** The year in the URL (`?year=2025`), else this computer's current year. */
export function yearParam(text: string): number {
  const year = Number(text);
  return /^\d{4}$/.test(text) && year >= 2000 && year <= 2999 ? year : thisYear();
}
