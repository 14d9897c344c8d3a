import {
  useEffect,
  useRef,
  type ComponentPropsWithRef,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react';
import type { ApiError } from '../api';

/**
 * The design system's components. Screens compose these and add layout; colours, spacing and type
 * live in theme.css only.
 */

export function Page({
  title,
  sub,
  actions,
  children,
}: {
  title: string;
  sub?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section>
      <div className="page-head">
        <h1>{title}</h1>
        {sub && <span className="sub">{sub}</span>}
        {actions && <div className="actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

export function Card({
  title,
  children,
  actions,
}: {
  title?: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="card">
      {(title || actions) && (
        <div className="page-head" style={{ marginBottom: 6 }}>
          {title && <h2 style={{ margin: 0 }}>{title}</h2>}
          {actions && <div className="actions">{actions}</div>}
        </div>
      )}
      {children}
    </div>
  );
}

export function Toolbar({ children }: { children: ReactNode }) {
  return <div className="toolbar">{children}</div>;
}

type ButtonProps = ComponentPropsWithRef<'button'> & { variant?: 'primary' | 'danger'; small?: boolean };

export function Button({ variant, small, className, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={['btn', variant, small ? 'small' : '', className].filter(Boolean).join(' ')}
      {...rest}
    />
  );
}

/** A labelled control with its error shown right under it. */
export function Field({
  label,
  error,
  inline,
  children,
}: {
  label: string;
  error?: string | undefined;
  inline?: boolean;
  children: ReactNode;
}) {
  return (
    <label className={inline ? 'field inline' : 'field'}>
      <span>{label}</span>
      {children}
      {error && <span className="error">{error}</span>}
    </label>
  );
}

export function Input({
  invalid,
  className,
  ...rest
}: ComponentPropsWithRef<'input'> & { invalid?: boolean }) {
  return (
    <input className={['input', invalid ? 'invalid' : '', className].filter(Boolean).join(' ')} {...rest} />
  );
}

export function Select({
  invalid,
  className,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }) {
  return (
    <select className={['select', invalid ? 'invalid' : '', className].filter(Boolean).join(' ')} {...rest} />
  );
}

/** An amount as the API gives it ('-1234.50'): thousands separators, tabular figures, red ink in red. */
export function Amount({ value, blankZero }: { value: string | null | undefined; blankZero?: boolean }) {
  if (value === null || value === undefined || value === '') return <span className="amount" />;
  const negative = value.startsWith('-');
  const [whole = '0', cents = '00'] = value.replace('-', '').split('.');
  if (blankZero && /^0*$/.test(whole) && /^0*$/.test(cents)) return <span className="amount" />;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (
    <span
      className={negative ? 'amount red' : 'amount'}
    >{`${negative ? '-' : ''}${grouped}.${cents.padEnd(2, '0')}`}</span>
  );
}

const statusText: Record<string, string> = {
  draft: '未审核',
  reviewed: '已审核',
  posted: '已记账',
  void: '作废',
};

export function StatusBadge({ status, red }: { status: string; red?: boolean }) {
  return (
    <span className={`badge ${status}`} title={statusText[status]}>
      {statusText[status] ?? status}
      {red ? ' · 红字' : ''}
    </span>
  );
}

/** A refusal from the core, with every bad row of an import listed. */
export function ErrorNotice({ error, onClose }: { error: ApiError | undefined; onClose?: () => void }) {
  if (!error) return null;
  return (
    <div className="notice error" role="alert">
      <strong>{error.message}</strong>
      {onClose && (
        <Button small style={{ float: 'right' }} onClick={onClose}>
          关闭
        </Button>
      )}
      {error.rows.length > 0 && (
        <ul className="row-errors">
          {error.rows.map((row, i) => (
            <li key={i} data-row={row.row}>
              第 {row.row} 行 · {row.column}：{row.message.replace(/^第 \d+ 行[^：]*：/, '')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Notice({ kind, children }: { kind: 'ok' | 'info' | 'error'; children: ReactNode }) {
  return (
    <div className={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** Shown while a call runs: the window stays usable because the core works outside it. */
export function Progress({ active }: { active: boolean }) {
  return active ? <div className="progress" role="progressbar" aria-label="正在处理" /> : null;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** A modal question; Enter confirms, Escape cancels. */
export function Dialog({
  title,
  children,
  confirm = '确定',
  onConfirm,
  onCancel,
  danger,
}: {
  title: string;
  children: ReactNode;
  confirm?: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title}>
        <h2>{title}</h2>
        {children}
        <div className="buttons">
          <Button onClick={onCancel}>取消</Button>
          <Button ref={ref} variant={danger ? 'danger' : 'primary'} onClick={onConfirm}>
            {confirm}
          </Button>
        </div>
      </div>
    </div>
  );
}

export function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <span className="stat">
      <span className="value">{value}</span>
      <span className="label">{label}</span>
    </span>
  );
}

/** 'YYYY-MM' picker over the months the book has, plus free typing. */
export function PeriodInput({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange: (period: string) => void;
  label: string;
}) {
  return (
    <Field label={label}>
      <Input type="month" value={value} onChange={(e) => onChange(e.target.value)} style={{ width: 150 }} />
    </Field>
  );
}
