import { useEffect, useRef, useState } from 'react';
import { Button } from '../ui/components';

/**
 * 打印预览: the report's print HTML (`report.render` html, the same page the PDF is drawn from) on a
 * sheet of A4 in the report's orientation. The HTML sits in a sandboxed `<iframe srcdoc>` without
 * allow-scripts, so nothing in it can run; allow-same-origin lets this page measure the sheet and call
 * its print(), and allow-modals lets that print dialog open. Escape closes.
 */
export function PrintPreview({
  title,
  html,
  orientation,
  busy,
  onPdf,
  onClose,
}: {
  title: string;
  html: string;
  orientation: 'portrait' | 'landscape';
  busy: boolean;
  onPdf: () => void;
  onClose: () => void;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const [height, setHeight] = useState<number>();
  useEffect(() => printButton.current?.focus(), []);

  // Escape closes and Ctrl+P prints the sheet (not the screen behind it), wherever the focus is, even
  // on a button that an export has just disabled; the capture phase runs before the screen's own keys.
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

  // The sheet grows to the report's length, so the preview scrolls as one page of paper would.
  const fit = () => {
    const root = frame.current?.contentDocument?.documentElement;
    if (root) setHeight(root.scrollHeight + 2);
  };

  return (
    <div className="dialog-backdrop rp-preview-backdrop">
      <div className="rp-preview" role="dialog" aria-modal="true" aria-label="打印预览">
        <div className="rp-preview-bar">
          <h2>打印预览</h2>
          <span className="muted">{title}</span>
          <span className="hint">A4 {orientation === 'landscape' ? '横向' : '纵向'}</span>
          <span className="gap" />
          <Button ref={printButton} variant="primary" onClick={() => frame.current?.contentWindow?.print()}>
            打印
          </Button>
          <Button onClick={onPdf} disabled={busy}>
            导出PDF
          </Button>
          <Button onClick={onClose}>关闭</Button>
        </div>
        <div className="rp-preview-desk">
          <div className={`rp-paper ${orientation}`}>
            <iframe
              ref={frame}
              title={`打印预览：${title}`}
              sandbox="allow-same-origin allow-modals"
              srcDoc={html}
              onLoad={fit}
              style={height ? { height } : undefined}
            />
          </div>
        </div>
      </div>
    </div>
  );
}
