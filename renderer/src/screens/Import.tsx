import { useState, type ReactNode } from 'react';
import { useAction, useApi, type ApiOutput } from '../api';
import { useBook } from '../book';
import { href, navigate, useRoute } from '../router';
import { useSession } from '../session';
import { FilePicker, type Upload } from '../setup/FilePicker';
import { ImportRefusal } from '../setup/ImportRefusal';
import { keepsBooks, roleText } from '../labels';
import '../setup/setup.css';
import { Amount, Button, Card, Field, Notice, Page, Progress, Select, Stat } from '../ui/components';

const tabs = [
  { id: 'chart', title: '科目表' },
  { id: 'opening', title: '期初余额' },
  { id: 'vouchers', title: '凭证' },
] as const;
type Tab = (typeof tabs)[number]['id'];

/**
 * 导入: the chart, the opening balances and vouchers from CSV or Excel files, all or nothing. A refused
 * file lists every bad row (row, column, reason) so it can be fixed in one pass.
 */
export function Import() {
  const session = useSession();
  const book = useBook();
  const route = useRoute();
  const asked = route.params.get('tab');
  const tab: Tab = tabs.some((t) => t.id === asked) ? (asked as Tab) : 'vouchers';
  const canWrite = keepsBooks(session.operator, session.readOnly);

  return (
    <Page title="导入" sub={`${book} · CSV（UTF-8 或 GBK）或 Excel .xlsx，第一行为列名`}>
      <div className="setup-tabs" role="tablist" aria-label="导入内容">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`import-tab-${t.id}`}
            aria-selected={t.id === tab}
            aria-controls={`import-panel-${t.id}`}
            onClick={() => navigate('/import', { tab: t.id })}
          >
            <span className="step">{i + 1}</span>
            {t.title}
          </button>
        ))}
      </div>
      {!canWrite && <Notice kind="info">只有会计或主管可以导入。</Notice>}
      {/* Every tab stays mounted, so a result or an error list survives a look at another tab. */}
      <TabPanel id="chart" tab={tab}>
        <ChartImport book={book} canWrite={canWrite} />
      </TabPanel>
      <TabPanel id="opening" tab={tab}>
        <OpeningImport book={book} canWrite={canWrite} />
      </TabPanel>
      <TabPanel id="vouchers" tab={tab}>
        <VoucherImport book={book} canWrite={canWrite} />
      </TabPanel>
    </Page>
  );
}

function TabPanel({ id, tab, children }: { id: Tab; tab: Tab; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`import-panel-${id}`} aria-labelledby={`import-tab-${id}`} hidden={id !== tab}>
      {children}
    </div>
  );
}

/** The expected columns (required ones marked) and the rules of the file. */
function Spec({ columns, required, notes }: { columns: string[]; required: string[]; notes: ReactNode[] }) {
  return (
    <>
      <div className="section-label">
        文件的列（<span style={{ color: 'var(--accent)' }}>蓝色</span>为必需列，列的顺序不限）：
      </div>
      <div className="columns-spec">
        {columns.map((c) => (
          <code key={c} className={required.includes(c) ? 'required' : ''}>
            {c}
          </code>
        ))}
      </div>
      <ul className="spec-notes">
        {notes.map((note, i) => (
          <li key={i}>{note}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * The file picker, the options and the import button, with the progress bar while the core reads the
 * file. Not shown at all to those who may not import (overseers see no write actions).
 */
function Runner({
  label,
  upload,
  setUpload,
  busy,
  disabled,
  onRun,
  children,
}: {
  label: string;
  upload: Upload | undefined;
  setUpload: (u: Upload | undefined) => void;
  busy: boolean;
  disabled?: boolean;
  onRun: () => void;
  children?: ReactNode;
}) {
  if (disabled) return null;
  return (
    <>
      <Progress active={busy} />
      <div className="form-row" style={{ alignItems: 'center', marginBottom: 10 }}>
        <FilePicker label={label} value={upload} onChange={setUpload} disabled={busy} />
      </div>
      {children}
      <div className="form-actions" style={{ marginBottom: 10 }}>
        <Button variant="primary" disabled={!upload || busy} onClick={onRun}>
          {busy ? '正在导入…' : '开始导入'}
        </Button>
        {busy && <span className="hint">正在检查并导入，文件较大时需要一些时间…</span>}
      </div>
    </>
  );
}

function VoucherImport({ book, canWrite }: { book: string; canWrite: boolean }) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const operators = useApi('operator.list', {});
  const [upload, setUpload] = useState<Upload>();
  const [posted, setPosted] = useState(false);
  const [reviewer, setReviewer] = useState('');
  const [result, setResult] = useState<ApiOutput<'voucher.import'>>();
  const [postedBy, setPostedBy] = useState<string>();
  // Reviewers first: a supervisor signs off the history only where the centre has no other reviewer.
  const reviewers = (operators.data ?? [])
    .filter(
      (o) =>
        o.active && (o.role === 'reviewer' || o.role === 'supervisor') && o.name !== session.operator?.name,
    )
    .sort((a, b) => Number(a.role === 'supervisor') - Number(b.role === 'supervisor'));
  const chosenReviewer = reviewers.some((r) => r.name === reviewer) ? reviewer : (reviewers[0]?.name ?? '');

  async function run() {
    if (!upload) return;
    setResult(undefined);
    const done = await action.run('voucher.import', {
      book,
      file: upload,
      ...(posted && chosenReviewer ? { reviewer: chosenReviewer } : {}),
    });
    if (done) {
      setResult(done);
      setPostedBy(posted ? chosenReviewer : undefined);
      setUpload(undefined);
    }
  }

  return (
    <Card title="导入凭证">
      <Spec
        columns={[
          '日期',
          '凭证字',
          '凭证号',
          '摘要',
          '科目编码',
          '科目名称',
          '借方金额',
          '贷方金额',
          '项目',
          '收支项目',
          '附单据数',
        ]}
        required={['日期', '凭证字', '凭证号', '摘要', '科目编码', '借方金额', '贷方金额']}
        notes={[
          '每行一条分录；同月、同凭证字、同凭证号的连续各行组成一张凭证，凭证号须接续本月已有的编号。',
          '摘要留空时沿用上一行；负数金额为红字；科目编码留空时按“科目名称”（全称）查找。',
          '全部检查通过才导入；有任何错误则一张也不导入，并列出每一处错误。',
        ]}
      />
      <Runner
        label="凭证文件"
        upload={upload}
        setUpload={setUpload}
        busy={action.busy}
        disabled={!canWrite}
        onRun={() => void run()}
      >
        <div className="form-row" style={{ alignItems: 'center', marginBottom: 4 }}>
          <label className="field inline" style={{ fontSize: 14, color: 'var(--ink)' }}>
            <input
              type="checkbox"
              checked={posted}
              disabled={!canWrite || reviewers.length === 0}
              onChange={(e) => setPosted(e.target.checked)}
            />
            <span>作为已记账的历史凭证导入</span>
          </label>
          {posted && (
            <Field label="审核人" inline>
              <Select
                value={chosenReviewer}
                onChange={(e) => setReviewer(e.target.value)}
                aria-label="审核人"
                style={{ minWidth: 150 }}
              >
                {reviewers.map((r) => (
                  <option key={r.id} value={r.name}>
                    {r.name}（{roleText[r.role]}）
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </div>
        <p className="hint" style={{ margin: '0 0 4px' }}>
          {reviewers.length === 0
            ? '没有可作审核人的其他审核人员或主管，只能导入为未审核凭证。'
            : posted
              ? '凭证将记为由所选审核人审核并记账（期初余额须已平衡），操作日志会记录。适用于迁移往年已结清的账。'
              : '不勾选时，凭证导入为未审核状态，之后逐张审核、记账。'}
        </p>
      </Runner>
      <ImportRefusal error={action.error} nothing="本次没有导入任何凭证。" />
      {result && (
        <div className="notice ok" role="status" data-testid="import-summary">
          <strong>
            已从 {result.source} 导入 {result.vouchers} 张凭证、{result.lines} 行分录。
          </strong>
          <div className="summary-stats">
            <Stat label="凭证（张）" value={result.vouchers} />
            <Stat label="分录（行）" value={result.lines} />
            <Stat label="第一张" value={<span style={{ fontSize: 15 }}>{result.first ?? '—'}</span>} />
            <Stat label="最后一张" value={<span style={{ fontSize: 15 }}>{result.last ?? '—'}</span>} />
          </div>
          <div>
            {result.posted
              ? `已作为已记账凭证导入（审核人：${postedBy ?? ''}）。`
              : '凭证为未审核状态，请审核后记账。'}{' '}
            <a href={href('/vouchers')}>查看凭证</a>
          </div>
          {result.warnings.map((w) => (
            <div key={w} className="deficit" data-testid="import-warning">
              注意：{w}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

function OpeningImport({ book, canWrite }: { book: string; canWrite: boolean }) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const opening = useApi('opening.get', book ? { book } : null);
  const [upload, setUpload] = useState<Upload>();
  const [result, setResult] = useState<ApiOutput<'opening.import'>>();
  const locked = opening.data?.locked ?? false;
  const existing = opening.data?.rows.length ?? 0;

  async function run() {
    if (!upload) return;
    setResult(undefined);
    const done = await action.run('opening.import', { book, file: upload });
    if (done) {
      setResult(done);
      setUpload(undefined);
      opening.reload();
    }
  }

  return (
    <Card title="导入期初余额">
      <Spec
        columns={['科目编码', '期初借方', '期初贷方']}
        required={['科目编码']}
        notes={[
          '只填末级科目；每行借方、贷方只填一个，不能为负数。',
          <>
            导入将<strong>替换</strong>本账套现有的全部期初余额
            {existing > 0 ? `（目前 ${existing} 个科目有期初余额）` : ''}。
          </>,
        ]}
      />
      {locked && <Notice kind="info">本账套已有记账凭证，期初余额已锁定，不能再导入。</Notice>}
      <Runner
        label="期初余额文件"
        upload={upload}
        setUpload={setUpload}
        busy={action.busy}
        disabled={!canWrite || locked}
        onRun={() => void run()}
      />
      <ImportRefusal error={action.error} nothing="本次没有导入任何期初余额，原有的期初余额未作修改。" />
      {result && (
        <div className="notice ok" role="status" data-testid="import-summary">
          <strong>已导入 {result.rows.length} 个科目的期初余额。</strong>
          <div className="summary-stats">
            <Stat label="借方合计" value={<Amount value={result.debitTotal} />} />
            <Stat label="贷方合计" value={<Amount value={result.creditTotal} />} />
            <Stat label="差额" value={<Amount value={result.difference} />} />
          </div>
          <div>
            {result.balanced ? (
              <span className="badge posted">平衡</span>
            ) : (
              <span className="badge red">不平</span>
            )}{' '}
            <a href={href('/opening')}>查看期初余额</a>
          </div>
        </div>
      )}
    </Card>
  );
}

function ChartImport({ book, canWrite }: { book: string; canWrite: boolean }) {
  const session = useSession();
  const action = useAction(session.operator?.name);
  const [upload, setUpload] = useState<Upload>();
  const [result, setResult] = useState<ApiOutput<'account.import'>>();

  async function run() {
    if (!upload) return;
    setResult(undefined);
    const done = await action.run('account.import', { book, file: upload });
    if (done) {
      setResult(done);
      setUpload(undefined);
    }
  }

  return (
    <Card title="导入科目表">
      <Spec
        columns={['科目编码', '科目名称', '余额方向']}
        required={['科目编码', '科目名称']}
        notes={[
          '编码按 4-2-2 规则（一级 4 位，每下一级加 2 位）；余额方向填 借 或 贷，下级科目可留空，随上级。',
          '导入到现有科目表：新编码增加到其上级科目下，编码相同而名称不同的改名；不删除任何科目。',
        ]}
      />
      <Runner
        label="科目表文件"
        upload={upload}
        setUpload={setUpload}
        busy={action.busy}
        disabled={!canWrite}
        onRun={() => void run()}
      />
      <ImportRefusal error={action.error} nothing="本次没有导入任何科目，科目表未作修改。" />
      {result && (
        <div className="notice ok" role="status" data-testid="import-summary">
          <strong>
            科目表已导入：增加 {result.added.length} 个科目，改名 {result.renamed.length} 个。
          </strong>
          {result.added.length + result.renamed.length === 0 && (
            <div>文件中的科目与现有科目表一致，无需修改。</div>
          )}
          <ChangeList title="增加" items={result.added} />
          <ChangeList title="改名" items={result.renamed} />
          <div>
            <a href={href('/accounts')}>查看会计科目</a>
          </div>
        </div>
      )}
    </Card>
  );
}

function ChangeList({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  const shown = items.slice(0, 30);
  return (
    <div style={{ margin: '4px 0' }}>
      {title}：{shown.join('、')}
      {items.length > shown.length && ` 等 ${items.length} 个`}
    </div>
  );
}
