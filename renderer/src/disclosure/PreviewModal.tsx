import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api';
import { Button, ErrorNotice, Progress } from '../ui/components';

export type SheetChoice = 'all' | 'A' | 'B' | 'C';

const choices: Array<[SheetChoice, string]> = [
  ['all', '三张表'],
  ['A', '表A'],
  ['B', '表B'],
  ['C', '表C'],
];

/**
 * The print HTML the core draws the PDF from, shown as it is in a sandboxed frame that runs no script
 * (no allow-scripts; allow-same-origin only so this page can call its print(), allow-modals for the
 * print dialog): what is seen here is what the PDF and the printed board show. Only a screen-only style
 * is added around it, laying each sheet on an A4 page (the printed layout is untouched).
 */
export function PreviewModal({
  book,
  period,
  version,
  initial,
  onExportPdf,
  onClose,
}: {
  book: string;
  period: string;
  version: number | undefined;
  initial: SheetChoice;
  onExportPdf: () => void;
  onClose: () => void;
}) {
  const [sheet, setSheet] = useState<SheetChoice>(initial);
  const html = useApi('disclosure.render', {
    book,
    period,
    sheet,
    format: 'html',
    ...(version ? { version } : {}),
  });
  const frame = useRef<HTMLIFrameElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  const printButton = useRef<HTMLButtonElement>(null);
  const loaded = !!html.data;
  useEffect(() => {
    if (loaded) printButton.current?.focus();
  }, [loaded]);
  const print = () => frame.current?.contentWindow?.print();

  // Ctrl+P prints the sheets, not the screen behind them (the capture phase runs before the screen's).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        e.stopPropagation();
        frame.current?.contentWindow?.print();
      } else if (e.key === 'Escape') {
        // Wherever the focus is (it may sit in the frame), Escape leaves the preview.
        e.stopPropagation();
        onCloseRef.current();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <div className="dialog-backdrop">
      <div className="dialog ds-preview" role="dialog" aria-modal="true" aria-label="打印预览">
        <div className="ds-preview-head">
          <h2>打印预览</h2>
          <span className="ds-kind" role="radiogroup" aria-label="预览哪张表">
            {choices.map(([value, text]) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={sheet === value}
                className={sheet === value ? 'on' : ''}
                onClick={() => setSheet(value)}
              >
                {text}
              </button>
            ))}
          </span>
          <span className="hint">与导出的 PDF 完全相同</span>
          <span className="ds-spacer" />
          <Button small variant="primary" ref={printButton} disabled={!html.data} onClick={print}>
            打印
          </Button>
          <Button small onClick={onExportPdf}>
            导出PDF
          </Button>
          <Button small onClick={onClose}>
            关闭
          </Button>
        </div>
        <Progress active={html.loading} />
        <ErrorNotice error={html.error} />
        {html.data && (
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

/**
 * A4 pages on a grey desk for the screen only (`@media screen`): each sheet as wide as its paper, the
 * 12 mm margins as padding, so lines break exactly where they do in the PDF.
 */
const screenPages = `<style>@media screen {
  html { background: #8a8d91; }
  body { padding: 6mm 0; }
  section.report { width: 210mm; min-height: 297mm; margin: 0 auto 6mm; padding: 12mm; background: #fff;
    box-shadow: 0 1px 4px rgba(0,0,0,.35); }
  section.report.landscape { width: 297mm; min-height: 210mm; }
  section.report + section.report { margin-top: 6mm; }
}</style>`;

export function onScreenPages(html: string): string {
  return html.includes('</head>') ? html.replace('</head>', `${screenPages}</head>`) : screenPages + html;
}
