import { useState, type FormEvent } from 'react';
import { useAction, useApi } from '../api';
import { keepsBooks } from '../labels';
import { useSession } from '../session';
import { Button, Card, ErrorNotice, Field, Input, Select } from '../ui/components';
import { directionText, ruleSourceText, type ItemRule } from './text';

type Direction = ItemRule['direction'];

/**
 * 收支项目对应: under which item of the board a cash receipt or payment is shown when its line names
 * none, by the counter-account's code prefix. The chart template brings the defaults; a book sets its
 * own for any prefix (the longest prefix wins, and the book's own at equal length) or removes it again.
 */
export function RulesCard({ book }: { book: string }) {
  const session = useSession();
  const canWrite = keepsBooks(session.operator, session.readOnly);
  const rules = useApi('disclosure.rules', book ? { book } : null);
  const dimensions = useApi('dimension.list', book ? { book } : null);
  const accounts = useApi('account.list', book ? { book } : null);
  const action = useAction(session.operator?.name);
  const [direction, setDirection] = useState<Direction>('payment');
  const [account, setAccount] = useState('');
  const [item, setItem] = useState('');

  const names = new Map((accounts.data ?? []).map((a) => [a.code, a.name]));
  const items = (dimensions.data?.disclosureItems ?? []).filter((i) => i.direction === direction);
  const list = [...(rules.data ?? [])].sort(
    (a, b) =>
      a.direction.localeCompare(b.direction) * -1 ||
      (a.account === '' ? 1 : 0) - (b.account === '' ? 1 : 0) ||
      a.account.localeCompare(b.account) ||
      (a.source === 'book' ? -1 : 1),
  );
  const own = new Set(
    (rules.data ?? []).filter((r) => r.source === 'book').map((r) => `${r.direction}:${r.account}`),
  );
  const field = action.error?.field;

  async function submit(e: FormEvent) {
    e.preventDefault();
    await action.run('disclosure.setRule', {
      book,
      direction,
      account: account.trim(),
      item: item || (items[0]?.name ?? ''),
    });
  }

  return (
    <Card title={`收支项目对应 · ${book}`}>
      <p className="hint" style={{ marginTop: 0 }}>
        现金、银行存款的收付按对方科目归入公开表的收支项目；分录自己标了收支项目的，以分录为准。
        最长的科目前缀优先，前缀相同时本账套的规则优先于科目模板。
      </p>
      <ErrorNotice error={rules.error ?? dimensions.error} />
      <div className="table-wrap ds-rules">
        <table className="grid" data-testid="disclosure-rules" aria-busy={rules.loading}>
          <thead>
            <tr>
              <th>方向</th>
              <th>科目</th>
              <th>收支项目</th>
              <th>来源</th>
              {canWrite && <th />}
            </tr>
          </thead>
          <tbody>
            {list.map((r) => {
              const replaced = r.source === 'chart' && own.has(`${r.direction}:${r.account}`);
              return (
                <tr
                  key={`${r.source}-${r.direction}-${r.account}`}
                  data-rule={`${r.direction}:${r.account}`}
                  data-source={r.source}
                  className={replaced ? 'ds-replaced' : undefined}
                >
                  <td>{directionText[r.direction]}</td>
                  <td>
                    {r.account === '' ? (
                      <span className="muted">（其余科目）</span>
                    ) : (
                      <>
                        <span className="code">{r.account}</span> {names.get(r.account) ?? ''}
                      </>
                    )}
                  </td>
                  <td data-column="item">{r.item}</td>
                  <td>
                    <span className={r.source === 'book' ? 'badge reviewed' : 'badge closed'}>
                      {ruleSourceText[r.source]}
                    </span>
                    {replaced && <span className="hint"> 已被本账套规则取代</span>}
                  </td>
                  {canWrite && (
                    <td className="ds-actions-cell">
                      {r.source === 'book' ? (
                        <Button
                          small
                          onClick={() =>
                            void action.run('disclosure.setRule', {
                              book,
                              direction: r.direction,
                              account: r.account,
                              item: null,
                            })
                          }
                        >
                          删除
                        </Button>
                      ) : (
                        !replaced &&
                        r.account !== '' && (
                          <Button
                            small
                            onClick={() => {
                              setDirection(r.direction);
                              setAccount(r.account);
                              setItem(r.item);
                            }}
                          >
                            改为…
                          </Button>
                        )
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canWrite && (
        <form className="ds-rule-form" onSubmit={submit} aria-label="设置收支项目对应" noValidate>
          <Field label="方向">
            <Select
              aria-label="方向"
              value={direction}
              onChange={(e) => {
                setDirection(e.target.value as Direction);
                setItem('');
              }}
            >
              <option value="payment">支出</option>
              <option value="receipt">收入</option>
            </Select>
          </Field>
          <Field label="科目编码前缀" error={field === 'account' ? action.error?.message : undefined}>
            <Input
              aria-label="科目编码前缀"
              className="gr-figure"
              value={account}
              invalid={field === 'account'}
              onChange={(e) => setAccount(e.target.value)}
              placeholder="如 520102"
              style={{ width: 140 }}
            />
          </Field>
          <Field label="收支项目" error={field === 'item' ? action.error?.message : undefined}>
            <Select
              aria-label="收支项目"
              value={item || (items[0]?.name ?? '')}
              invalid={field === 'item'}
              onChange={(e) => setItem(e.target.value)}
            >
              {items.map((i) => (
                <option key={i.id} value={i.name}>
                  {i.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" disabled={action.busy}>
            设置本账套规则
          </Button>
        </form>
      )}
      <ErrorNotice
        error={
          action.error && !['account', 'item'].includes(action.error.field ?? '') ? action.error : undefined
        }
      />
    </Card>
  );
}
