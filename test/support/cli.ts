import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder: bin/jucai.js and dist/ are found from here. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const compiledMain = path.join(projectRoot, 'dist', 'src', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

/**
 * Compiles src/ into dist/ (what `npm run build` does) when dist/ is missing or older than a source
 * file, so the tests run the real `jucai` command. Like the packaging test, it relies on tsc emitting
 * even when someone else's file has a type error (`npm run check` reports those); only a missing
 * output fails here.
 */
export function buildCli(): void {
  const built = fs.existsSync(compiledMain) ? fs.statSync(compiledMain).mtimeMs : 0;
  if (built > newestSource(path.join(projectRoot, 'src'))) return;
  const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  if (!fs.existsSync(compiledMain) || fs.statSync(compiledMain).mtimeMs <= built)
    throw new Error(
      `tsc -p tsconfig.build.json did not produce ${compiledMain}:\n${run.stdout}${run.stderr}`,
    );
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Passed as --db; leave out to test JUCAI_DB or the default file. */
  db?: string;
  /** Extra environment. HOME, XDG_CONFIG_HOME and APPDATA point to a throwaway folder unless given. */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

const scratchHome = fs.mkdtempSync(path.join(os.tmpdir(), 'jucai-home-'));

/** Runs `node bin/jucai.js [--db DB] ...args` as a child process, as a user would. */
export function jucai(args: string[], options: CliOptions = {}): CliResult {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: scratchHome,
    XDG_CONFIG_HOME: undefined,
    APPDATA: path.join(scratchHome, 'AppData', 'Roaming'),
    JUCAI_DB: undefined,
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(
    process.execPath,
    [path.join(projectRoot, 'bin', 'jucai.js'), ...(options.db ? ['--db', options.db] : []), ...args],
    { cwd: options.cwd ?? projectRoot, env, encoding: 'utf8' },
  );
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command that must succeed and returns its stdout; a failure shows what the command printed. */
export function ok(args: string[], options: CliOptions = {}): string {
  const result = jucai(args, options);
  if (result.code !== 0) {
    throw new Error(
      `jucai ${args.join(' ')} exited ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Runs a command with --json that must succeed and parses its output. */
export function okJson<T = unknown>(args: string[], options: CliOptions = {}): T {
  return JSON.parse(ok([...args, '--json'], options)) as T;
}
