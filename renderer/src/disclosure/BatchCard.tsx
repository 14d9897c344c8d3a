import { useEffect, useRef, useState } from 'react';
import { ApiError, client, toApiError, useApi, type ApiOutput } from '../api';
import { useSession } from '../session';
import { Button, Card, ErrorNotice, Field, Input } from '../ui/components';
import { periodLabel } from './period';
import { PeriodPicker } from './PeriodPicker';

type Status = ApiOutput<'disclosure.batchStatus'>;

/** Where the core writes when no folder is given: 居务公开/<期间> beside the centre file. */
function defaultFolder(centreFile: string | undefined, period: string): string {
  if (!centreFile) return '';
  const cut = Math.max(centreFile.lastIndexOf('/'), centreFile.lastIndexOf('\\'));
  const separator = centreFile.includes('\\') && !centreFile.includes('/') ? '\\' : '/';
  return `${centreFile.slice(0, cut)}${separator}居务公开${separator}${period}`;
}

/**
 * 批量打印: a period's sheets for every community at once — one .xlsx per community and one PDF of them
 * all for the printer — with the progress as it goes and, at the end, each community's file and what
 * to look at before the sheets go up (a sheet that does not agree with the books, unposted vouchers).
 */
export function BatchCard({
  initialPeriod,
  firstYear,
  lastYear,
}: {
  initialPeriod: string;
  firstYear: number;
  lastYear: number;
}) {
  const session = useSession();
  const info = useApi('centre.info', {});
  const [period, setPeriod] = useState(initialPeriod);
  const [outDir, setOutDir] = useState('');
  const [job, setJob] = useState<string>();
  const [status, setStatus] = useState<Status>();
  const [error, setError] = useState<ApiError>();
  const [starting, setStarting] = useState(false);
  const running = !!job && !status?.finished;

  // Poll the job every 200 ms until it finishes; leaving the screen stops the polling.
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    if (!job) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await client.call('disclosure.batchStatus', { job }, session.operator?.name);
        if (!alive.current) return;
        setStatus(next);
        if (next.error) setError(new ApiError(next.error.code, next.error.message));
        if (!next.finished) timer = setTimeout(() => void poll(), 200);
      } catch (e) {
        if (alive.current) setError(toApiError(e));
      }
    };
    void poll();
    return () => clearTimeout(timer);
  }, [job, session.operator?.name]);

  async function start() {
    setStarting(true);
    setError(undefined);
    setStatus(undefined);
    try {
      const started = await client.call(
        'disclosure.batch',
        { period, ...(outDir.trim() ? { outDir: outDir.trim() } : {}) },
        session.operator?.name,
      );
      setJob(started.job);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setStarting(false);
    }
  }

  const progress = status?.progress;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const result = status?.result;
  const placeholder = defaultFolder(info.data?.file, period);

  return (
    <Card title="批量打印">
      <p className="hint" style={{ marginTop: 0 }}>
        为每个社区生成所选期间的三张公开表：每个社区一个 Excel 文件，另加一个合并 PDF 供打印。按月公开的社区，
        选季度时生成各月的表。已公开且账簿未变的期间按公开时的签名打印。
      </p>
      <div className="ds-batch-form">
        <PeriodPicker
          label="期间"
          value={period}
          firstYear={firstYear}
          lastYear={lastYear}
          onChange={setPeriod}
        />
        <Field label="输出文件夹（留空使用默认位置）">
          <Input
            aria-label="输出文件夹"
            value={outDir}
            onChange={(e) => setOutDir(e.target.value)}
            placeholder="留空：中心文件所在文件夹/居务公开/期间"
            style={{ width: 420 }}
          />
        </Field>
        <Button variant="primary" disabled={running || starting} onClick={() => void start()}>
          开始
        </Button>
      </div>
      {placeholder && !outDir.trim() && (
        <div className="hint" data-testid="batch-default-folder">
          默认保存到：<span className="code">{placeholder}</span>
        </div>
      )}
      <ErrorNotice error={error} />
      {job && progress && (
        <div className="ds-batch-progress" data-testid="batch-progress" data-finished={!!status?.finished}>
          <div
            className="ds-bar"
            role="progressbar"
            aria-label="批量打印进度"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
          >
            <span style={{ width: `${percent}%` }} />
          </div>
          <span className="ds-bar-text">
            {status?.finished
              ? result
                ? `完成：${result.files.length} 个社区，${periodLabel(result.period)}`
                : '未完成'
              : `${progress.done} / ${progress.total}${progress.current ? ` · 正在生成 ${progress.current}` : ''}`}
          </span>
        </div>
      )}
      {result && (
        <div className="ds-batch-result" data-testid="batch-result">
          <div className="hint">
            保存在 <span className="code">{result.outDir}</span>
          </div>
          <div className="table-wrap">
            <table className="grid">
              <thead>
                <tr>
                  <th>社区</th>
                  <th>文件</th>
                  <th className="num">表数</th>
                  <th>提示</th>
                </tr>
              </thead>
              <tbody>
                {result.files.map((f) => (
                  <tr key={f.file} data-community={f.community}>
                    <td>{f.community}</td>
                    <td className="code" data-column="file">
                      {baseName(f.file)}
                    </td>
                    <td className="num">{f.sheets}</td>
                    <td data-column="warnings">
                      {f.warnings.length === 0 ? (
                        <span className="badge posted">可以公开</span>
                      ) : (
                        <ul className="ds-warnings">
                          {f.warnings.map((w) => (
                            <li key={w}>{w}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
                {result.files.length > 0 && (
                  <tr className="subtotal" data-testid="batch-pdf">
                    <td>合并 PDF</td>
                    <td className="code">{baseName(result.pdf)}</td>
                    <td className="num">{result.files.reduce((n, f) => n + f.sheets, 0)}</td>
                    <td />
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Card>
  );
}

const baseName = (file: string) => file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
