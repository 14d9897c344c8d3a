import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLoad } from '../api';
import { ExportButtons, ExportOutcome, useExport, type Render } from '../exports';
import { Button, ErrorNotice, Progress } from '../ui/components';
import './print-preview.css';

/**
 * 打印预览 of any report or set of sheets: the print HTML the core draws (the page the PDF is drawn
 * from) in a sandboxed `<iframe srcdoc>` without allow-scripts, so nothing in it can run;
 * allow-same-origin lets this page call its print() and read its pages' orientation, allow-modals
 * lets the print dialog open. On screen each report is laid on its own sheet of A4 in its own
 * orientation (a set may mix portrait and landscape); the printed layout is untouched. 导出Excel and
 * 导出PDF save what is shown. Escape closes and Ctrl+P prints the sheets, wherever the focus is.
 *
 * `render` is undefined while `choosers` (the report's own controls) do not name a whole report;
 * `source` names what `render` draws, so the preview draws again when it changes.
 */
export function PrintPreview({
  title,
  render,
  source,
  choosers,
  onClose,
}: {
  title: string;
  render: Render | undefined;
  source: string;
  choosers?: ReactNode;
  onClose: () => void;
}) {
  // The last report drawn stays shown while the next is drawn.
  const page = useLoad(render ? async () => ({ source, file: await render('html') }) : null, source);
  const shown = page.data?.file;
  // The desktop app draws its PDF from the print HTML on show, when that is of the report chosen now.
  const current = page.data?.source === source ? shown : undefined;
  const exports = useExport(
    render && ((format) => (format === 'html' && current ? Promise.resolve(current) : render(format))),
  );
  const frame = useRef<HTMLIFrameElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const [orientations, setOrientations] = useState('');
  const print = () => frame.current?.contentWindow?.print();

  const loaded = !!shown;
  useEffect(() => {
    if (loaded) printButton.current?.focus();
  }, [loaded]);

  // The capture phase runs before the screen's own keys (its Ctrl+P opens this preview), and Escape
  // closes even from a button that an export has just disabled.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close.current();
      } else if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        e.stopPropagation();
        frame.current?.contentWindow?.print();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <div className="dialog-backdrop print-preview-backdrop">
      <div className="dialog print-preview" role="dialog" aria-modal="true" aria-label={`打印预览：${title}`}>
        <div className="print-preview-head">
          <h2>打印预览</h2>
          <span className="muted">{title}</span>
          {choosers}
          {orientations && <span className="hint">A4 {orientations}</span>}
          <span className="print-preview-gap" />
          <Button small variant="primary" ref={printButton} disabled={!render || !current} onClick={print}>
            打印
          </Button>
          <ExportButtons exports={exports} />
          <Button small onClick={onClose}>
            关闭
          </Button>
        </div>
        <Progress active={page.loading || !!exports.busy} />
        <ErrorNotice error={page.error} />
        <ExportOutcome exports={exports} />
        {render && shown && (
          <iframe
            className="print-preview-frame"
            title={shown.fileName}
            ref={frame}
            sandbox="allow-same-origin allow-modals"
            srcDoc={onScreenPages(shown.content)}
            onLoad={() => setOrientations(orientationsOf(frame.current))}
            data-testid="print-preview"
          />
        )}
      </div>
    </div>
  );
}

/** 纵向, 横向, or both for a set of sheets that mixes them, as the frame's reports are laid out. */
function orientationsOf(frame: HTMLIFrameElement | null): string {
  const sections = [...(frame?.contentDocument?.querySelectorAll('section.report') ?? [])];
  const portrait = sections.some((s) => !s.classList.contains('landscape'));
  const landscape = sections.some((s) => s.classList.contains('landscape'));
  return [portrait ? '纵向' : '', landscape ? '横向' : ''].filter(Boolean).join('、');
}

/**
 * Sheets of A4 on a grey desk, for the screen only (`@media screen`): each report as wide as its paper
 * in its own orientation, the 12 mm margins as padding, so lines break where they do in the PDF.
 */
const screenPages = `<style>@media screen {
  html { background: #8a8d91; }
  body { padding: 6mm 0; }
  section.report { width: 210mm; min-height: 297mm; margin: 0 auto 6mm; padding: 12mm; background: #fff;
    box-shadow: 0 1px 4px rgba(0,0,0,.35); }
  section.report.landscape { width: 297mm; min-height: 210mm; }
}</style>`;

function onScreenPages(html: string): string {
  return html.includes('</head>') ? html.replace('</head>', `${screenPages}</head>`) : screenPages + html;
}
