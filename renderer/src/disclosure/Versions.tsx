import type { ApiOutput } from '../api';
import { Amount, Button } from '../ui/components';

type View = ApiOutput<'disclosure.sheets'>;
type Publication = View['publications'][number];
type Change = Publication['changes'][number];

/**
 * The versions on the board so far (第1版 2025-04-20 …) and the books as they stand now; choosing a
 * version shows its sheets exactly as they were published, with the names that signed them.
 */
export function Versions({
  publications,
  shown,
  onShow,
}: {
  publications: Publication[];
  /** The version on screen, or undefined for the books as they stand. */
  shown: number | undefined;
  onShow: (version: number | undefined) => void;
}) {
  const current = publications.find((p) => p.version === shown);
  return (
    <div className="ds-versions" data-testid="disclosure-versions">
      <span className="ds-versions-label">已公开</span>
      <span className="ds-kind" role="radiogroup" aria-label="版本">
        <button
          type="button"
          role="radio"
          aria-checked={shown === undefined}
          className={shown === undefined ? 'on' : ''}
          onClick={() => onShow(undefined)}
        >
          当前账簿数
        </button>
        {publications.map((p) => (
          <button
            key={p.version}
            type="button"
            role="radio"
            aria-checked={shown === p.version}
            className={shown === p.version ? 'on' : ''}
            data-version={p.version}
            onClick={() => onShow(p.version)}
          >
            第{p.version}版 {p.publishedOn}
            {p.backdated && ' 补录'}
          </button>
        ))}
      </span>
      {current && (
        <span className="hint" data-testid="version-detail">
          制表 {current.preparer} · 审核 {current.reviewer} · 社区负责人 {current.communityHead} · 议监会{' '}
          {current.oversightSigner}（{current.oversightOpinion}）· 公开 {current.displayDays} 天
          {current.backdated &&
            ` · 补录于 ${current.recordedOn}，原因：${current.backdateReason ?? '（未注明）'}`}
          {current.changes.length > 0 && ` · 较上一版变动 ${current.changes.length} 项`}
        </span>
      )}
    </div>
  );
}

/**
 * The books changed after the latest version was published: what differs (before → after), and the
 * way to put the corrected sheets on the board as the next version.
 */
export function ChangesBanner({
  changes,
  latest,
  onPublish,
}: {
  changes: Change[];
  latest: Publication;
  onPublish?: (() => void) | undefined;
}) {
  return (
    <div className="notice warn ds-changes" role="alert" data-testid="disclosure-changes">
      <div className="ds-changes-head">
        <strong>
          公开后账簿有变动：与 {latest.publishedOn} 公开的第 {latest.version} 版相比，有 {changes.length}{' '}
          项不同。
        </strong>
        {onPublish && (
          <Button small variant="primary" onClick={onPublish}>
            公开新版本…
          </Button>
        )}
      </div>
      <div className="ds-change-scroll">
        <ChangeList changes={changes} />
      </div>
    </div>
  );
}

export function ChangeList({ changes }: { changes: Change[] }) {
  return (
    <table className="ds-change-list">
      <tbody>
        {changes.map((c) => (
          <tr key={c.what} data-what={c.what}>
            <td className="what">{c.what.replace(/·/g, ' · ')}</td>
            <td className={c.amount ? 'num' : 'text'}>
              <Figure value={c.before} amount={c.amount} />
            </td>
            <td className="arrow">→</td>
            <td className={c.amount ? 'num' : 'text'}>
              <Figure value={c.after} amount={c.amount} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A cell as the board shows it (an amount with separators, text as written), or 空 where it was empty. */
function Figure({ value, amount }: { value: string; amount: boolean }) {
  if (value === '') return <span className="muted">（空）</span>;
  return amount ? <Amount value={value} /> : <span>{value}</span>;
}
