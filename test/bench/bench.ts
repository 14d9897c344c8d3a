/**
 * `npm run bench [-- flags]`: loads a generated centre (default 100 communities × 5 years × 3,000 vouchers,
 * ≈ 6 million lines) and measures the figures the core promises. See test/bench/README.md.
 *
 * Built by tsconfig.build.json into dist/test/bench/bench.js; it imports the core by relative path and
 * never imports vitest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { callApi } from '../../src/api/call.js';
import { readVoucherFile } from '../../src/io/import-files.js';
import { findBook } from '../../src/ledger/books.js';
import { Centre } from '../../src/ledger/centre.js';
import { findOperator } from '../../src/ledger/operators.js';
import { importVouchers } from '../../src/ledger/voucher-batch.js';
import { fenToYuan } from '../../src/money/money.js';
import {
  communityProfile,
  generateYear,
  openingBalances,
  Rng,
  seedOf,
  vouchersToCsv,
  type CommunityProfile,
} from './generate.js';

// ------------------------------------------------------------------------------------------------------
// Flags

interface Options {
  communities: number;
  years: number;
  vouchers: number;
  startYear: number;
  seed: number;
  saves: number;
  db: string | undefined;
  keep: boolean;
  out: string | undefined;
  size: 'full' | 'small' | 'custom';
}

const usage = `usage: npm run bench -- [--small] [--communities N] [--years N] [--vouchers N]
                        [--start-year YYYY] [--seed N] [--saves N] [--db PATH] [--keep] [--out PATH]`;

function parseArgs(argv: string[]): Options {
  const options: Options = {
    communities: 100,
    years: 5,
    vouchers: 3000,
    startYear: 2021,
    seed: 20250630,
    saves: 2000,
    db: undefined,
    keep: false,
    out: undefined,
    size: 'full',
  };
  let custom = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${usage}`);
      return v;
    };
    const count = () => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} needs a positive integer\n${usage}`);
      return v;
    };
    switch (flag) {
      case '--small':
        options.communities = 5;
        options.years = 2;
        options.size = 'small';
        break;
      case '--communities':
        options.communities = count();
        custom = true;
        break;
      case '--years':
        options.years = count();
        custom = true;
        break;
      case '--vouchers':
        options.vouchers = count();
        custom = true;
        break;
      case '--start-year':
        options.startYear = count();
        break;
      case '--seed':
        options.seed = count();
        break;
      case '--saves':
        options.saves = count();
        break;
      case '--db':
        options.db = value();
        break;
      case '--keep':
        options.keep = true;
        break;
      case '--out':
        options.out = value();
        break;
      case '--help':
      case '-h':
        console.log(usage);
        process.exit(0);
      default:
        throw new Error(`unknown flag ${flag}\n${usage}`);
    }
  }
  if (custom) options.size = 'custom';
  return options;
}

// ------------------------------------------------------------------------------------------------------
// Measuring helpers

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const rssSamples: number[] = [];
function sampleMemory(): number {
  const rss = process.memoryUsage().rss;
  rssSamples.push(rss);
  return rss;
}

/** VmHWM (peak resident set size) from /proc, in bytes; undefined off Linux. */
function vmHwm(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeAsync<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(3) : n < 100 ? n.toFixed(2) : n.toFixed(1));

const isTty = process.stderr.isTTY;
function progress(text: string, done = false): void {
  if (isTty) process.stderr.write(`\r\x1b[K${text}${done ? '\n' : ''}`);
  else process.stderr.write(`${text}\n`);
}

// ------------------------------------------------------------------------------------------------------

/** Removes the temp folder (and the database in it unless --keep) when a run fails half-way. */
let cleanUpAfterFailure: (() => void) | undefined;

const SUPERVISOR = '周主管';
const ACCOUNTANT = '王会计';
const REVIEWER = '李审核';

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const tempFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'jucai-bench-'));
  cleanUpAfterFailure = () => {
    if (options.db || !options.keep) fs.rmSync(tempFolder, { recursive: true, force: true });
  };
  const dbFile = path.resolve(options.db ?? path.join(tempFolder, 'centre.db'));
  if (fs.existsSync(dbFile) && fs.statSync(dbFile).size > 0)
    throw new Error(`--db ${dbFile} already exists; the bench needs a new file`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outFile = path.resolve(options.out ?? path.join('test-artifacts', `bench-${stamp}.json`));
  const { communities: N, years: Y, vouchers: V, startYear } = options;
  const lastYear = startYear + Y - 1;

  console.log(
    `居财账簿 bench: ${N} communities × ${Y} years (${startYear}–${lastYear}) × ${int(V)} vouchers, seed ${options.seed}`,
  );
  console.log(`database ${dbFile}`);
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${mb(os.totalmem())}, node ${process.version}, ${os.platform()}`,
  );
  sampleMemory();
  const loadAverageStart = os.loadavg();

  // ---- Setup through the API: operators, communities, books on the default chart, opening balances.
  const centre = new Centre(dbFile);
  const sqliteVersion = (centre.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const setupStart = performance.now();
  await callApi(centre, 'operator.add', { name: SUPERVISOR, role: 'supervisor' });
  await callApi(centre, 'operator.add', { name: ACCOUNTANT, role: 'accountant' }, { operator: SUPERVISOR });
  await callApi(centre, 'operator.add', { name: REVIEWER, role: 'reviewer' }, { operator: SUPERVISOR });
  const accountantApi = { operator: ACCOUNTANT };

  const createCommunity = async (profile: CommunityProfile) => {
    await callApi(
      centre,
      'community.add',
      {
        name: profile.name,
        code: profile.code,
        kind: profile.kind,
        district: profile.district,
        subdistrict: profile.subdistrict,
        bankAccounts: [
          { bankName: '温州银行鹿城支行', accountNumber: `7012000${String(profile.index).padStart(6, '0')}` },
        ],
      },
      accountantApi,
    );
    await callApi(
      centre,
      'book.create',
      { community: profile.name, startPeriod: `${startYear}-01` },
      accountantApi,
    );
    const opening = openingBalances(options.seed, profile);
    await callApi(centre, 'opening.set', { book: profile.name, balances: opening.rows }, accountantApi);
    return { profile, book: findBook(centre, profile.code), bank: opening.bank, cash: opening.cash };
  };

  const books = [];
  for (let c = 1; c <= N; c++) books.push(await createCommunity(communityProfile(options.seed, c)));
  const setupMs = performance.now() - setupStart;
  console.log(`setup: ${N} communities with books and opening balances in ${ms(setupMs)} ms`);

  // ---- Bulk load: one transaction per community-year through importVouchers, as posted history.
  const actor = { centre, operator: findOperator(centre, ACCOUNTANT) };
  const reviewer = findOperator(centre, REVIEWER);
  let generateMs = 0;
  let writeMs = 0;
  let loadedLines = 0;
  let loadedVouchers = 0;
  let slowestWrite = { ms: 0, community: '', year: 0 };
  const perCommunity: Array<{
    community: string;
    lines: number;
    writeMs: number;
    writeLinesPerSecond: number;
  }> = [];
  const loadStart = performance.now();
  const loadCpu = process.cpuUsage();
  let expectedDebit = 0; // of the first book's last year, to check the trial balance against
  for (const [i, entry] of books.entries()) {
    const before = { lines: loadedLines, writeMs };
    for (let year = startYear; year <= lastYear; year++) {
      const t0 = performance.now();
      const generated = generateYear({
        seed: options.seed,
        profile: entry.profile,
        year,
        vouchers: V,
        bank: entry.bank,
        cash: entry.cash,
      });
      const t1 = performance.now();
      const result = centre.db.transaction(() =>
        importVouchers(
          actor,
          entry.book,
          { source: `${entry.profile.code}-${year}.csv`, vouchers: generated.vouchers },
          { reviewer },
        ),
      )();
      const t2 = performance.now();
      if (result.lines !== generated.lines)
        throw new Error(`imported ${result.lines} lines, expected ${generated.lines}`);
      entry.bank = generated.bank;
      entry.cash = generated.cash;
      generateMs += t1 - t0;
      if (i === 0 && year === lastYear)
        for (const v of generated.vouchers) for (const l of v.lines) expectedDebit += l.debit;
      writeMs += t2 - t1;
      if (t2 - t1 > slowestWrite.ms) slowestWrite = { ms: t2 - t1, community: entry.profile.name, year };
      loadedLines += generated.lines;
      loadedVouchers += generated.vouchers.length;
      sampleMemory();
    }
    perCommunity.push({
      community: entry.profile.name,
      lines: loadedLines - before.lines,
      writeMs: Number((writeMs - before.writeMs).toFixed(1)),
      writeLinesPerSecond: Math.round((loadedLines - before.lines) / ((writeMs - before.writeMs) / 1000)),
    });
    const elapsed = (performance.now() - loadStart) / 1000;
    progress(
      `load: community ${i + 1}/${N} ${entry.profile.name}  ${int(loadedLines)} lines  ` +
        `${int(loadedLines / elapsed)} lines/s  rss ${mb(process.memoryUsage().rss)}`,
      i + 1 === N,
    );
  }
  const loadMs = performance.now() - loadStart;
  const loadCpuUsage = process.cpuUsage(loadCpu);
  const loadCpuMs = (loadCpuUsage.user + loadCpuUsage.system) / 1000;
  const loadLinesPerSecond = loadedLines / (loadMs / 1000);
  const writeLinesPerSecond = loadedLines / (writeMs / 1000);
  console.log(
    `load: ${int(loadedVouchers)} vouchers, ${int(loadedLines)} lines (${(loadedLines / loadedVouchers).toFixed(2)} per voucher) ` +
      `in ${(loadMs / 1000).toFixed(1)} s — generating ${(generateMs / 1000).toFixed(1)} s, writing ${(writeMs / 1000).toFixed(1)} s; ` +
      `CPU time ${(loadCpuMs / 1000).toFixed(1)} s (${int(loadedLines / (loadCpuMs / 1000))} lines per CPU-second)`,
  );
  gc();
  sampleMemory();

  // ---- CSV: one community-year file through the real voucher.import API (parse + check + write).
  const csvProfile = communityProfile(options.seed, N + 1);
  const csvEntry = await createCommunity(csvProfile);
  const csvYear = generateYear({
    seed: options.seed,
    profile: csvProfile,
    year: startYear,
    vouchers: V,
    bank: csvEntry.bank,
    cash: csvEntry.cash,
  });
  const csvFile = path.join(tempFolder, `${csvProfile.code}-${startYear}.csv`);
  fs.writeFileSync(csvFile, vouchersToCsv(csvYear.vouchers));
  const csvBytes = fs.statSync(csvFile).size;
  gc();
  const parseOnly = await timeAsync(() => readVoucherFile(csvFile));
  if (parseOnly.value.lines !== csvYear.lines) throw new Error('CSV parse returned a different line count');
  gc();
  const csvImport = await timeAsync(() =>
    callApi(
      centre,
      'voucher.import',
      { book: csvProfile.name, file: csvFile, reviewer: REVIEWER },
      accountantApi,
    ),
  );
  if (csvImport.value.lines !== csvYear.lines) throw new Error('CSV import wrote a different line count');
  const csvLinesPerSecond = csvYear.lines / (csvImport.ms / 1000);
  console.log(
    `csv: ${int(csvYear.lines)} lines (${mb(csvBytes)}) parsed in ${ms(parseOnly.ms)} ms, ` +
      `voucher.import (parse + check + write) in ${ms(csvImport.ms)} ms`,
  );
  sampleMemory();

  // ---- Bulk import as drafts, what `jucai import vouchers` does by default: five community-years of
  // a new community written into the loaded centre, one transaction each (check + write).
  const draftProfile = communityProfile(options.seed, N + 2);
  const draftEntry = await createCommunity(draftProfile);
  let draftLines = 0;
  let draftMs = 0;
  for (let year = startYear; year <= lastYear; year++) {
    const generated = generateYear({
      seed: options.seed,
      profile: draftProfile,
      year,
      vouchers: V,
      bank: draftEntry.bank,
      cash: draftEntry.cash,
    });
    const t0 = performance.now();
    const result = centre.db.transaction(() =>
      importVouchers(actor, draftEntry.book, {
        source: `${draftProfile.code}-${year}.csv`,
        vouchers: generated.vouchers,
      }),
    )();
    draftMs += performance.now() - t0;
    if (result.lines !== generated.lines) throw new Error('draft import wrote a different line count');
    draftLines += generated.lines;
    draftEntry.bank = generated.bank;
    draftEntry.cash = generated.cash;
  }
  const draftLinesPerSecond = draftLines / (draftMs / 1000);
  console.log(
    `draft import: ${int(draftLines)} lines in ${ms(draftMs)} ms (${int(draftLinesPerSecond)} lines/s)`,
  );
  sampleMemory();

  // ---- Saving one voucher through the API: a fresh open month of the first book, as the accountant.
  const saveBook = books[0]!.profile.name;
  const savePeriod = `${lastYear + 1}-01`;
  const rng = new Rng(seedOf(options.seed, 0x5a7e));
  const expenseAccounts = ['520101', '520102', '520103', '520105', '510102', '510104', '510105'];
  const saveTimes: number[] = [];
  let savedLines = 0;
  gc();
  for (let i = 0; i < options.saves; i++) {
    const size = rng.int(2, 4);
    const debits = Array.from({ length: size - 1 }, () => rng.fen(20, 3000));
    const total = debits.reduce((a, b) => a + b, 0);
    const input = {
      book: saveBook,
      date: `${savePeriod}-${String(rng.int(1, 31)).padStart(2, '0')}`,
      attachments: rng.int(1, 4),
      lines: [
        ...debits.map((amount, k) => ({
          account: rng.pick(expenseAccounts),
          summary: k === 0 ? `支付1月份零星费用（第${i + 1}笔）` : '',
          debit: fenToYuan(amount),
        })),
        { account: '100201', credit: fenToYuan(total) },
      ],
    };
    const start = performance.now();
    await callApi(centre, 'voucher.save', input, accountantApi);
    saveTimes.push(performance.now() - start);
    savedLines += size;
  }
  const saveSorted = [...saveTimes].sort((a, b) => a - b);
  const save = {
    count: saveTimes.length,
    p50: percentile(saveSorted, 0.5),
    p99: percentile(saveSorted, 0.99),
    max: saveSorted.at(-1)!,
    mean: saveTimes.reduce((a, b) => a + b, 0) / saveTimes.length,
    slowest: saveTimes
      .map((t, i) => ({ call: i + 1, ms: Number(t.toFixed(3)) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10),
  };
  console.log(`save: ${save.count} voucher.save calls into ${saveBook} ${savePeriod}`);
  sampleMemory();

  // ---- Reports of the last loaded year.
  const from = `${lastYear}-01`;
  const to = `${lastYear}-12`;
  gc();
  const tbRuns: number[] = [];
  let tbBalanced = true;
  let tbRows = 0;
  let tbTotalDebit = '';
  for (let i = 0; i < 20; i++) {
    const run = await timeAsync(() => callApi(centre, 'report.trialBalance', { book: saveBook, from, to }));
    tbRuns.push(run.ms);
    tbBalanced &&= run.value.balanced;
    tbRows = run.value.rows.length;
    tbTotalDebit = run.value.total.debit;
  }
  // The report must show exactly the debits the generator wrote for that community-year.
  const tbMatches = tbTotalDebit === fenToYuan(expectedDebit);
  if (!tbMatches)
    throw new Error(
      `trial balance debit ${tbTotalDebit} ≠ generated ${fenToYuan(expectedDebit)} (${saveBook} ${lastYear})`,
    );
  gc();
  const allRuns: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    let sum = 0;
    for (const entry of books) {
      const run = await timeAsync(() =>
        callApi(centre, 'report.trialBalance', { book: entry.profile.name, from, to }),
      );
      sum += run.ms;
      tbBalanced &&= run.value.balanced;
    }
    allRuns.push(sum);
  }
  gc();
  const ledgerRuns: number[] = [];
  let ledgerRows = 0;
  for (let i = 0; i < 20; i++) {
    const run = await timeAsync(() =>
      callApi(centre, 'report.accountLedger', { book: saveBook, account: '100201', from, to }),
    );
    ledgerRuns.push(run.ms);
    ledgerRows = run.value.rows.length;
  }
  console.log(
    `reports: trial balance ${saveBook} ${lastYear} (${tbRows} rows, balanced: ${tbBalanced}, ` +
      `year's debits ${tbTotalDebit} = generated), ` +
      `account ledger 100201 ${lastYear} (${int(ledgerRows)} rows)`,
  );
  // ---- 居务公开: one book's quarter (the cash view over its lines) and the centre's due list.
  gc();
  const quarter = `${lastYear}-Q4`;
  const sheetRuns: number[] = [];
  let sheetEntries = 0;
  let sheetBalanced = true;
  for (let i = 0; i < 10; i++) {
    const run = await timeAsync(() =>
      callApi(centre, 'disclosure.sheets', { book: saveBook, period: quarter }),
    );
    sheetRuns.push(run.ms);
    sheetBalanced &&= run.value.check.balanced;
    sheetEntries = run.value.sheets[1]!.rows.length;
  }
  if (!sheetBalanced)
    throw new Error(`disclosure sheets of ${saveBook} ${quarter} do not agree with the books`);
  const dueRuns: number[] = [];
  let dueCount = 0;
  for (let i = 0; i < 3; i++) {
    const run = await timeAsync(() => callApi(centre, 'disclosure.due', { asOf: `${lastYear + 1}-01-25` }));
    dueRuns.push(run.ms);
    dueCount = run.value.length;
  }
  console.log(
    `disclosure: sheets ${saveBook} ${quarter} (${int(sheetEntries)} rows on sheet B, agree with the books), ` +
      `due list for the centre (${dueCount} sheets)`,
  );
  sampleMemory();

  // ---- Size on disk.
  centre.db.pragma('wal_checkpoint(TRUNCATE)');
  const fileBytes = fs.statSync(dbFile).size;
  const count = (sql: string) => (centre.db.prepare(sql).get() as { n: number }).n;
  const totalLines = count('SELECT count(*) AS n FROM line');
  const totalVouchers = count('SELECT count(*) AS n FROM voucher');
  const pageSize = centre.db.pragma('page_size', { simple: true }) as number;
  const freePages = centre.db.pragma('freelist_count', { simple: true }) as number;
  let dbstat: Array<{ name: string; bytes: number; perLine: number; share: number }> = [];
  try {
    const rows = centre.db
      .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
      .all() as Array<{ name: string; bytes: number }>;
    dbstat = rows.map((r) => ({
      name: r.name,
      bytes: r.bytes,
      perLine: Number((r.bytes / totalLines).toFixed(1)),
      share: Number(((100 * r.bytes) / fileBytes).toFixed(1)),
    }));
  } catch (error) {
    console.log(`dbstat unavailable: ${(error as Error).message}`);
  }
  const bytesPerLine = fileBytes / totalLines;
  sampleMemory();
  centre.close();

  // ---- Results.
  const peakSampled = Math.max(...rssSamples);
  const hwm = vmHwm();
  const peak = hwm ?? peakSampled;
  type Check = { figure: string; measured: number; unit: string; target?: string; pass?: boolean };
  const checks: Check[] = [
    {
      figure: 'save one voucher (API) p50',
      measured: save.p50,
      unit: 'ms',
      target: '< 1 ms',
      pass: save.p50 < 1,
    },
    {
      figure: 'save one voucher (API) p99',
      measured: save.p99,
      unit: 'ms',
      target: '< 10 ms',
      pass: save.p99 < 10,
    },
    { figure: 'save one voucher (API) max', measured: save.max, unit: 'ms' },
    {
      figure: 'bulk import (drafts, the default import)',
      measured: draftLinesPerSecond,
      unit: 'lines/s',
      target: '≥ 150,000',
      pass: draftLinesPerSecond >= 150_000,
    },
    // Closed history imported as posted: each voucher is posted through the database's per-voucher
    // checks (balance, period, monthly totals), which costs about a third more per line.
    { figure: 'bulk import as posted history, whole load', measured: loadLinesPerSecond, unit: 'lines/s' },
    { figure: 'bulk import as posted history, writing only', measured: writeLinesPerSecond, unit: 'lines/s' },
    { figure: 'CSV voucher.import (1 community-year)', measured: csvLinesPerSecond, unit: 'lines/s' },
    {
      figure: 'trial balance, 1 community-year (median)',
      measured: median(tbRuns),
      unit: 'ms',
      target: '< 5 ms',
      pass: median(tbRuns) < 5,
    },
    {
      figure: `trial balance, all ${N} communities (median)`,
      measured: median(allRuns),
      unit: 'ms',
      target: '< 100 ms',
      pass: median(allRuns) < 100,
    },
    {
      figure: 'account ledger 100201, 1 year (median)',
      measured: median(ledgerRuns),
      unit: 'ms',
      target: '< 10 ms',
      pass: median(ledgerRuns) < 10,
    },
    {
      figure: 'disclosure sheets A/B/C, 1 community-quarter (median)',
      measured: median(sheetRuns),
      unit: 'ms',
    },
    { figure: `disclosure due list, all ${N} communities (median)`, measured: median(dueRuns), unit: 'ms' },
    {
      figure: 'database bytes per line',
      measured: bytesPerLine,
      unit: 'B',
      target: '≤ 150 B',
      pass: bytesPerLine <= 150,
    },
    { figure: 'peak memory (VmHWM)', measured: peak / 1024 / 1024, unit: 'MB' },
  ];

  const show = (c: Check) =>
    c.unit === 'lines/s' ? int(c.measured) : c.unit === 'ms' ? ms(c.measured) : c.measured.toFixed(1);
  const table = checks.map((c) => [
    c.figure,
    `${show(c)} ${c.unit}`,
    c.target ?? '—',
    c.pass === undefined ? '' : c.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = [0, 1, 2, 3].map((k) =>
    Math.max(...[['figure', 'measured', 'target', 'result'], ...table].map((r) => r[k]!.length)),
  );
  const line = (r: string[]) =>
    r.map((cell, k) => (k === 1 ? cell.padStart(widths[k]!) : cell.padEnd(widths[k]!))).join('  ');
  console.log('');
  console.log(line(['figure', 'measured', 'target', 'result']));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table) console.log(line(r));
  console.log('');
  console.log(
    `load: ${int(loadedLines)} lines; generating ${(generateMs / 1000).toFixed(1)} s (${((100 * generateMs) / loadMs).toFixed(0)} %), ` +
      `writing ${(writeMs / 1000).toFixed(1)} s; slowest community-year write ${ms(slowestWrite.ms)} ms (${slowestWrite.community} ${slowestWrite.year})`,
  );
  console.log(
    `save: p50 ${ms(save.p50)} ms, p99 ${ms(save.p99)} ms, max ${ms(save.max)} ms, mean ${ms(save.mean)} ms over ${save.count} calls`,
  );
  console.log(
    `trial balance 1 community: runs min ${ms(Math.min(...tbRuns))} / median ${ms(median(tbRuns))} / max ${ms(Math.max(...tbRuns))} ms; ` +
      `all ${N}: passes ${allRuns.map(ms).join(', ')} ms`,
  );
  console.log(
    `account ledger: runs min ${ms(Math.min(...ledgerRuns))} / median ${ms(median(ledgerRuns))} / max ${ms(Math.max(...ledgerRuns))} ms, ${ledgerRows} rows`,
  );
  console.log(
    `database: ${mb(fileBytes)} for ${int(totalLines)} lines and ${int(totalVouchers)} vouchers after checkpoint; page ${pageSize} B, ${freePages} free pages`,
  );
  if (dbstat.length > 0) {
    console.log('dbstat (largest tables and indexes):');
    for (const r of dbstat.slice(0, 10))
      console.log(
        `  ${r.name.padEnd(36)} ${mb(r.bytes).padStart(8)}  ${r.perLine.toFixed(1).padStart(6)} B/line  ${r.share.toFixed(1).padStart(5)} %`,
      );
  }
  const loadAverageEnd = os.loadavg();
  const busy = Math.max(loadAverageStart[0]!, loadAverageEnd[0]!, loadAverageEnd[1]!) > os.cpus().length;
  console.log(
    `machine load average (1/5/15 min): start ${loadAverageStart.map((x) => x.toFixed(2)).join(' ')}, ` +
      `end ${loadAverageEnd.map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs` +
      (busy
        ? ' — above the CPU count: other processes competed for the CPUs, wall-clock figures are pessimistic'
        : ''),
  );
  console.log(`memory: peak rss sampled ${mb(peakSampled)}, VmHWM ${hwm === undefined ? 'n/a' : mb(hwm)}`);

  const results = {
    when: new Date().toISOString(),
    config: { ...options, db: dbFile },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryBytes: os.totalmem(),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      sqlite: sqliteVersion,
      loadAverageStart,
      loadAverageEnd,
      busy,
    },
    setup: { communities: N, ms: setupMs },
    load: {
      vouchers: loadedVouchers,
      lines: loadedLines,
      linesPerVoucher: loadedLines / loadedVouchers,
      totalMs: loadMs,
      cpuMs: loadCpuMs,
      linesPerCpuSecond: loadedLines / (loadCpuMs / 1000),
      generateMs,
      writeMs,
      linesPerSecond: loadLinesPerSecond,
      writeLinesPerSecond,
      slowestCommunityYearWrite: slowestWrite,
      perCommunity,
    },
    draftImport: { lines: draftLines, ms: draftMs, linesPerSecond: draftLinesPerSecond },
    csvImport: {
      lines: csvYear.lines,
      vouchers: csvYear.vouchers.length,
      fileBytes: csvBytes,
      parseOnlyMs: parseOnly.ms,
      importMs: csvImport.ms,
      linesPerSecond: csvLinesPerSecond,
    },
    save: { ...save, book: saveBook, period: savePeriod, lines: savedLines },
    trialBalance: {
      year: lastYear,
      book: saveBook,
      rows: tbRows,
      balanced: tbBalanced,
      totalDebit: tbTotalDebit,
      matchesGenerated: tbMatches,
      oneCommunityRunsMs: tbRuns,
      oneCommunityMedianMs: median(tbRuns),
      allCommunitiesPassesMs: allRuns,
      allCommunitiesMedianMs: median(allRuns),
    },
    accountLedger: {
      year: lastYear,
      book: saveBook,
      account: '100201',
      rows: ledgerRows,
      runsMs: ledgerRuns,
      medianMs: median(ledgerRuns),
    },
    database: {
      fileBytes,
      lines: totalLines,
      vouchers: totalVouchers,
      bytesPerLine,
      pageSize,
      freePages,
      dbstat,
    },
    memory: { peakRssSampledBytes: peakSampled, vmHwmBytes: hwm ?? null, samples: rssSamples.length },
    checks: checks.map((c) => ({ ...c, measured: Number(c.measured.toFixed(4)) })),
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results written to ${outFile}`);

  fs.rmSync(csvFile, { force: true });
  if (!options.db && !options.keep) fs.rmSync(tempFolder, { recursive: true, force: true });
  else console.log(`database kept at ${dbFile}`);
  if (options.db && tempFolder) fs.rmSync(tempFolder, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  cleanUpAfterFailure?.();
  process.exit(1);
});
