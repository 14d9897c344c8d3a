import { Select } from '../ui/components';

/**
 * A month as 'YYYY-MM' from two lists (年, 月): the same in every locale, where the browser's own
 * month input would show "January 2026" on an English system.
 */
export function MonthPicker({
  label,
  value,
  onChange,
  years,
}: {
  label: string;
  value: string;
  onChange: (month: string) => void;
  years: number[];
}) {
  const [year = '', month = '01'] = value.split('-');
  return (
    <div className="field" role="group" aria-label={label}>
      <span>{label}</span>
      <span style={{ display: 'flex', gap: 6 }}>
        <Select
          aria-label={`${label}：年`}
          value={year}
          onChange={(e) => onChange(`${e.target.value}-${month}`)}
          style={{ width: 92 }}
        >
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y} 年
            </option>
          ))}
        </Select>
        <Select
          aria-label={`${label}：月`}
          value={month}
          onChange={(e) => onChange(`${year}-${e.target.value}`)}
          style={{ width: 76 }}
        >
          {Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0')).map((m) => (
            <option key={m} value={m}>
              {Number(m)} 月
            </option>
          ))}
        </Select>
      </span>
    </div>
  );
}
