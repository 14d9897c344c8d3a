/**
 * Saving a sheet the core drew (.xlsx or PDF, base64): the desktop app's save dialog, or a download in
 * a browser. False when the user cancels the dialog.
 */
interface DesktopSave {
  saveFile?(name: string, content: string): Promise<string | null>;
}

const desktop = (globalThis as { jucai?: DesktopSave }).jucai;

export const fileTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export async function saveFile(name: string, base64: string, type: string): Promise<boolean> {
  if (desktop?.saveFile) return (await desktop.saveFile(name, base64)) !== null;
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
