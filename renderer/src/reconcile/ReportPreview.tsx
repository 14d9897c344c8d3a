import { useEffect, useRef, useState, type ReactNode } from 'react';
import { client, toApiError, useApi, type ApiError, type ApiInput } from '../api';
import { fileTypes, saveFile } from '../disclosure/files';
import { onScreenPages } from '../disclosure/PreviewModal';
import '../disclosure/disclosure.css';
import { useSession } from '../session';
import { Button, ErrorNotice, Notice, Progress } from '../ui/components';

/** 对账单, 汇总表 or 余额调节表, as `reconcile.report` takes it (without the format). */
export type ReportRequest = Omit<ApiInput<'reconcile.report'>, 'format'>;

/**
 * Downloads of a reconciliation report: .xlsx or PDF drawn by the core, saved by the desktop app's dialog
 * or as a browser download. `saved` names the file once saved; a refusal is kept in `error`.
 */
export function useReportFiles(request: ReportRequest | undefined) {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState('');
  async function save(format: 'xlsx' | 'pdf') {
    if (!request) return;
    setBusy(true);
    setError(undefined);
    setSaved('');
    try {
      const file = await client.call('reconcile.report', { ...request, format }, session.operator?.name);
      if (await saveFile(file.fileName, file.content, fileTypes[format])) setSaved(file.fileName);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }
  return { save, busy, error, saved, clear: () => setError(undefined) };
}

/**
 * 打印预览 of a reconciliation report: the print HTML the PDF is drawn from, in a sandboxed frame that
 * runs no script (allow-same-origin only so this page can call its print(), allow-modals for the print
 * dialog), on A4 pages as the disclosure preview lays them. `choosers` are the report's own controls
 * (community and months, the year). Escape closes, Ctrl+P prints the report.
 */
export function ReportPreview({
  title,
  request,
  choosers,
  onClose,
}: {
  title: string;
  request: ReportRequest | undefined;
  choosers?: ReactNode;
  onClose: () => void;
}) {
  const html = useApi('reconcile.report', request ? { ...request, format: 'html' } : null);
  const files = useReportFiles(request);
  const frame = useRef<HTMLIFrameElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  const loaded = !!html.data;
  useEffect(() => {
    if (loaded) printButton.current?.focus();
  }, [loaded]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        e.stopPropagation();
        frame.current?.contentWindow?.print();
      } else if (e.key === 'Escape') {
        e.stopPropagation();
        close.current();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <div className="dialog-backdrop">
      <div className="dialog ds-preview" role="dialog" aria-modal="true" aria-label={`打印预览：${title}`}>
        <div className="ds-preview-head">
          <h2>{title}</h2>
          {choosers}
          <span className="ds-spacer" />
          <Button
            small
            variant="primary"
            ref={printButton}
            disabled={!html.data}
            onClick={() => frame.current?.contentWindow?.print()}
          >
            打印
          </Button>
          <Button small disabled={!request || files.busy} onClick={() => void files.save('xlsx')}>
            导出Excel
          </Button>
          <Button small disabled={!request || files.busy} onClick={() => void files.save('pdf')}>
            导出PDF
          </Button>
          <Button small onClick={onClose}>
            关闭
          </Button>
        </div>
        <Progress active={html.loading || files.busy} />
        <ErrorNotice error={html.error} />
        <ErrorNotice error={files.error} onClose={files.clear} />
        {files.saved && <Notice kind="ok">已导出 {files.saved}</Notice>}
        {request && html.data && (
          <iframe
            className="ds-preview-frame"
            title={html.data.fileName}
            ref={frame}
            sandbox="allow-same-origin allow-modals"
            srcDoc={onScreenPages(html.data.content)}
            data-testid="print-preview"
          />
        )}
      </div>
    </div>
  );
}
