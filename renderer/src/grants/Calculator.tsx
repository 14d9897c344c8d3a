import { useEffect, useState } from 'react';
import { useApi, type ApiInput } from '../api';
import { kindText } from '../labels';
import { Amount, Card, ErrorNotice, Field, Input, Select } from '../ui/components';
import { money, parseCount } from './format';
import { YearPicker } from './YearPicker';

type Kind = ApiInput<'grant.calc'>['kind'];

/** `value`, once it has stopped changing for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ms]);
  return settled;
}

/**
 * 拨款计算器: a year's policy applied to household counts typed in, without recording anything — the
 * working, the total and each source's instalments, recalculated as the figures are typed.
 */
export function Calculator({ year: pageYear }: { year: number }) {
  const [kind, setKind] = useState<Kind>('urban');
  const [year, setYear] = useState(pageYear);
  const [resident, setResident] = useState('');
  const [registered, setRegistered] = useState('');
  const [rate, setRate] = useState('');
  useEffect(() => setYear(pageYear), [pageYear]);

  const policies = useApi('grant.policies', {});
  const policy = policies.data?.find((p) => p.year === year && p.kind === kind);
  const perHousehold = policy?.rule === 'per_household' ? policy : undefined;

  // A count the policy does not use may be left blank.
  const r = resident.trim()
    ? parseCount(resident)
    : perHousehold?.households === 'registered'
      ? 0
      : undefined;
  const g = registered.trim()
    ? parseCount(registered)
    : perHousehold?.households === 'resident'
      ? 0
      : undefined;
  const badCount =
    (resident.trim() && r === undefined) || (registered.trim() && g === undefined)
      ? '户数应为不小于 0 的整数'
      : undefined;
  const input: ApiInput<'grant.calc'> | null =
    r !== undefined && g !== undefined
      ? {
          kind,
          year,
          resident: r,
          registered: g,
          ...(perHousehold && rate.trim() ? { rate: rate.trim() } : {}),
        }
      : null;
  const settled = useDebounced(input);
  const calc = useApi('grant.calc', settled);
  const pending = JSON.stringify(input) !== JSON.stringify(settled) || calc.loading;
  const rateError = calc.error?.field === 'rate' ? calc.error.message.replace('（rate）', ' ') : undefined;
  const result = input && !calc.error ? calc.data : undefined;

  return (
    <Card title="拨款计算器">
      <div data-testid="calculator">
        <div className="gr-form">
          <Field label="社区类型">
            <Select aria-label="社区类型" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {Object.entries(kindText).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </Select>
          </Field>
          <YearPicker value={year} onChange={setYear} />
          <Field label="常住户数">
            <Input
              aria-label="常住户数"
              inputMode="numeric"
              className="gr-figure"
              value={resident}
              invalid={!!resident.trim() && r === undefined}
              onChange={(e) => setResident(e.target.value)}
            />
          </Field>
          <Field label="户籍户数">
            <Input
              aria-label="户籍户数"
              inputMode="numeric"
              className="gr-figure"
              value={registered}
              invalid={!!registered.trim() && g === undefined}
              onChange={(e) => setRegistered(e.target.value)}
            />
          </Field>
          {perHousehold && (
            <div className="wide">
              <Field
                label={`每户标准（${money(perHousehold.minRate)}–${money(perHousehold.maxRate)} 元）`}
                error={rateError}
              >
                <span className="gr-suffix">
                  <Input
                    aria-label="每户标准"
                    className="gr-figure"
                    value={rate}
                    invalid={!!rateError}
                    placeholder={`默认 ${money(perHousehold.defaultRate)}`}
                    onChange={(e) => setRate(e.target.value)}
                  />
                  元
                </span>
              </Field>
            </div>
          )}
        </div>
        {badCount && <div className="gr-rate-error">{badCount}</div>}
        {!rateError && input && <ErrorNotice error={calc.error} />}
        {!input && !badCount && (
          <p className="hint" style={{ margin: '8px 0 0' }}>
            填入户数即可算出应拨金额，不会录入任何数据。
          </p>
        )}
        {result && (
          <div className="gr-result" style={{ opacity: pending ? 0.55 : 1 }} aria-busy={pending}>
            <div className="gr-total">
              <span className="muted">应拨合计（元）</span>
              <span data-testid="calc-total">
                <Amount value={result.total} />
              </span>
            </div>
            <div className="gr-working-text gr-figure" data-testid="calc-working">
              {result.working}
            </div>
            <table className="gr-sources" data-testid="calc-sources">
              <tbody>
                {result.sources.map((s) => [
                  <tr key={s.source} className="gr-source">
                    <td>{s.label}</td>
                    <td className="num">
                      <Amount value={s.amount} />
                    </td>
                  </tr>,
                  ...s.instalments.map((i) => (
                    <tr key={`${s.source}/${i.label}`} className="gr-instalment">
                      <td>{i.label}</td>
                      <td className="num">
                        <Amount value={i.amount} />
                      </td>
                    </tr>
                  )),
                ])}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Card>
  );
}
