import { useState, type FormEvent } from 'react';
import { useAction, useApi, type ApiError, type ApiOutput } from '../api';
import { useBook } from '../book';
import { useRoute } from '../router';
import { useSession } from '../session';
import { openNewBook } from '../setup/books';
import { FilePicker, type Upload } from '../setup/FilePicker';
import { MonthPicker } from '../setup/MonthPicker';
import { ImportRefusal } from '../setup/ImportRefusal';
import { keepsBooks, kindText } from '../labels';
import { thisMonth } from '../setup/time';
import '../setup/setup.css';
import {
  Button,
  Card,
  Empty,
  ErrorNotice,
  Field,
  Input,
  Notice,
  Page,
  Progress,
  Select,
} from '../ui/components';

type Community = ApiOutput<'community.list'>[number];
type Book = ApiOutput<'book.list'>[number];
type Template = ApiOutput<'chart.templates'>[number];

/** 社区与账套: the centre's communities, adding one, and opening its one set of books. */
export function Communities() {
  const session = useSession();
  const currentBook = useBook();
  const communities = useApi('community.list', {});
  const books = useApi('book.list', {});
  const templates = useApi('chart.templates', {});
  const canWrite = keepsBooks(session.operator, session.readOnly);
  // The dashboard's 去建账 names the community to set up (#/communities?community=南塘社区).
  const route = useRoute();
  const [bookFor, setBookFor] = useState<string>(route.params.get('community') ?? '');
  const [added, setAdded] = useState<Community>();

  const list = communities.data ?? [];
  const bookOf = new Map((books.data ?? []).map((b) => [b.community, b]));
  const withoutBook = list.filter((c) => !bookOf.has(c.name));
  const built = list.length - withoutBook.length;

  return (
    <Page title="社区与账套" sub={list.length ? `${list.length} 个社区 · ${built} 个已建账` : undefined}>
      <ErrorNotice error={communities.error ?? books.error} />
      {added && (
        <Notice kind="ok">
          已添加社区“{added.name}”（编号 {added.code}）。{canWrite && '请在右侧为它建账。'}
        </Notice>
      )}
      <div className="table-wrap" style={{ marginBottom: 12 }}>
        {list.length === 0 && !communities.loading ? (
          <Empty>还没有社区。{canWrite ? '请在下方添加第一个社区，然后为它建账。' : ''}</Empty>
        ) : (
          <table className="grid" data-testid="communities">
            <thead>
              <tr>
                <th>编号</th>
                <th>社区名称</th>
                <th>类型</th>
                <th>区（县、市）</th>
                <th>街道（镇）</th>
                <th>专户</th>
                <th>账套</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((c) => {
                const book = bookOf.get(c.name);
                const current = book && book.community === currentBook;
                return (
                  <tr key={c.id} className={current ? 'selected' : ''} data-community={c.name}>
                    <td className="code">{c.code}</td>
                    <td>
                      <strong>{c.name}</strong>
                    </td>
                    <td>{kindText[c.kind] ?? c.kind}</td>
                    <td>{c.district || <span className="muted">—</span>}</td>
                    <td>{c.subdistrict || <span className="muted">—</span>}</td>
                    <td className="wrap">
                      {c.bankAccounts.length === 0 ? (
                        <span className="muted">未登记</span>
                      ) : (
                        c.bankAccounts.map((a, i) => (
                          <span key={i} className="bank-line">
                            {a.bankName}
                            <span className="code">{a.accountNumber}</span>
                          </span>
                        ))
                      )}
                    </td>
                    <td className="wrap">
                      {book ? (
                        <BookCell book={book} templates={templates.data ?? []} />
                      ) : (
                        <span className="badge draft">未建账</span>
                      )}
                    </td>
                    <td style={{ textAlign: 'right' }}>
                      {book ? (
                        current ? (
                          <span className="badge reviewed">当前账套</span>
                        ) : (
                          <Button small onClick={() => session.setBook(book.community)}>
                            设为当前
                          </Button>
                        )
                      ) : (
                        canWrite && (
                          <Button small variant="primary" onClick={() => setBookFor(c.name)}>
                            建账
                          </Button>
                        )
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>

      {canWrite ? (
        <div className="setup-columns">
          <AddCommunity
            onAdded={(c) => {
              setAdded(c);
              setBookFor(c.name);
              communities.reload();
            }}
          />
          <CreateBook
            key={bookFor}
            candidates={withoutBook}
            communities={list.length}
            initial={bookFor}
            templates={templates.data ?? []}
            onCreated={(b) => openNewBook(b.community, session.setBook)}
          />
        </div>
      ) : (
        <p className="hint">只有会计或主管可以添加社区和建账。</p>
      )}
    </Page>
  );
}

function BookCell({ book, templates }: { book: Book; templates: Template[] }) {
  const template = templates.find((t) => t.id === book.chart);
  return (
    <span>
      启用 <span className="code">{book.startPeriod}</span>
      <span className="hint" style={{ display: 'block' }}>
        {template ? template.name : `导入的科目表 ${book.chart}`}
      </span>
      <DeficitControl book={book} />
    </span>
  );
}

const deficitText = { warn: '赤字提示', refuse: '赤字不允许' } as const;

/**
 * 赤字控制 of a book, as in 用友: when a voucher would take cash or bank below zero, saving and posting
 * warn (the default) or refuse. Only the supervisor changes it.
 */
function DeficitControl({ book }: { book: Book }) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const supervisor = session.operator?.role === 'supervisor' && !session.readOnly;
  if (!supervisor)
    return (
      <span className="hint" style={{ display: 'block' }} data-testid="deficit-control">
        {deficitText[book.deficitControl]}
      </span>
    );
  return (
    <span style={{ display: 'block' }}>
      <label className="hint">
        赤字控制{' '}
        <select
          aria-label={`${book.community}赤字控制`}
          data-testid="deficit-control"
          value={book.deficitControl}
          disabled={action.busy}
          onChange={(e) =>
            void action.run('book.setDeficitControl', {
              book: book.community,
              control: e.target.value as Book['deficitControl'],
            })
          }
        >
          <option value="warn">提示（仍可保存、记账）</option>
          <option value="refuse">不允许</option>
        </select>
      </label>
      <ErrorNotice error={action.error} onClose={action.clearError} />
    </span>
  );
}

interface BankRow {
  bankName: string;
  accountNumber: string;
}

const emptyBank = (): BankRow => ({ bankName: '', accountNumber: '' });

function AddCommunity({ onAdded }: { onAdded: (community: Community) => void }) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<Community['kind']>('urban');
  const [district, setDistrict] = useState('');
  const [subdistrict, setSubdistrict] = useState('');
  const [banks, setBanks] = useState<BankRow[]>([emptyBank()]);
  const [bankProblem, setBankProblem] = useState<string>();

  const setBank = (index: number, patch: Partial<BankRow>) =>
    setBanks((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const filled = banks.filter((b) => b.bankName.trim() || b.accountNumber.trim());
    const half = filled.findIndex((b) => !b.bankName.trim() || !b.accountNumber.trim());
    if (half >= 0) {
      setBankProblem(`第 ${banks.indexOf(filled[half]!) + 1} 个专户请同时填写开户银行和账号`);
      return;
    }
    setBankProblem(undefined);
    const created = await action.run('community.add', {
      name,
      ...(code.trim() ? { code } : {}),
      kind,
      district,
      subdistrict,
      bankAccounts: filled.map((b) => ({
        bankName: b.bankName.trim(),
        accountNumber: b.accountNumber.trim(),
      })),
    });
    if (!created) return;
    setName('');
    setCode('');
    setDistrict('');
    setSubdistrict('');
    setBanks([emptyBank()]);
    onAdded(created);
  }

  const fieldError = (field: string) => (action.error?.field === field ? action.error.message : undefined);

  return (
    <Card title="添加社区">
      <form onSubmit={submit} aria-label="添加社区">
        <ErrorNotice error={action.error?.field ? undefined : action.error} />
        <div className="form-grid">
          <Field label="社区名称 *" error={fieldError('name')}>
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              invalid={!!fieldError('name')}
              placeholder="如 东风社区"
            />
          </Field>
          <Field label="编号（留空自动编号）" error={fieldError('code')}>
            <Input value={code} onChange={(e) => setCode(e.target.value)} invalid={!!fieldError('code')} />
          </Field>
          <Field label="社区类型 *">
            <Select value={kind} onChange={(e) => setKind(e.target.value as Community['kind'])}>
              {Object.entries(kindText).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="区（县、市）">
            <Input value={district} onChange={(e) => setDistrict(e.target.value)} placeholder="如 鹿城区" />
          </Field>
          <Field label="街道（镇）">
            <Input
              value={subdistrict}
              onChange={(e) => setSubdistrict(e.target.value)}
              placeholder="如 五马街道"
            />
          </Field>
        </div>
        <div className="section-label">专户（社区资金往来的银行账户，可登记多个）</div>
        {banks.map((bank, i) => (
          <div className="form-row" key={i} style={{ marginBottom: 6 }}>
            <Field label={`开户银行 ${i + 1}`}>
              <Input
                value={bank.bankName}
                onChange={(e) => setBank(i, { bankName: e.target.value })}
                placeholder="如 温州银行五马支行"
                style={{ width: 200 }}
              />
            </Field>
            <Field label="账号">
              <Input
                value={bank.accountNumber}
                onChange={(e) => setBank(i, { accountNumber: e.target.value })}
                className="code"
                style={{ width: 210 }}
              />
            </Field>
            {banks.length > 1 && (
              <Button
                small
                onClick={() => setBanks((rows) => rows.filter((_, j) => j !== i))}
                title="移除此专户"
              >
                移除
              </Button>
            )}
          </div>
        ))}
        {bankProblem && <div className="field-error">{bankProblem}</div>}
        <div className="form-actions">
          <Button small onClick={() => setBanks((rows) => [...rows, emptyBank()])}>
            + 再登记一个专户
          </Button>
          <span className="spacer" style={{ flex: 1 }} />
          <Button type="submit" variant="primary" disabled={!name.trim() || action.busy}>
            添加社区
          </Button>
        </div>
      </form>
    </Card>
  );
}

function CreateBook({
  candidates,
  communities,
  initial,
  templates,
  onCreated,
}: {
  candidates: Community[];
  /** How many communities the centre has: none yet is not the same as all of them built. */
  communities: number;
  initial: string;
  templates: Template[];
  onCreated: (book: Book) => void;
}) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [community, setCommunity] = useState(initial || candidates[0]?.name || '');
  const [startPeriod, setStartPeriod] = useState(`${thisMonth().slice(0, 4)}-01`);
  const [source, setSource] = useState<'template' | 'file'>('template');
  const [upload, setUpload] = useState<Upload>();
  const template = templates[0];
  const chosen = candidates.some((c) => c.name === community) ? community : (candidates[0]?.name ?? '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const created = await action.run('book.create', {
      community: chosen,
      startPeriod,
      ...(source === 'file' && upload ? { chartFile: upload } : template ? { chart: template.id } : {}),
    });
    if (created) onCreated(created);
  }

  if (candidates.length === 0)
    return (
      <Card title="建账">
        <Empty>
          {communities === 0
            ? '还没有社区。请先在“添加社区”中添加社区，然后在这里为它建账。'
            : '每个社区都已建账。添加新社区后可在这里为它建账。'}
        </Empty>
      </Card>
    );

  const ready = chosen && /^\d{4}-\d{2}$/.test(startPeriod) && (source === 'template' || upload);
  return (
    <Card title="建账">
      <form onSubmit={submit} aria-label="建账">
        <Progress active={action.busy} />
        <BookError error={action.error} />
        <div className="form-grid">
          <Field label="社区">
            <Select value={chosen} onChange={(e) => setCommunity(e.target.value)} aria-label="社区">
              {candidates.map((c) => (
                <option key={c.id} value={c.name}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <MonthPicker
            label="启用期间"
            value={startPeriod}
            onChange={setStartPeriod}
            years={Array.from({ length: 12 }, (_, i) => Number(thisMonth().slice(0, 4)) + 1 - i)}
          />
        </div>
        <div className="section-label">会计科目</div>
        <label className="radio-line">
          <input
            type="radio"
            name="chart-source"
            checked={source === 'template'}
            onChange={() => setSource('template')}
          />
          <span>
            使用模板：<strong>{template?.name ?? '默认科目模板'}</strong>
            {template && (
              <span className="hint" style={{ display: 'block' }}>
                {template.basis}，共 {template.accounts} 个科目
              </span>
            )}
          </span>
        </label>
        <label className="radio-line">
          <input
            type="radio"
            name="chart-source"
            checked={source === 'file'}
            onChange={() => setSource('file')}
          />
          <span>
            从文件导入科目表
            <span className="hint" style={{ display: 'block' }}>
              CSV 或 Excel，列：科目编码、科目名称、余额方向（借/贷，下级科目可留空，随上级）
            </span>
          </span>
        </label>
        {source === 'file' && (
          <div style={{ margin: '4px 0 0 22px' }}>
            <FilePicker label="科目表文件" value={upload} onChange={setUpload} disabled={action.busy} />
          </div>
        )}
        <div className="form-actions">
          <span className="hint">建账后即成为当前账套，接着录入期初余额。</span>
          <span style={{ flex: 1 }} />
          <Button type="submit" variant="primary" disabled={!ready || action.busy}>
            {action.busy ? '正在建账…' : '建账'}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function BookError({ error }: { error: ApiError | undefined }) {
  return error && error.rows.length > 0 ? (
    <ImportRefusal error={error} nothing="账套没有建立，也没有导入任何科目。" />
  ) : (
    <ErrorNotice error={error} />
  );
}
