const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An ISO instant in the centre's local time (China, UTC+8, as the core's dates are), whatever this
 * computer's zone: 2025-06-30 10:00:05, or 2025-06-30 10:00 to the minute.
 */
export function localTime(iso: string | null | undefined, precision: 'second' | 'minute' = 'second'): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000)
    .toISOString()
    .slice(0, precision === 'second' ? 19 : 16)
    .replace('T', ' ');
}

/** The current month, 'YYYY-MM', from this computer's clock. */
export function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}
