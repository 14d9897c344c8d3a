import electron = require('electron');

/**
 * The renderer's only door into the app: `window.jucai.call(method, input, operator)`, relayed to the
 * main process, which checks the sender and forwards the call to the core process. Nothing else of
 * Electron or Node reaches the page.
 *
 * This file is CommonJS (`.cts` → `preload.cjs`) on purpose: a sandboxed preload cannot be an ES module,
 * and the rest of the project is ESM.
 */
electron.contextBridge.exposeInMainWorld('jucai', {
  call: (method: string, input: unknown, operator?: string): Promise<unknown> =>
    electron.ipcRenderer.invoke('jucai:call', method, input, operator),
  // Native dialogs and printing; files travel as name + base64 bytes, never as paths.
  pickFile: (title?: string): Promise<{ name: string; content: string } | null> =>
    electron.ipcRenderer.invoke('jucai:pickFile', title),
  saveFile: (name: string, content: string): Promise<string | null> =>
    electron.ipcRenderer.invoke('jucai:saveFile', name, content),
  print: (): Promise<boolean> => electron.ipcRenderer.invoke('jucai:print'),
  printToPdf: (name: string): Promise<string | null> => electron.ipcRenderer.invoke('jucai:printToPdf', name),
  // A report's print HTML (from report.render) drawn to PDF by the main process in a hidden window.
  htmlToPdf: (name: string, html: string): Promise<string | null> =>
    electron.ipcRenderer.invoke('jucai:htmlToPdf', name, html),
});
