import { useState } from 'react';
import { client, useAction, useApi, type ApiOutput } from '../api';
import { useBook } from '../book';
import { today } from '../disclosure/period';
import { keepsBooks } from '../labels';
import { ExceptionsCard } from '../reconcile/ExceptionsCard';
import { MappingDialog, type ImportOutcome } from '../reconcile/MappingDialog';
import { MatchBoard, type MatchItem, type MatchSide, type SideName } from '../reconcile/MatchBoard';
import { AutoResult, ImportedNotice } from '../reconcile/Notices';
import '../reconcile/reconcile.css';
// The report choice in the preview is drawn as the disclosure screens' segmented .ds-kind.
import '../disclosure/disclosure.css';
import { PrintPreview } from '../reports/PrintPreview';
import { useQuery } from '../reports/query';
import { useSession } from '../session';
import {
  Amount,
  Button,
  ErrorNotice,
  Field,
  Notice,
  Page,
  Progress,
  Select,
  Toolbar,
} from '../ui/components';

type Listing = ApiOutput<'reconcile.allocations.list'>;
type AutoMade = ApiOutput<'reconcile.allocations.autoMatch'>;
type Allocation = Listing['allocations'][number];
type Receipt = Listing['receipts'][number];

const allocationKey = (a: { id: number }) => `a${a.id}`;
const receiptKey = (r: { voucherId: number; fund: string }) => `v${r.voucherId}:${r.fund}`;
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const monthText = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
/** The last day of a month: 2025-02 → 2025-02-28. */
const lastDay = (period: string) => {
  const days = new Date(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0).getDate();
  return `${period}-${String(days).padStart(2, '0')}`;
};

/**
 * 拨款对账: what district finance says it paid each community (its statement, imported through the
 * column-mapping dialog) against the receipts in the communities' books. Automatic matching says why it
 * matched; the rest is matched by hand from the keyboard, and what stays unmatched is listed with its
 * reason (在途, 未入账, 串户, 金额不符). The 对账单 per community and the centre's 汇总表 are previewed,
 * printed and exported from the core's report model.
 *
 * URL: #/reconcile/allocations?community=东风社区&from=2025-01&to=2025-03
 */
export function ReconcileAllocations() {
  const session = useSession();
  const book = useBook();
  const query = useQuery('/reconcile/allocations');
  const community = query.get('community');
  const from = monthPattern.test(query.get('from')) ? query.get('from') : '';
  const to = monthPattern.test(query.get('to')) ? query.get('to') : '';
  const filter = {
    ...(community ? { community } : {}),
    ...(from ? { from: `${from}-01` } : {}),
    ...(to ? { to: lastDay(to) } : {}),
  };
  const communities = useApi('community.list', {});
  // The lists are read for the community and cut to the months here, so the month choices are those
  // of the community's statements and books.
  const list = useApi('reconcile.allocations.list', community ? { community } : {});
  const exceptions = useApi('reconcile.allocations.exceptions', filter);
  const canWrite = keepsBooks(session.operator, session.readOnly);
  const matching = useAction(session.operator?.name);
  const auto = useAction(session.operator?.name);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<ImportOutcome>();
  const [made, setMade] = useState<AutoMade>();
  const [jump, setJump] = useState<{ side: SideName; key: string; n: number }>();
  const [report, setReport] = useState<'statement' | 'rollup'>();

  const inRange = (date: string) =>
    (!filter.from || date >= filter.from) && (!filter.to || date <= filter.to);
  const data = list.data && {
    ...list.data,
    allocations: list.data.allocations.filter((a) => inRange(a.date)),
    receipts: list.data.receipts.filter((r) => inRange(r.date)),
  };
  const months = [
    ...new Set(
      [...(list.data?.allocations ?? []), ...(list.data?.receipts ?? [])].map((x) => x.date.slice(0, 7)),
    ),
  ].sort();
  const monthOptions = (value: string) =>
    [...new Set([...months, ...(value ? [value] : [])])].sort().map((m) => (
      <option key={m} value={m}>
        {monthText(m)}
      </option>
    ));
  const reasons = new Map<string, string>([
    ...(exceptions.data?.allocations ?? []).map((a) => [allocationKey(a), a.reason] as const),
    ...(exceptions.data?.receipts ?? []).map((r) => [receiptKey(r), r.reason] as const),
  ]);
  const allCommunities = !community;
  const left: MatchSide = {
    title: '对账单（区财政拨付）',
    noun: '笔',
    columns: [
      { header: '拨款日期', width: 90 },
      ...(allCommunities ? [{ header: '社区', width: 64 }] : []),
      { header: '资金性质／项目' },
      { header: '拨款文号', width: 144 },
      { header: '金额', width: 94, num: true },
    ],
    items: (data?.allocations ?? []).map((a) => allocationItem(a, allCommunities, reasons)),
  };
  const right: MatchSide = {
    title: '账簿（拨款收入凭证）',
    noun: '张',
    columns: [
      { header: '入账日期', width: 90 },
      ...(allCommunities ? [{ header: '社区', width: 64 }] : []),
      { header: '凭证号', width: 64 },
      { header: '摘要' },
      { header: '金额', width: 94, num: true },
    ],
    items: (data?.receipts ?? []).map((r) => receiptItem(r, allCommunities, reasons)),
  };

  async function runAuto() {
    setMade(undefined);
    const result = await auto.run('reconcile.allocations.autoMatch', community ? { community } : {});
    if (result) setMade(result);
  }

  const counts = data && {
    total: data.allocations.length,
    open: data.allocations.filter((a) => a.matchId === null).length,
  };
  const firstDate = data?.allocations[0]?.date;
  const lastDate = data?.allocations.at(-1)?.date;

  return (
    <Page
      title="拨款对账"
      sub={
        counts && (
          <span data-testid="allocations-summary">
            区财政拨款 {counts.total} 笔 · 已勾对 {counts.total - counts.open} 笔 · 未勾对 {counts.open} 笔
          </span>
        )
      }
      actions={
        <>
          {canWrite && (
            <Button small onClick={() => setImporting(true)}>
              导入对账单…
            </Button>
          )}
          {canWrite && (
            <Button small disabled={auto.busy} onClick={() => void runAuto()}>
              自动勾对
            </Button>
          )}
          <Button small onClick={() => setReport('statement')}>
            对账单…
          </Button>
          <Button small onClick={() => setReport('rollup')}>
            汇总表…
          </Button>
        </>
      }
    >
      <Progress active={list.loading || exceptions.loading || matching.busy || auto.busy} />
      <Toolbar>
        <Field label="社区">
          <Select
            aria-label="社区"
            value={community}
            onChange={(e) => query.replace({ community: e.target.value })}
            style={{ minWidth: 130 }}
          >
            <option value="">全部社区</option>
            {(communities.data ?? []).map((c) => (
              <option key={c.id} value={c.name}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="起始期间" error={from && to && from > to ? '起始期间晚于截止期间' : undefined}>
          <Select
            aria-label="起始期间"
            value={from}
            invalid={!!from && !!to && from > to}
            onChange={(e) => query.replace({ from: e.target.value })}
            style={{ width: 120 }}
          >
            <option value="">不限</option>
            {monthOptions(from)}
          </Select>
        </Field>
        <Field label="截止期间">
          <Select
            aria-label="截止期间"
            value={to}
            onChange={(e) => query.replace({ to: e.target.value })}
            style={{ width: 120 }}
          >
            <option value="">不限</option>
            {monthOptions(to)}
          </Select>
        </Field>
        {(community || from || to) && (
          <Button
            small
            onClick={() => query.replace({ community: undefined, from: undefined, to: undefined })}
          >
            显示全部
          </Button>
        )}
        {!canWrite && <span className="hint rc-readonly">只读：可查看和打印，不能导入或勾对</span>}
      </Toolbar>
      <ErrorNotice error={list.error ?? exceptions.error} />
      <ErrorNotice error={auto.error} onClose={auto.clearError} />
      {imported && (
        <ImportedNotice
          text={`已从 ${imported.fileName} 导入 ${imported.imported} 笔拨款${imported.skipped > 0 ? `，跳过 ${imported.skipped} 笔重复` : ''}。`}
          onClose={() => setImported(undefined)}
        />
      )}
      {made && (
        <AutoResult
          heading={made.length > 0 ? `自动勾对 ${made.length} 组：` : '没有可以自动勾对的项目。'}
          lines={made.map((m) => ({
            id: m.id,
            text: `${m.community} · ${m.allocations.length} 笔拨款 ↔ ${m.vouchers.join('、')}：${m.reason}`,
          }))}
          onClose={() => setMade(undefined)}
        />
      )}
      <div
        data-testid="allocations-view"
        data-filter={JSON.stringify({
          ...(community ? { community } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        })}
        aria-busy={list.loading || exceptions.loading}
      >
        {data && data.allocations.length === 0 && data.receipts.length === 0 ? (
          <Notice kind="info">
            {community || from || to ? '所选范围内' : '还'}没有拨款和拨款收入凭证。
            {canWrite && !community && !from && !to && '请先导入区财政的拨款对账单。'}
          </Notice>
        ) : (
          data && (
            <MatchBoard
              left={left}
              right={right}
              matches={data.matches}
              canWrite={canWrite}
              busy={matching.busy}
              error={matching.error}
              onClearError={matching.clearError}
              jump={jump}
              onMatch={async (allocations, receipts) => {
                const vouchers = [
                  ...new Set(
                    (data.receipts ?? [])
                      .filter((r) => receipts.includes(receiptKey(r)))
                      .map((r) => r.voucherId),
                  ),
                ];
                const ids = data.allocations
                  .filter((a) => allocations.includes(allocationKey(a)))
                  .map((a) => a.id);
                return !!(await matching.run('reconcile.allocations.match', { allocations: ids, vouchers }));
              }}
              onUnmatch={async (match) =>
                !!(await matching.run('reconcile.unmatch', { kind: 'allocation', match }))
              }
            />
          )
        )}
      </div>
      {exceptions.data && (
        <ExceptionsCard
          title="未勾对与差异"
          left={{
            title: '对账单上有、账上未勾对',
            columns: ['拨款日期', '社区', '资金性质', '拨款文号', '金额', '原因'],
            rows: exceptions.data.allocations.map((a) => ({
              key: allocationKey(a),
              cells: [a.date, a.community, a.fundLabel + (a.project ? `／${a.project}` : ''), a.document],
              amount: a.amount,
              reason: a.reason,
            })),
          }}
          right={{
            title: '账上有、对账单上没有',
            columns: ['入账日期', '社区', '资金性质', '凭证号', '金额', '原因'],
            rows: exceptions.data.receipts.map((r) => ({
              key: receiptKey(r),
              cells: [r.date, r.community, r.fundLabel, r.voucher],
              amount: r.amount,
              reason: r.reason,
            })),
          }}
          onOpen={(side, key) => setJump((j) => ({ side, key, n: (j?.n ?? 0) + 1 }))}
        />
      )}
      {report && (
        <AllocationReport
          kind={report}
          onKind={setReport}
          communities={(communities.data ?? []).map((c) => c.name)}
          initialCommunity={community || book}
          months={months}
          initialFrom={from || firstDate?.slice(0, 7) || `${today().slice(0, 4)}-01`}
          initialTo={to || lastDate?.slice(0, 7) || today().slice(0, 7)}
          onClose={() => setReport(undefined)}
        />
      )}
      {importing && (
        <MappingDialog
          kind="allocation"
          onCancel={() => setImporting(false)}
          onDone={(outcome) => {
            setImporting(false);
            setImported(outcome);
          }}
        />
      )}
    </Page>
  );
}

function allocationItem(a: Allocation, withCommunity: boolean, reasons: Map<string, string>): MatchItem {
  const fund = a.fundLabel + (a.project ? `／${a.project}` : '');
  return {
    key: allocationKey(a),
    matchId: a.matchId,
    amount: a.amount,
    cells: [
      <span className="code">{a.date}</span>,
      ...(withCommunity ? [a.community] : []),
      <span title={fund}>{fund}</span>,
      <span title={a.document}>{a.document}</span>,
      <Amount value={a.amount} />,
    ],
    label: `拨款 ${a.date} ${a.community} ${fund} ${a.document} ${a.amount}`,
    reason: reasons.get(allocationKey(a)),
  };
}

function receiptItem(r: Receipt, withCommunity: boolean, reasons: Map<string, string>): MatchItem {
  return {
    key: receiptKey(r),
    matchId: r.matchId,
    amount: r.amount,
    cells: [
      <span className="code">{r.date}</span>,
      ...(withCommunity ? [r.community] : []),
      <span className="code">{r.voucher}</span>,
      <span title={`${r.summary}（${r.fundLabel}${r.document ? ` ${r.document}` : ''}）`}>{r.summary}</span>,
      <Amount value={r.amount} />,
    ],
    label: `凭证 ${r.date} ${r.community} ${r.voucher} ${r.summary} ${r.amount}`,
    reason: reasons.get(receiptKey(r)),
  };
}

/** What 自动勾对 did: each match made, with its community, vouchers and reason. */
/** The 对账单 (a community, months) or the 汇总表 (a year), previewed with its own choosers. */
function AllocationReport({
  kind,
  onKind,
  communities,
  months,
  initialCommunity,
  initialFrom,
  initialTo,
  onClose,
}: {
  kind: 'statement' | 'rollup';
  onKind: (kind: 'statement' | 'rollup') => void;
  communities: string[];
  /** The months of the statements and books, offered for the 对账单's range. */
  months: string[];
  initialCommunity: string;
  initialFrom: string;
  initialTo: string;
  onClose: () => void;
}) {
  const session = useSession();
  const [community, setCommunity] = useState(
    communities.includes(initialCommunity) ? initialCommunity : (communities[0] ?? ''),
  );
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [year, setYear] = useState(initialTo.slice(0, 4));
  const choices = (value: string) =>
    [...new Set([...months, value])].sort().map((m) => (
      <option key={m} value={m}>
        {monthText(m)}
      </option>
    ));
  const years = [...new Set([...months.map((m) => m.slice(0, 4)), year])].sort();
  const request =
    kind === 'statement'
      ? community && monthPattern.test(from) && monthPattern.test(to) && from <= to
        ? { report: 'statement' as const, community, from, to }
        : undefined
      : { report: 'rollup' as const, year: Number(year) };
  return (
    <PrintPreview
      title={kind === 'statement' ? '财政拨款对账单' : '拨款对账汇总表'}
      render={
        request &&
        ((format) => client.call('reconcile.report', { ...request, format }, session.operator?.name))
      }
      source={JSON.stringify(request)}
      onClose={onClose}
      choosers={
        <span className="rc-choosers">
          <span className="ds-kind" role="radiogroup" aria-label="报表">
            {(
              [
                ['statement', '对账单'],
                ['rollup', '汇总表'],
              ] as const
            ).map(([value, text]) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={kind === value}
                className={kind === value ? 'on' : ''}
                onClick={() => onKind(value)}
              >
                {text}
              </button>
            ))}
          </span>
          {kind === 'statement' ? (
            <>
              <Select
                aria-label="对账单社区"
                value={community}
                onChange={(e) => setCommunity(e.target.value)}
              >
                {communities.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
              <Select aria-label="起始月份" value={from} onChange={(e) => setFrom(e.target.value)}>
                {choices(from)}
              </Select>
              <span>至</span>
              <Select aria-label="截止月份" value={to} onChange={(e) => setTo(e.target.value)}>
                {choices(to)}
              </Select>
            </>
          ) : (
            <Select aria-label="年度" value={year} onChange={(e) => setYear(e.target.value)}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y} 年
                </option>
              ))}
            </Select>
          )}
        </span>
      }
    />
  );
}
