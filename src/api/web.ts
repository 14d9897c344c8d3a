import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultCentreFile } from '../cli/paths.js';
import { LedgerError } from '../errors.js';
import { ApiError, createClient, httpTransport, preloadTransport } from './client.js';

/**
 * `npm run web`: the browser mode. Opens the centre file, serves the API and a page on 127.0.0.1, and
 * runs until Ctrl+C. The page is a stub until the desktop UI lands; it already talks to the core through
 * the typed client, so the whole path page → client → bridge → callApi is exercised by the tests.
 *
 * The Electron shell shows the same page until the real renderer exists, so importing this module must
 * stay cheap and must not load the core: the core is imported inside main() only.
 */

/**
 * The client's own compiled code, inlined into the page: the browser runs exactly what `client.ts`
 * compiles to, with no bundler and no second copy to keep in step. Works because client.ts imports
 * nothing at run time.
 */
function clientScript(): string {
  return [ApiError, createClient, httpTransport, preloadTransport].map((part) => part.toString()).join('\n');
}

const pageScript = `
const token = document.querySelector('meta[name="jucai-token"]')?.getAttribute('content') ?? '';
const desktop = preloadTransport();
const client = createClient(desktop ?? httpTransport(location.origin, token));
if (desktop) document.getElementById('mode').textContent = '桌面版预览 · 街（镇）管代理中心账务';

const show = (id, text) => { document.getElementById(id).textContent = String(text); };
const cell = (row, text) => { const td = document.createElement('td'); td.textContent = text; row.append(td); };
const kinds = { urban: '市区', town: '县城/建制镇', rural: '农村新社区', remote: '山区/海岛' };

async function load() {
  const [info, books, charts] = await Promise.all([
    client.call('centre.info', {}),
    client.call('book.list', {}),
    client.call('chart.templates', {}),
  ]);
  show('file', info.file);
  show('schema', '第 ' + info.schemaVersion + ' 版');
  show('operators', info.operators + ' 人');
  show('book-count', info.books + ' 套');
  const chartNames = new Map(charts.map((c) => [c.id, c.name]));
  const body = document.querySelector('#books tbody');
  body.replaceChildren();
  for (const book of books) {
    const row = document.createElement('tr');
    row.dataset.book = book.community;
    cell(row, book.community);
    cell(row, book.communityCode);
    cell(row, kinds[book.communityKind] ?? book.communityKind);
    cell(row, book.startPeriod.replace(/^(\\d{4})-(\\d{2})$/, '$1 年 $2 月'));
    cell(row, chartNames.get(book.chart) ?? book.chart);
    body.append(row);
  }
  if (!books.length) {
    const row = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 5;
    td.className = 'empty';
    td.textContent = '还没有建立账套。可以用命令行 jucai book create 建账。';
    row.append(td);
    body.append(row);
  }
  document.body.dataset.state = 'ready';
}

load().catch((error) => {
  const box = document.getElementById('error');
  box.textContent = (error instanceof ApiError ? '' : '页面出错：') + (error.message || String(error));
  box.hidden = false;
  document.body.dataset.state = 'error';
});
`;

/**
 * The stub page. In the browser the bridge adds the access token as a meta tag when it serves it; the
 * Electron shell, which loads it without a server, passes its policy as `metaCsp`.
 */
export function stubPage(options: { metaCsp?: string } = {}): string {
  const csp = options.metaCsp
    ? `\n<meta http-equiv="Content-Security-Policy" content="${options.metaCsp.replace(/"/g, '&quot;')}">`
    : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">${csp}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>居财账簿</title>
<link rel="icon" href="data:,">
<style>
  :root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #d9dee4; --accent: #b42318; --paper: #f6f4ef; }
  * { box-sizing: border-box; }
  body { margin: 0; background: var(--paper); color: var(--ink);
    font: 15px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
  header { background: #fff; border-bottom: 3px solid var(--accent); padding: 18px 32px; display: flex; align-items: baseline; gap: 16px; }
  header h1 { margin: 0; font-size: 24px; letter-spacing: 0.12em; }
  header span { color: var(--muted); }
  main { max-width: 960px; margin: 24px auto; padding: 0 24px; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px 24px 20px; margin-bottom: 20px; }
  h2 { font-size: 17px; margin: 0 0 12px; }
  dl { display: grid; grid-template-columns: 7em 1fr; gap: 6px 16px; margin: 0; }
  dt { color: var(--muted); }
  dd { margin: 0; word-break: break-all; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); }
  th { background: #faf8f4; font-weight: 600; color: var(--muted); }
  td.empty { color: var(--muted); text-align: center; padding: 20px; }
  .note { color: var(--muted); border-left: 3px solid var(--line); padding-left: 12px; }
  #error { color: var(--accent); background: #fef3f2; border: 1px solid #fecdca; border-radius: 6px; padding: 10px 14px; }
  footer { text-align: center; color: var(--muted); font-size: 13px; margin: 32px 0; }
</style>
</head>
<body data-state="loading">
<header><h1>居财账簿</h1><span id="mode">浏览器模式 · 街（镇）管代理中心账务</span></header>
<main>
  <p id="error" role="alert" hidden></p>
  <section aria-labelledby="centre-title">
    <h2 id="centre-title">中心文件</h2>
    <dl>
      <dt>文件位置</dt><dd id="file">读取中…</dd>
      <dt>数据库版本</dt><dd id="schema">—</dd>
      <dt>操作员</dt><dd id="operators">—</dd>
      <dt>账套</dt><dd id="book-count">—</dd>
    </dl>
  </section>
  <section aria-labelledby="books-title">
    <h2 id="books-title">账套列表</h2>
    <table id="books">
      <thead><tr><th>社区</th><th>编号</th><th>类型</th><th>启用期间</th><th>会计制度</th></tr></thead>
      <tbody><tr><td colspan="5" class="empty">读取中…</td></tr></tbody>
    </table>
  </section>
  <p class="note">这是预览页面，只显示中心文件和账套概况。完整的桌面界面（凭证录入、审核记账、账簿报表）将在后续版本提供；在此之前请使用命令行 <code>jucai</code>。</p>
</main>
<footer>数据只保存在本机的中心文件中；本页面只能从本机访问。</footer>
<script type="module">
${clientScript()}
${pageScript}
</script>
</body>
</html>
`;
}

interface WebOptions {
  db: string | undefined;
  port: number;
}

/** A mistake on the command line: shown with the usage line, without a stack trace. */
class UsageError extends Error {}

const usage = '用法：npm run web -- [--db 中心文件路径] [--port 端口号]';

function readOptions(argv: string[]): WebOptions {
  let values: { db?: string | undefined; port?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, port: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`参数有误：${error instanceof Error ? error.message : String(error)}`);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`端口号无效：${values.port}`);
  return { db: values.db, port };
}

function explain(error: unknown): unknown {
  if (error instanceof LedgerError) return `错误：${error.message}`;
  if (error instanceof UsageError) return `${error.message}\n${usage}`;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return '错误：端口已被占用，请换一个 --port，或不指定端口（自动选择空闲端口）';
  return error;
}

/** The built renderer (dist/renderer, made by `npm run build`), or undefined before it is built. */
export function rendererFolder(): string | undefined {
  const folder = fileURLToPath(new URL('../../renderer/', import.meta.url));
  return fs.existsSync(path.join(folder, 'index.html')) ? folder : undefined;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const chosen = options.db?.trim() || process.env['JUCAI_DB']?.trim();
  const file = chosen ? path.resolve(chosen) : defaultCentreFile();

  const { Centre } = await import('../ledger/centre.js');
  const { startBridge } = await import('./http-bridge.js');
  const centre = new Centre(file);
  if (centre.backupPath) console.log(`中心文件已升级，升级前的副本保存在：${centre.backupPath}`);
  const renderer = rendererFolder();
  const bridge = await startBridge({
    centre,
    port: options.port,
    ...(renderer ? { staticDir: renderer } : { staticPage: stubPage() }),
  });
  console.log(`居财账簿 浏览器模式：${bridge.url}`);
  console.log(`中心文件：${file}`);
  console.log('按 Ctrl+C 退出。');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    bridge
      .close()
      .then(() => centre.close())
      .then(
        () => {
          console.log(signal === 'SIGINT' ? '\n已退出。' : '已退出。');
          process.exit(0);
        },
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function isEntry(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return fs.realpathSync(entry) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  main().catch((error: unknown) => {
    console.error(explain(error));
    process.exit(1);
  });
}
