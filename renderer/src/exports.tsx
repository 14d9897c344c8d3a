import { useState } from 'react';
import { toApiError, type ApiError } from './api';
import { htmlToPdf, saveBytes } from './platform';
import { Button, ErrorNotice, Notice } from './ui/components';

/** A file the core drew: .xlsx and PDF as base64, the print HTML as text. */
export interface RenderedFile {
  fileName: string;
  content: string;
}

/**
 * One report, or one set of sheets, drawn by the core in a format: `report.render`, `disclosure.render`
 * and `reconcile.report` with their input bound. The html is the print page the PDF is drawn from.
 */
export type Render = (format: 'xlsx' | 'pdf' | 'html') => Promise<RenderedFile>;

const fileTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/**
 * Saves a report as .xlsx or PDF where the user chooses. The desktop app draws the PDF itself from the
 * print HTML (Electron's printToPDF, so no Chromium is needed on the machine); a browser downloads the
 * core's PDF. Resolves to what was saved (a name, or the desktop app's path), or undefined when the
 * user cancels.
 */
export async function saveReport(render: Render, format: 'xlsx' | 'pdf'): Promise<string | undefined> {
  if (format === 'pdf' && htmlToPdf) {
    const page = await render('html');
    return (await htmlToPdf(page.fileName.replace(/\.html$/, '.pdf'), page.content)) ?? undefined;
  }
  const file = await render(format);
  return (await saveBytes(file.fileName, file.content, fileTypes[format])) ? file.fileName : undefined;
}

/**
 * 导出Excel / 导出PDF of one report: which export runs, its refusal and what it saved, for the screen to
 * show. Nothing runs without a report to render, or while an export runs.
 */
export function useExport(render: Render | undefined) {
  const [busy, setBusy] = useState<'xlsx' | 'pdf'>();
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  async function save(format: 'xlsx' | 'pdf') {
    if (!render || busy) return;
    setBusy(format);
    setError(undefined);
    setSaved(undefined);
    try {
      setSaved(await saveReport(render, format));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  }
  return { ready: !!render, save, busy, error, saved, clearError: () => setError(undefined) };
}

export type Export = ReturnType<typeof useExport>;

export function ExportButtons({ exports }: { exports: Export }) {
  const disabled = !exports.ready || !!exports.busy;
  return (
    <>
      <Button small disabled={disabled} onClick={() => void exports.save('xlsx')}>
        导出Excel
      </Button>
      <Button small disabled={disabled} onClick={() => void exports.save('pdf')}>
        导出PDF
      </Button>
    </>
  );
}

/** What became of the last export: its refusal, or the file saved. */
export function ExportOutcome({ exports }: { exports: Export }) {
  return (
    <>
      <ErrorNotice error={exports.error} onClose={exports.clearError} />
      {exports.saved && <Notice kind="ok">已导出：{exports.saved}</Notice>}
    </>
  );
}
