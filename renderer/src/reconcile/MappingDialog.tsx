import { useEffect, useRef, useState } from 'react';
import { client, toApiError, useAction, useApi, type ApiError, type ApiOutput } from '../api';
import { useSession } from '../session';
import { FilePicker, type Upload } from '../setup/FilePicker';
import '../setup/setup.css';
import { Amount, Button, ErrorNotice, Field, Input, Progress, Select } from '../ui/components';

type AllocationPreview = ApiOutput<'reconcile.allocations.preview'>;
type BankPreview = ApiOutput<'reconcile.bank.preview'>;
type Kind = 'allocation' | 'bank';
type Decision = 'new' | 'skip';

/** What both previews have in common, for one dialog. */
interface Preview {
  fileName: string;
  headers: string[];
  columns: Record<string, string>;
  mappingFrom: 'given' | 'saved' | 'guessed';
  fields: Array<{ field: string; label: string; required: boolean }>;
  sample: Array<{ row: number; cells: string[] }>;
  count: number;
  problem: { message: string; rows: Array<{ row: number; column: string; message: string }> } | null;
  unknown: Array<{ name: string; rows: number[]; suggestions: string[] }>;
  /** Lines that look like ones already imported: a person decides 导入 or 跳过. */
  decide: Array<{ row: number; existing: string; why: string }>;
  /** Lines that are certainly ones already imported: skipped (bank statements that overlap). */
  same: Array<{ row: number; existing: string }>;
  /** The bank lines as read by the mapping (the first 20). */
  bankRows: BankPreview['rows'];
}

const fromAllocation = (p: AllocationPreview): Preview => ({
  ...p,
  decide: p.duplicates.map((d) => ({ ...d, why: '拨款日期、社区、资金性质、文号、金额都相同' })),
  same: [],
  bankRows: [],
});

const fromBank = (p: BankPreview): Preview => ({
  ...p,
  unknown: [],
  decide: p.suspect,
  same: p.same,
  bankRows: p.rows,
});

const mappingText: Record<Preview['mappingFrom'], [string, string]> = {
  saved: ['posted', '沿用上次保存的列对应关系'],
  guessed: ['draft', '按列名猜测的对应关系，请逐项核对'],
  given: ['reviewed', '已调整，导入成功后保存，下次沿用'],
};

/** A row error without its leading 第 N 行 (the row is shown beside it); the rest is kept whole. */
const rowText = (message: string) => message.replace(/^第 \d+ 行：?/, '');

/** The column is named unless the message starts with it (社区“南塘杜区”不在本中心…). */
const withColumn = (r: { column: string; message: string }) =>
  `${r.column && !rowText(r.message).startsWith(r.column) ? `${r.column}：` : ''}${rowText(r.message)}`;

export type ImportOutcome = { imported: number; skipped: number; fileName: string };

/**
 * 导入对账单: the column-mapping dialog. Pick a file (and, for district statements, say whose it is);
 * the core reads it and offers the saved or guessed mapping of its columns, shown over the first rows as
 * the file has them, each field's column chosen from a select. Community names the centre does not know
 * must each be matched to a community by a person (the closest names first, never preselected); lines
 * that look like ones already imported need 导入 or 跳过 each. A refused import lists every bad row, and
 * the rows of the preview carry their own errors.
 */
export function MappingDialog({
  kind,
  account,
  onDone,
  onCancel,
}: {
  kind: Kind;
  /** The bank account (bank statements). */
  account?: string;
  onDone: (outcome: ImportOutcome) => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const sources = useApi('reconcile.allocations.sources', kind === 'allocation' ? {} : null);
  const communities = useApi('community.list', kind === 'allocation' ? {} : null);
  const [upload, setUpload] = useState<Upload>();
  const [sourceText, setSourceText] = useState<string>();
  const [source, setSource] = useState('');
  const [columns, setColumns] = useState<Record<string, string>>();
  const [preview, setPreview] = useState<Preview>();
  const [previewError, setPreviewError] = useState<ApiError>();
  const [reading, setReading] = useState(false);
  const [aliases, setAliases] = useState<Record<string, string>>({});
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const first = useRef<HTMLDivElement>(null);

  // A new file or source starts afresh from its saved or guessed mapping, with nothing decided.
  const restart = () => {
    setColumns(undefined);
    setAliases({});
    setDecisions({});
    action.clearError();
  };

  // The last source used is offered first; typing another one starts from its own saved mapping.
  const typed = sourceText ?? sources.data?.[0] ?? '';
  useEffect(() => {
    const timer = setTimeout(() => {
      if (typed.trim() === source) return;
      restart();
      setSource(typed.trim());
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed, source]);

  useEffect(() => {
    first.current?.querySelector<HTMLElement>('.file-pick input, .btn')?.focus();
  }, []);

  useEffect(() => {
    if (!upload || (kind === 'allocation' && !source)) {
      setPreview(undefined);
      setPreviewError(undefined);
      return;
    }
    let current = true;
    setReading(true);
    const given = columns ? { columns } : {};
    const call =
      kind === 'allocation'
        ? client
            .call('reconcile.allocations.preview', { file: upload, source, ...given })
            .then(fromAllocation)
        : client
            .call('reconcile.bank.preview', { file: upload, account: account ?? '', ...given })
            .then(fromBank);
    call.then(
      (p) => {
        if (!current) return;
        setPreview(p);
        setPreviewError(undefined);
        setReading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setPreview(undefined);
        setPreviewError(toApiError(e));
        setReading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [upload, source, columns, kind, account]);

  const chooseColumn = (field: string, header: string) => {
    // A field left out is sent as '' (the core lays what is given over the saved or guessed mapping).
    setColumns({ ...(preview?.columns ?? {}), [field]: header });
    action.clearError();
  };

  async function runImport() {
    if (!upload || !preview) return;
    const chosen = Object.fromEntries(Object.entries(aliases).filter(([, v]) => v));
    const result =
      kind === 'allocation'
        ? await action.run('reconcile.allocations.import', {
            file: upload,
            source,
            columns: preview.columns,
            aliases: chosen,
            duplicates: decisions,
          })
        : await action.run('reconcile.bank.import', {
            file: upload,
            account: account ?? '',
            columns: preview.columns,
            duplicates: decisions,
          });
    if (result)
      onDone({
        imported: result.imported,
        skipped: typeof result.skipped === 'number' ? result.skipped : result.skipped.length,
        fileName: preview.fileName,
      });
  }

  // Every message about a row of the file: the preview's problems, then the refused import's.
  const rowErrors = new Map<number, string[]>();
  for (const r of [...(preview?.problem?.rows ?? []), ...(action.error?.rows ?? [])])
    rowErrors.set(r.row, [...(rowErrors.get(r.row) ?? []), withColumn(r)]);
  const unknownRows = new Map(preview?.unknown.flatMap((u) => u.rows.map((r) => [r, u.name] as const)) ?? []);
  const decideRows = new Map(preview?.decide.map((d) => [d.row, d]) ?? []);
  const sameRows = new Map(preview?.same.map((d) => [d.row, d]) ?? []);
  const pendingNames = preview?.unknown.filter((u) => !aliases[u.name]).length ?? 0;
  const pendingLines = preview?.decide.filter((d) => !decisions[String(d.row)]).length ?? 0;
  const mappedTo = new Map(
    Object.entries(preview?.columns ?? {})
      .filter(([, header]) => header)
      .map(([field, header]) => [header, preview?.fields.find((f) => f.field === field)?.label ?? field]),
  );
  const allCommunities = (communities.data ?? []).map((c) => c.name);
  const title = kind === 'allocation' ? '导入区财政拨款对账单' : '导入银行对账单';

  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className="dialog rc-mapping" role="dialog" aria-modal="true" aria-label={title}>
        <Progress active={reading || action.busy} />
        <h2>{title}</h2>
        <div className="rc-mapping-body">
          <div className="rc-mapping-file" ref={first}>
            <FilePicker
              label="对账单文件"
              value={upload}
              onChange={(u) => {
                restart();
                setUpload(u);
              }}
              disabled={action.busy}
            />
            {kind === 'allocation' ? (
              <Field label="来源（拨款单位）" inline>
                <Input
                  aria-label="来源"
                  list="rc-sources"
                  value={typed}
                  placeholder="如 鹿城区财政局"
                  onChange={(e) => setSourceText(e.target.value)}
                  style={{ width: 200 }}
                />
                <datalist id="rc-sources">
                  {(sources.data ?? []).map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              </Field>
            ) : (
              <span className="muted">账号 {account}</span>
            )}
            <span className="hint">CSV（UTF-8 或 GBK）或 Excel .xlsx，第一行为列名</span>
          </div>
          {!upload && <p className="hint">先选择对账单文件；同一来源的列对应关系会保存，下次自动沿用。</p>}
          <ErrorNotice error={previewError} />
          {preview && (
            <>
              <section className="rc-section" aria-label="列对应关系">
                <div className="rc-section-head">
                  <h3>列对应关系</h3>
                  <span className={`badge ${mappingText[preview.mappingFrom][0]}`} data-testid="mapping-from">
                    {mappingText[preview.mappingFrom][1]}
                  </span>
                  <span className="hint">
                    {preview.fileName} · 共 {preview.count} 行
                  </span>
                </div>
                <div className="rc-fields">
                  {preview.fields.map((f) => {
                    const missing = f.required && !preview.columns[f.field];
                    return (
                      <label key={f.field} className={`field${f.required ? ' required' : ''}`}>
                        <span>
                          {f.label}
                          {f.required && <b className="rc-required"> *</b>}
                        </span>
                        <Select
                          aria-label={f.label}
                          invalid={missing}
                          value={preview.columns[f.field] ?? ''}
                          onChange={(e) => chooseColumn(f.field, e.target.value)}
                        >
                          <option value="">{f.required ? '请选择列…' : '（不导入）'}</option>
                          {preview.headers.map((h) => (
                            <option key={h} value={h}>
                              {h}
                            </option>
                          ))}
                        </Select>
                      </label>
                    );
                  })}
                </div>
                {kind === 'bank' && (
                  <p className="hint">金额：指定“收入”和“支出”两列，或一个收正付负的“金额”列。</p>
                )}
                {preview.problem && (
                  <div className="notice error" role="alert" data-testid="mapping-problem">
                    {preview.problem.message}
                  </div>
                )}
              </section>

              <section className="rc-section" aria-label="前几行">
                <div className="rc-section-head">
                  <h3>文件的前 {preview.sample.length} 行</h3>
                  <span className="hint">列名下为对应的字段</span>
                </div>
                <div className="table-wrap rc-sample">
                  <table className="grid" data-testid="mapping-sample">
                    <thead>
                      <tr>
                        <th className="num">行</th>
                        {preview.headers.map((h) => (
                          <th key={h} className={mappedTo.has(h) ? 'mapped' : undefined}>
                            {h}
                            <span className="rc-field-chip">{mappedTo.get(h) ?? '—'}</span>
                          </th>
                        ))}
                        <th>检查</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.sample.map((r) => {
                        const errors = rowErrors.get(r.row) ?? [];
                        const notes = [
                          unknownRows.has(r.row) ? `社区“${unknownRows.get(r.row)}”待确认` : '',
                          decideRows.has(r.row) ? '疑似重复，请选择导入或跳过' : '',
                          sameRows.has(r.row) ? '已导入过，将跳过' : '',
                        ].filter(Boolean);
                        return (
                          <tr key={r.row} data-row={r.row} className={errors.length ? 'rc-bad' : undefined}>
                            <td className="num code">{r.row}</td>
                            {r.cells.map((c, i) => (
                              <td
                                key={i}
                                className={mappedTo.has(preview.headers[i]!) ? undefined : 'rc-unmapped'}
                              >
                                {c}
                              </td>
                            ))}
                            <td className="rc-check" data-testid="row-check">
                              {errors.length > 0 ? (
                                <span className="rc-error">{errors.join('；')}</span>
                              ) : notes.length > 0 ? (
                                <span className="rc-note">{notes.join('；')}</span>
                              ) : preview.problem ? (
                                ''
                              ) : (
                                <span className="rc-ok">✓</span>
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </section>

              {preview.unknown.length > 0 && (
                <section className="rc-section" aria-label="待确认的社区">
                  <div className="rc-section-head">
                    <h3>本中心没有的社区名（{preview.unknown.length}）</h3>
                    <span className="hint">请逐个指定对应的社区；确认后记住，下次自动对应</span>
                  </div>
                  <table className="grid rc-decide">
                    <tbody>
                      {preview.unknown.map((u) => {
                        const rest = allCommunities.filter((c) => !u.suggestions.includes(c));
                        return (
                          <tr key={u.name} data-name={u.name}>
                            <td>
                              对账单上为 <strong>“{u.name}”</strong>
                            </td>
                            <td className="hint">第 {u.rows.join('、')} 行</td>
                            <td>
                              <Select
                                aria-label={`${u.name} 对应的社区`}
                                invalid={!aliases[u.name]}
                                value={aliases[u.name] ?? ''}
                                onChange={(e) => setAliases((a) => ({ ...a, [u.name]: e.target.value }))}
                              >
                                <option value="">请选择社区…</option>
                                {u.suggestions.length > 0 && (
                                  <optgroup label="名称相近">
                                    {u.suggestions.map((c) => (
                                      <option key={`s-${c}`} value={c}>
                                        {c}
                                      </option>
                                    ))}
                                  </optgroup>
                                )}
                                <optgroup label="全部社区">
                                  {rest.map((c) => (
                                    <option key={c} value={c}>
                                      {c}
                                    </option>
                                  ))}
                                </optgroup>
                              </Select>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </section>
              )}

              {preview.decide.length > 0 && (
                <section className="rc-section" aria-label="疑似重复的行">
                  <div className="rc-section-head">
                    <h3>疑似已导入的行（{preview.decide.length}）</h3>
                    <span className="hint">是同一笔就跳过，是另一笔就导入</span>
                    <span className="rc-spacer" />
                    <Button
                      small
                      onClick={() =>
                        setDecisions(Object.fromEntries(preview.decide.map((d) => [String(d.row), 'skip'])))
                      }
                    >
                      全部跳过
                    </Button>
                    <Button
                      small
                      onClick={() =>
                        setDecisions(Object.fromEntries(preview.decide.map((d) => [String(d.row), 'new'])))
                      }
                    >
                      全部导入
                    </Button>
                  </div>
                  <table className="grid rc-decide">
                    <tbody>
                      {preview.decide.map((d) => (
                        <tr key={d.row} data-row={d.row}>
                          <td className="code">第 {d.row} 行</td>
                          <td className="rc-wrap">
                            与 {d.existing} {d.why}
                          </td>
                          <td>
                            <span
                              role="radiogroup"
                              aria-label={`第 ${d.row} 行`}
                              className={decisions[String(d.row)] ? 'rc-radios' : 'rc-radios invalid'}
                            >
                              {(['new', 'skip'] as const).map((value) => (
                                <label key={value}>
                                  <input
                                    type="radio"
                                    name={`rc-dup-${d.row}`}
                                    checked={decisions[String(d.row)] === value}
                                    onChange={() => setDecisions((x) => ({ ...x, [String(d.row)]: value }))}
                                  />
                                  {value === 'new' ? '导入' : '跳过'}
                                </label>
                              ))}
                            </span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              )}

              {preview.same.length > 0 && (
                <p className="hint" data-testid="same-lines">
                  {preview.same.length} 行与已导入的流水为同一笔（流水号、日期、金额相同），将自动跳过：
                  {preview.same.map((s) => `第 ${s.row} 行（${s.existing}）`).join('、')}
                </p>
              )}
              {kind === 'bank' && !preview.problem && <BankSummary rows={preview.bankRows} />}
            </>
          )}
          {action.error && (
            <div className="notice error import-refusal" role="alert" data-testid="import-errors">
              <strong>{action.error.message}</strong>
              {action.error.rows.length > 0 && (
                <ul className="row-errors">
                  {action.error.rows.map((r, i) => (
                    <li key={i} data-row={r.row}>
                      第 {r.row} 行：{withColumn(r)}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <div className="buttons">
          <span className="hint rc-pending">
            {preview && !preview.problem
              ? [
                  pendingNames > 0 ? `${pendingNames} 个社区名待确认` : '',
                  pendingLines > 0 ? `${pendingLines} 行待选择导入或跳过` : '',
                ]
                  .filter(Boolean)
                  .join('，')
              : ''}
          </span>
          <Button onClick={onCancel}>取消</Button>
          <Button
            variant="primary"
            disabled={!preview || !!preview.problem || action.busy || reading}
            onClick={() => void runImport()}
          >
            {action.busy ? '正在导入…' : preview ? `导入 ${preview.count} 行` : '导入'}
          </Button>
        </div>
      </div>
    </div>
  );
}

/** The parsed bank lines (first 20), so amounts and signs can be checked before importing. */
function BankSummary({ rows }: { rows: BankPreview['rows'] }) {
  if (rows.length === 0) return null;
  return (
    <section className="rc-section" aria-label="读出的流水">
      <div className="rc-section-head">
        <h3>按对应关系读出的流水</h3>
        <span className="hint">收入为正、支出为负</span>
      </div>
      <div className="table-wrap rc-sample">
        <table className="grid">
          <thead>
            <tr>
              <th className="num">行</th>
              <th>交易日期</th>
              <th>流水号</th>
              <th>摘要</th>
              <th>对方户名</th>
              <th className="num">金额</th>
              <th className="num">余额</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.row}>
                <td className="num code">{r.row}</td>
                <td className="code">{r.date}</td>
                <td className="code">{r.reference}</td>
                <td>{r.summary}</td>
                <td>{r.counterparty}</td>
                <td className="num">
                  <Amount value={r.amount} />
                </td>
                <td className="num">
                  <Amount value={r.balance} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
