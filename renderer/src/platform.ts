/**
 * What differs between the desktop app and the browser mode: picking and saving files, printing and
 * PDF. In Electron these go through the preload to native dialogs and the main process; in a browser
 * they fall back to a file input, a download and the browser's print dialog.
 */
interface DesktopBridge {
  pickFile?(title?: string): Promise<{ name: string; content: string } | null>;
  saveFile?(name: string, content: string): Promise<string | null>;
  print?(): Promise<boolean>;
  printToPdf?(name: string): Promise<string | null>;
  htmlToPdf?(name: string, html: string): Promise<string | null>;
}

const desktop = (globalThis as { jucai?: DesktopBridge }).jucai;

export const isDesktop = !!desktop?.pickFile;

/** A file to import, as the API takes it (name + base64), or undefined when the user cancels. */
export async function pickImportFile(
  title = '选择要导入的文件',
): Promise<{ name: string; content: string } | undefined> {
  if (desktop?.pickFile) return (await desktop.pickFile(title)) ?? undefined;
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.xlsx,.csv,.txt';
  const file = await new Promise<File | undefined>((resolve) => {
    input.onchange = () => resolve(input.files?.[0]);
    input.click();
  });
  if (!file) return undefined;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, content: btoa(binary) };
}

/** Saves text (e.g. a CSV export) where the user chooses. */
export async function saveText(name: string, text: string, type = 'text/csv;charset=utf-8'): Promise<void> {
  if (desktop?.saveFile) {
    const bytes = new TextEncoder().encode(text);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    await desktop.saveFile(name, btoa(binary));
    return;
  }
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Saves a file the core produced (base64 bytes, such as a report's .xlsx or PDF): the native save dialog
 * in the desktop app, a download in a browser. False when the user cancels the dialog.
 */
export async function saveBytes(name: string, base64: string, mime: string): Promise<boolean> {
  if (desktop?.saveFile) return (await desktop.saveFile(name, base64)) !== null;
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/**
 * In the desktop app, print HTML (a report's `report.render` html) drawn to PDF by Electron in a hidden
 * window and saved where the user chooses; resolves to the saved path, or null when cancelled.
 * Undefined in a browser, where the core draws the PDF instead.
 */
export const htmlToPdf: ((name: string, html: string) => Promise<string | null>) | undefined =
  desktop?.htmlToPdf ? (name, html) => desktop.htmlToPdf!(name, html) : undefined;

export async function printPage(): Promise<void> {
  if (desktop?.print) await desktop.print();
  else window.print();
}

/** In the desktop app, a PDF of the current page saved where the user chooses; in a browser, print to PDF. */
export async function savePdf(name: string): Promise<void> {
  if (desktop?.printToPdf) await desktop.printToPdf(name);
  else window.print();
}
