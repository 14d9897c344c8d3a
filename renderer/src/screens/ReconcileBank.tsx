import { useState } from 'react';
import { useAction, useApi, type ApiOutput } from '../api';
import { today } from '../disclosure/period';
import { keepsBooks } from '../labels';
import { BalanceComparison, BankStatementForm } from '../reconcile/BankStatementForm';
import { MappingDialog, type ImportOutcome } from '../reconcile/MappingDialog';
import { MatchBoard, type MatchItem, type MatchSide } from '../reconcile/MatchBoard';
import { AutoResult, ImportedNotice } from '../reconcile/Notices';
import '../reconcile/reconcile.css';
import { useQuery } from '../reports/query';
import { href } from '../router';
import { useSession } from '../session';
import '../setup/setup.css';
import {
  Amount,
  Button,
  Field,
  ErrorNotice,
  Notice,
  Page,
  Progress,
  Select,
  Toolbar,
} from '../ui/components';

type Listing = ApiOutput<'reconcile.bank.list'>;
type BankLine = Listing['bank'][number];
type BookLine = Listing['book'][number];
type AutoMade = ApiOutput<'reconcile.bank.autoMatch'>;

const bankKey = (b: { id: number }) => `b${b.id}`;
const bookKey = (l: { voucherId: number; lineNo: number }) => `l${l.voucherId}:${l.lineNo}`;
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

const views = [
  { id: 'match', title: '勾对' },
  { id: 'statement', title: '余额调节表' },
] as const;
type View = (typeof views)[number]['id'];

/**
 * 银行对账 of one dedicated account (专户), which several communities may share: the bank's statement
 * lines (imported through the column-mapping dialog; overlapping statements are imported once) matched
 * against the 银行存款 lines of every community on the account, automatically and from the keyboard;
 * then the month's 余额调节表, saved once it balances, and the bank's balance against the books.
 *
 * URL: #/reconcile/bank?account=201000123456789&period=2025-03&view=statement
 */
export function ReconcileBank() {
  const session = useSession();
  const query = useQuery('/reconcile/bank');
  const accounts = useApi('reconcile.bank.accounts', {});
  const account = accounts.data?.find((a) => a.accountNumber === query.get('account')) ?? accounts.data?.[0];
  const list = useApi('reconcile.bank.list', account ? { account: account.accountNumber } : null);
  const canWrite = keepsBooks(session.operator, session.readOnly);
  const matching = useAction(session.operator?.name);
  const auto = useAction(session.operator?.name);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<ImportOutcome>();
  const [made, setMade] = useState<AutoMade>();
  const view: View = query.get('view') === 'statement' ? 'statement' : 'match';
  const data = list.data && account ? list.data : undefined;
  const lastLine = data?.bank.at(-1)?.date;
  const period = monthPattern.test(query.get('period'))
    ? query.get('period')
    : (lastLine ?? today()).slice(0, 7);
  const shared = (account?.communities.length ?? 0) > 1;
  // The months of the statement and the journal, for the 调节表.
  const months = [
    ...new Set([...(data?.bank ?? []), ...(data?.book ?? [])].map((x) => x.date.slice(0, 7)).concat(period)),
  ].sort();

  if (accounts.data && accounts.data.length === 0)
    return (
      <Page title="银行对账">
        <Notice kind="info">
          还没有登记社区专户。请先在 <a href={href('/communities')}>社区与账套</a> 中为社区登记银行账户。
        </Notice>
      </Page>
    );

  const left: MatchSide = {
    title: '银行对账单',
    noun: '笔',
    columns: [
      { header: '交易日期', width: 90 },
      { header: '流水号', width: 84 },
      { header: '摘要／对方户名' },
      { header: '收入', width: 90, num: true },
      { header: '支出', width: 90, num: true },
    ],
    items: (data?.bank ?? []).map(bankItem),
  };
  const right: MatchSide = {
    title: '银行存款日记账',
    noun: '笔',
    columns: [
      { header: '日期', width: 90 },
      ...(shared ? [{ header: '社区', width: 64 }] : []),
      { header: '凭证号', width: 64 },
      { header: '摘要' },
      { header: '借方', width: 90, num: true },
      { header: '贷方', width: 90, num: true },
    ],
    items: (data?.book ?? []).map((l) => bookItem(l, shared)),
  };

  async function runAuto() {
    if (!account) return;
    setMade(undefined);
    const result = await auto.run('reconcile.bank.autoMatch', { account: account.accountNumber });
    if (result) setMade(result);
  }

  const open = data && {
    bank: data.bank.filter((b) => b.matchId === null).length,
    book: data.book.filter((l) => l.matchId === null).length,
  };

  return (
    <Page
      title="银行对账"
      sub={
        account && (
          <span data-testid="bank-summary">
            {account.bankName} {account.accountNumber}
            {open &&
              ` · 对账单 ${data.bank.length} 笔，未勾对 ${open.bank} 笔 · 日记账未勾对 ${open.book} 笔`}
          </span>
        )
      }
      actions={
        account && (
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
          </>
        )
      }
    >
      <Progress active={accounts.loading || list.loading || matching.busy || auto.busy} />
      <Toolbar>
        <Field label="银行账户">
          <Select
            aria-label="银行账户"
            value={account?.accountNumber ?? ''}
            onChange={(e) => query.replace({ account: e.target.value })}
            style={{ minWidth: 260 }}
          >
            {(accounts.data ?? []).map((a) => (
              <option key={a.accountNumber} value={a.accountNumber}>
                {a.bankName} {a.accountNumber}
              </option>
            ))}
          </Select>
        </Field>
        {account && (
          <span className="rc-sharing" data-testid="account-communities">
            {shared ? `${account.communities.length} 个社区共用：` : '社区：'}
            {account.communities.join('、')}
          </span>
        )}
        <Field label="调节表月份">
          <Select
            aria-label="调节表月份"
            value={period}
            onChange={(e) => query.replace({ period: e.target.value })}
            style={{ width: 120 }}
          >
            {months.map((m) => (
              <option key={m} value={m}>
                {`${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`}
              </option>
            ))}
          </Select>
        </Field>
        {!canWrite && <span className="hint rc-readonly">只读：可查看和打印，不能导入或勾对</span>}
      </Toolbar>
      <div className="setup-tabs" role="tablist" aria-label="银行对账">
        {views.map((v, i) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`bank-tab-${v.id}`}
            aria-selected={v.id === view}
            aria-controls={`bank-panel-${v.id}`}
            onClick={() => query.replace({ view: v.id === 'match' ? undefined : v.id })}
          >
            <span className="step">{i + 1}</span>
            {v.title}
          </button>
        ))}
      </div>
      <ErrorNotice error={accounts.error ?? list.error} />
      <ErrorNotice error={auto.error} onClose={auto.clearError} />
      {imported && (
        <ImportedNotice
          text={`已从 ${imported.fileName} 导入 ${imported.imported} 笔流水${imported.skipped > 0 ? `，跳过 ${imported.skipped} 笔已导入的` : ''}。`}
          onClose={() => setImported(undefined)}
        />
      )}
      {made && (
        <AutoResult
          heading={made.length > 0 ? `自动勾对 ${made.length} 笔：` : '没有可以自动勾对的流水。'}
          lines={made.map((m) => ({ id: m.id, text: m.reason }))}
          onClose={() => setMade(undefined)}
        />
      )}
      {account && view === 'match' && (
        <div role="tabpanel" id="bank-panel-match" aria-labelledby="bank-tab-match">
          {data && data.bank.length === 0 && (
            <Notice kind="info">
              这个账户还没有导入银行对账单。
              {canWrite && '请用“导入对账单…”导入银行导出的流水（CSV 或 Excel）。'}
            </Notice>
          )}
          {data && (
            <MatchBoard
              left={left}
              right={right}
              matches={data.matches}
              canWrite={canWrite}
              busy={matching.busy}
              error={matching.error}
              onClearError={matching.clearError}
              onMatch={async (bankKeys, bookKeys) =>
                !!(await matching.run('reconcile.bank.match', {
                  account: account.accountNumber,
                  bankLines: data.bank.filter((b) => bankKeys.includes(bankKey(b))).map((b) => b.id),
                  bookLines: data.book
                    .filter((l) => bookKeys.includes(bookKey(l)))
                    .map((l) => ({ voucherId: l.voucherId, lineNo: l.lineNo })),
                }))
              }
              onUnmatch={async (match) =>
                !!(await matching.run('reconcile.unmatch', { kind: 'bank', match }))
              }
              alone={{
                side: 'right',
                hint: '红字冲销等金额相抵的分录，可只在日记账中选中后按 Enter 账内对冲',
              }}
            />
          )}
        </div>
      )}
      {account && view === 'statement' && (
        <div role="tabpanel" id="bank-panel-statement" aria-labelledby="bank-tab-statement">
          <BankStatementForm account={account.accountNumber} period={period} canWrite={canWrite} />
          <BalanceComparison account={account.accountNumber} from={`${period.slice(0, 4)}-01`} to={period} />
        </div>
      )}
      {importing && account && (
        <MappingDialog
          kind="bank"
          account={account.accountNumber}
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

const inflow = (amount: string) => (amount.startsWith('-') ? '' : amount);
const outflow = (amount: string) => (amount.startsWith('-') ? amount.slice(1) : '');

function bankItem(b: BankLine): MatchItem {
  const text = [b.summary, b.counterparty].filter(Boolean).join(' · ');
  return {
    key: bankKey(b),
    matchId: b.matchId,
    amount: b.amount,
    cells: [
      <span className="code">{b.date}</span>,
      <span className="code" title={b.reference}>
        {b.reference}
      </span>,
      <span title={text}>{text}</span>,
      <Amount value={inflow(b.amount)} />,
      <Amount value={outflow(b.amount)} />,
    ],
    label: `银行 ${b.date} ${b.reference} ${text} ${b.amount}`,
  };
}

function bookItem(l: BookLine, shared: boolean): MatchItem {
  const red = l.reversalOf !== null;
  const mark = red ? '红字' : l.reversedBy ? '已冲销' : '';
  const why = red ? '红字冲销凭证' : l.reversedBy ? `已于 ${l.reversedBy.date} 红字冲销` : '';
  return {
    key: bookKey(l),
    matchId: l.matchId,
    amount: l.amount,
    cells: [
      <span className="code">{l.date}</span>,
      ...(shared ? [l.community] : []),
      <span className="code">{l.voucher}</span>,
      <span title={`${l.summary}${why ? `（${why}）` : ''}`}>
        {mark && <span className="badge red rc-inline-badge">{mark}</span>}
        {l.summary}
      </span>,
      // A red-ink line stands in its original's column as a negative amount, as the journal prints it.
      <Amount value={red ? (l.amount.startsWith('-') ? l.amount : '') : inflow(l.amount)} />,
      <Amount value={red ? (l.amount.startsWith('-') ? '' : `-${l.amount}`) : outflow(l.amount)} />,
    ],
    label: `账 ${l.date} ${l.community} ${l.voucher} ${l.summary} ${l.amount}`,
    reason: why
      ? `${why}：与${red ? '被冲销的凭证' : '红字冲销凭证'}账内对冲（自动勾对会配对，或两笔都选中后按 Enter）`
      : undefined,
  };
}
