import type { ReactNode } from 'react';
import { Field, Select } from '../ui/components';

const monthLabel = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;

/**
 * 起始期间 … 截止期间, chosen from the book's months (as 用友 does: no month outside the books, and the
 * same on every computer whatever its language). A reversed range is flagged on the first.
 */
export function PeriodRange({
  from,
  to,
  months,
  onChange,
}: {
  from: string;
  to: string;
  months: string[];
  onChange: (range: { from: string; to: string }) => void;
}) {
  const reversed = !!from && !!to && from > to;
  const options = (value: string) =>
    [...new Set([...months, ...(value ? [value] : [])])].sort().map((period) => (
      <option key={period} value={period}>
        {monthLabel(period)}
      </option>
    ));
  return (
    <>
      <Field label="起始期间" error={reversed ? '起始期间晚于截止期间' : undefined}>
        <Select
          aria-label="起始期间"
          value={from}
          invalid={reversed}
          onChange={(e) => onChange({ from: e.target.value, to })}
          style={{ width: 120 }}
        >
          {options(from)}
        </Select>
      </Field>
      <Field label="截止期间">
        <Select
          aria-label="截止期间"
          value={to}
          onChange={(e) => onChange({ from, to: e.target.value })}
          style={{ width: 120 }}
        >
          {options(to)}
        </Select>
      </Field>
    </>
  );
}

export function Check({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}
