import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  session,
  utilityProcess,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type Session,
  type UtilityProcess,
} from 'electron';
import { stubPage } from '../src/api/web.js';
import type { BackupResult, CoreReply, CoreRequestBody, Envelope, OpenResult } from './core-protocol.js';
import { appCsp, stubCsp } from './policy.js';

/** What every window of the app is denied: Node, remote content, webviews, insecure content. */
const lockedDown = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/**
 * The Electron shell: window, menu and relay, nothing more. The core (SQLite and every business rule) runs
 * in a utility process (core-process.ts); the renderer is sandboxed and reaches it only through
 * `window.jucai.call`, which the preload relays and this process checks and forwards.
 *
 * Security follows Electron's checklist: context isolation, sandbox, no Node in the page, web security,
 * a strict CSP, no navigation, no new windows, no webviews, no permissions, IPC sender validation.
 */

const here = path.dirname(fileURLToPath(import.meta.url)); // dist/electron
const rendererIndex = path.join(here, '..', 'renderer', 'index.html'); // dist/renderer, built by Vite
const rendererPrefix = pathToFileURL(path.dirname(rendererIndex)).href + '/';

// The same folder the CLI uses (src/cli/paths.ts): %APPDATA%\jucai-ledger on Windows, ~/.config/jucai-ledger
// on Linux. Without this Electron would name it after productName (居财账簿) and the two would disagree.
// Must happen before 'ready'.
app.setPath('userData', path.join(app.getPath('appData'), 'jucai-ledger'));
app.enableSandbox();

const defaultCentreFile = () => path.join(app.getPath('userData'), 'centre.db');
const settingsFile = () => path.join(app.getPath('userData'), 'settings.json');

interface Settings {
  centreFile?: string;
}

function readSettings(): Settings {
  try {
    return JSON.parse(fs.readFileSync(settingsFile(), 'utf8')) as Settings;
  } catch {
    return {};
  }
}

function writeSettings(settings: Settings): void {
  fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
  fs.writeFileSync(settingsFile(), JSON.stringify(settings, null, 2));
}

/** The core utility process: started on demand, restarted (and the centre reopened) if it ever dies. */
class Core {
  private child: UtilityProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: CoreReply) => void>();
  file: string | undefined;
  stopping = false;

  private start(): UtilityProcess {
    const child = utilityProcess.fork(path.join(here, 'core-process.js'), [], {
      serviceName: '居财账簿核心',
      stdio: 'inherit',
    });
    child.on('message', (reply: CoreReply) => {
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      settle?.(reply);
    });
    child.on('exit', (code) => {
      if (this.child === child) this.child = undefined;
      for (const [id, settle] of this.pending)
        settle({ id, ok: false, error: { code: 'internal', message: '核心进程意外退出，请重试', rows: [] } });
      this.pending.clear();
      if (!this.stopping) console.error(`[居财账簿] 核心进程退出，代码 ${code}；下次调用时重新启动`);
    });
    this.child = child;
    if (this.file) this.send(child, { kind: 'open', file: this.file });
    return child;
  }

  private send(child: UtilityProcess, request: CoreRequestBody): Promise<CoreReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      child.postMessage({ ...request, id });
    });
  }

  request(request: CoreRequestBody): Promise<CoreReply> {
    return this.send(this.child ?? this.start(), request);
  }

  async open(file: string): Promise<CoreReply> {
    const reply = await this.request({ kind: 'open', file });
    if (reply.ok) this.file = (reply.result as OpenResult).file;
    return reply;
  }

  /** Closes the centre file cleanly, then ends the process; gives up waiting after a few seconds. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
    await Promise.race([this.send(child, { kind: 'close' }), timeout]);
    child.kill();
  }
}

const core = new Core();
let mainWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: '居财账簿',
    show: false,
    backgroundColor: '#f6f4ef',
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      ...lockedDown,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  loadPage(win).catch((error: unknown) => console.error('[居财账簿] 页面载入失败：', error));
  return win;
}

/**
 * The built renderer (dist/renderer/index.html) once it exists; until then the stub page, as a data: URL
 * so no file or server is needed.
 */
async function loadPage(win: BrowserWindow): Promise<void> {
  if (fs.existsSync(rendererIndex)) return win.loadFile(rendererIndex);
  const html = stubPage({ metaCsp: stubCsp });
  return win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
}

/** Only our window's top frame, showing our own page, may call the core. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !mainWindow || event.sender !== mainWindow.webContents) return false;
  return frame.url.startsWith(rendererPrefix) || frame.url.startsWith('data:text/html');
}

function envelope(reply: CoreReply): Envelope {
  return reply.ok ? { ok: true, result: reply.result } : { ok: false, error: reply.error };
}

function refusal(message: string): Envelope {
  return { ok: false, error: { code: 'forbidden', message, rows: [] } };
}

function registerIpc(): void {
  ipcMain.handle(
    'jucai:call',
    async (event, method: unknown, input: unknown, operator: unknown): Promise<Envelope> => {
      if (!trustedSender(event)) return refusal('拒绝来自未知页面的调用');
      if (typeof method !== 'string' || !/^[a-zA-Z]+\.[a-zA-Z]+$/.test(method))
        return { ok: false, error: { code: 'invalid_argument', message: '接口名称无效', rows: [] } };
      if (operator !== undefined && operator !== null && typeof operator !== 'string')
        return { ok: false, error: { code: 'invalid_argument', message: '操作员应为姓名文字', rows: [] } };
      const reply = await core.request({
        kind: 'call',
        method,
        input,
        operator: typeof operator === 'string' ? operator : undefined,
      });
      return envelope(reply);
    },
  );
}

/**
 * Native dialogs, printing and PDF for the renderer. The page never sees a path: a picked file comes
 * back as its name and bytes, and a file to save goes out as bytes to where the user chose.
 */
function registerDesktopIpc(): void {
  ipcMain.handle('jucai:pickFile', async (event, title: unknown) => {
    if (!trustedSender(event) || !mainWindow) return null;
    const chosen = await dialog.showOpenDialog(mainWindow, {
      title: typeof title === 'string' ? title : '选择要导入的文件',
      properties: ['openFile'],
      filters: [
        { name: '表格文件', extensions: ['xlsx', 'csv', 'txt'] },
        { name: '所有文件', extensions: ['*'] },
      ],
    });
    const file = chosen.filePaths[0];
    if (chosen.canceled || !file) return null;
    return { name: path.basename(file), content: fs.readFileSync(file).toString('base64') };
  });
  ipcMain.handle('jucai:saveFile', async (event, name: unknown, content: unknown) => {
    if (!trustedSender(event) || !mainWindow || typeof name !== 'string' || typeof content !== 'string')
      return null;
    const chosen = await dialog.showSaveDialog(mainWindow, {
      title: '导出到',
      defaultPath: path.basename(name),
    });
    if (chosen.canceled || !chosen.filePath) return null;
    fs.writeFileSync(chosen.filePath, Buffer.from(content, 'base64'));
    return chosen.filePath;
  });
  ipcMain.handle('jucai:print', async (event) => {
    if (!trustedSender(event)) return false;
    return new Promise<boolean>((resolve) =>
      event.sender.print({ printBackground: true }, (ok) => resolve(ok)),
    );
  });
  ipcMain.handle('jucai:printToPdf', async (event, name: unknown) => {
    if (!trustedSender(event) || !mainWindow) return null;
    const chosen = await dialog.showSaveDialog(mainWindow, {
      title: '保存为 PDF',
      defaultPath: `${typeof name === 'string' ? path.basename(name) : '居财账簿'}.pdf`,
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (chosen.canceled || !chosen.filePath) return null;
    const pdf = await event.sender.printToPDF({ pageSize: 'A4', printBackground: true });
    fs.writeFileSync(chosen.filePath, pdf);
    return chosen.filePath;
  });
  // A report as PDF: its print HTML drawn by Electron (not the page on screen), saved where the user chooses.
  ipcMain.handle('jucai:htmlToPdf', async (event, name: unknown, html: unknown) => {
    if (!trustedSender(event) || !mainWindow || typeof name !== 'string' || typeof html !== 'string')
      return null;
    if (Buffer.byteLength(html, 'utf8') > maxPrintHtmlBytes) return null;
    const chosen = await dialog.showSaveDialog(mainWindow, {
      title: '导出 PDF',
      defaultPath: path.basename(name).replace(/(\.pdf)?$/i, '.pdf'),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (chosen.canceled || !chosen.filePath) return null;
    fs.writeFileSync(chosen.filePath, await printHtmlToPdf(html));
    return chosen.filePath;
  });
}

/** The footer of every PDF page, as the core's PDF has it (src/reports/render-pdf.ts). */
const pdfFooter =
  '<div style="font-size:9px;width:100%;text-align:center">第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>';
const mm = (millimetres: number) => millimetres / 25.4;
/** Print HTML larger than this is refused (a year's ledger of a busy community is a few MB). */
const maxPrintHtmlBytes = 64 * 1024 * 1024;
/** The one page each PDF window may load: its own temporary file. */
const printFiles = new Set<string>();
const isPrintFile = (url: string) => {
  try {
    return url.startsWith('file:') && printFiles.has(path.resolve(fileURLToPath(url)));
  } catch {
    return false;
  }
};
let printSessionReady = false;

/**
 * The session of the PDF windows: in memory only, no permissions, no downloads, and no request at all
 * except the page being printed, so a report's HTML cannot reach the network or any other file.
 */
function printSession(): Session {
  const ses = session.fromPartition('jucai-print');
  if (printSessionReady) return ses;
  printSessionReady = true;
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isPrintFile(details.url) }));
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
  return ses;
}

/**
 * A report's print HTML (`report.render` html: inline CSS, no scripts) drawn to PDF on A4 with the page
 * footer, in a hidden, sandboxed window of its own with JavaScript disabled. The HTML goes through a
 * temporary file rather than a data: URL, which Chromium caps at 2 MB.
 */
async function printHtmlToPdf(html: string): Promise<Buffer> {
  const folder = fs.mkdtempSync(path.join(app.getPath('temp'), 'jucai-pdf-'));
  const file = path.join(folder, 'report.html');
  fs.writeFileSync(file, html, 'utf8');
  printFiles.add(path.resolve(file));
  const win = new BrowserWindow({
    show: false,
    width: 1123,
    height: 794,
    webPreferences: {
      session: printSession(),
      javascript: false,
      ...lockedDown,
    },
  });
  try {
    await win.loadFile(file);
    return await win.webContents.printToPDF({
      pageSize: 'A4',
      // Each report's own @page size, so a landscape book prints landscape.
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: pdfFooter,
      margins: { top: mm(12), bottom: mm(16), left: mm(10), right: mm(10) },
    });
  } finally {
    win.destroy();
    printFiles.delete(path.resolve(file));
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Every web contents, present and future: no navigation away, no pop-ups, no webviews. */
function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [appCsp] } });
  });
  // Camera, notifications, geolocation, …: the app needs none. Copying to the clipboard stays allowed.
  ses.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'clipboard-sanitized-write'),
  );
  ses.setPermissionCheckHandler((_contents, permission) => permission === 'clipboard-sanitized-write');
}

async function showCoreError(title: string, reply: CoreReply): Promise<void> {
  if (reply.ok) return;
  const options = {
    type: 'error' as const,
    title,
    message: title,
    detail: reply.error.message,
    buttons: ['确定'],
  };
  await (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

async function openOtherCentre(): Promise<void> {
  const options = {
    title: '打开其他中心文件',
    buttonLabel: '打开',
    properties: ['openFile' as const],
    filters: [
      { name: '居财账簿中心文件', extensions: ['db'] },
      { name: '所有文件', extensions: ['*'] },
    ],
  };
  const chosen = await (mainWindow
    ? dialog.showOpenDialog(mainWindow, options)
    : dialog.showOpenDialog(options));
  const file = chosen.filePaths[0];
  if (chosen.canceled || !file) return;
  const reply = await core.open(file);
  if (!reply.ok) return showCoreError('无法打开中心文件', reply);
  writeSettings({ ...readSettings(), centreFile: core.file });
  updateTitle();
  mainWindow?.webContents.reload();
}

async function backupNow(): Promise<void> {
  if (!core.file) {
    dialog.showErrorBox('无法备份', '还没有打开中心文件。');
    return;
  }
  const stamp = new Date().toLocaleString('sv-SE').replace(/[-: ]/g, '').slice(0, 12); // YYYYMMDDHHmm local
  const options = {
    title: '立即备份',
    buttonLabel: '备份',
    defaultPath: path.join(app.getPath('documents'), `居财账簿备份-${stamp}.db`),
    filters: [{ name: '居财账簿中心文件', extensions: ['db'] }],
  };
  const chosen = await (mainWindow
    ? dialog.showSaveDialog(mainWindow, options)
    : dialog.showSaveDialog(options));
  if (chosen.canceled || !chosen.filePath) return;
  const reply = await core.request({ kind: 'backup', dest: chosen.filePath });
  if (!reply.ok) return showCoreError('备份失败', reply);
  const result = reply.result as BackupResult;
  const done = {
    type: 'info' as const,
    title: '备份完成',
    message: '备份完成',
    detail: `已把中心文件完整复制到：\n${result.file}\n（${(result.bytes / 1024 / 1024).toFixed(1)} MB）`,
    buttons: ['确定'],
  };
  await (mainWindow ? dialog.showMessageBox(mainWindow, done) : dialog.showMessageBox(done));
}

async function showAbout(): Promise<void> {
  const about = {
    type: 'info' as const,
    title: '关于居财账簿',
    message: `居财账簿 ${app.getVersion()}`,
    detail:
      '街（镇）管代理中心社区账务软件\n' +
      `中心文件：${core.file ?? '（未打开）'}\n` +
      `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
    buttons: ['确定'],
  };
  await (mainWindow ? dialog.showMessageBox(mainWindow, about) : dialog.showMessageBox(about));
}

function buildMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '打开其他中心文件…', accelerator: 'CmdOrCtrl+O', click: () => void openOtherCentre() },
        { label: '立即备份…', accelerator: 'CmdOrCtrl+Shift+B', click: () => void backupNow() },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新载入', role: 'reload' },
        { type: 'separator' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ label: '开发者工具', role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: '帮助',
      submenu: [{ label: '关于居财账簿', click: () => void showAbout() }],
    },
  ];
  if (process.platform === 'darwin') template.unshift({ label: '居财账簿', role: 'appMenu' });
  return Menu.buildFromTemplate(template);
}

function updateTitle(): void {
  mainWindow?.setTitle(core.file ? `居财账簿 — ${path.basename(core.file)}` : '居财账簿');
}

async function startUp(): Promise<void> {
  lockDownSession();
  registerIpc();
  registerDesktopIpc();
  Menu.setApplicationMenu(buildMenu());

  const saved = readSettings().centreFile;
  const file = saved && fs.existsSync(saved) ? saved : defaultCentreFile();
  const opened = await core.open(file);

  mainWindow = createWindow();
  mainWindow.on('page-title-updated', (event) => event.preventDefault());
  updateTitle();
  if (!opened.ok) await showCoreError('无法打开中心文件', opened);
  else if ((opened.result as OpenResult).backupPath) {
    await dialog.showMessageBox(mainWindow, {
      type: 'info',
      title: '中心文件已升级',
      message: '中心文件已升级到本版本的格式',
      detail: `升级前的副本保存在：\n${(opened.result as OpenResult).backupPath}`,
      buttons: ['确定'],
    });
  }
}

if (!app.requestSingleInstanceLock()) {
  // One app per user: a second instance would open the same centre file beside the first.
  app.quit();
} else {
  lockDownWebContents();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  let coreStopped = false;
  app.on('will-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault();
    void core.stop().finally(() => {
      coreStopped = true;
      app.quit();
    });
  });

  app
    .whenReady()
    .then(startUp)
    .catch((error: unknown) => {
      dialog.showErrorBox('居财账簿无法启动', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
