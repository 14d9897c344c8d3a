import os from 'node:os';
import path from 'node:path';

/** Folder name of the app's user data: the same folder Electron's userData uses for `jucai-ledger`. */
export const appFolderName = 'jucai-ledger';
export const centreFileName = 'centre.db';

export interface PathEnvironment {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/**
 * Where Electron's app.getPath('appData') points: %APPDATA% on Windows, ~/Library/Application Support on
 * macOS, $XDG_CONFIG_HOME or ~/.config elsewhere.
 */
export function appDataFolder({
  platform = process.platform,
  env = process.env,
  home = os.homedir(),
}: PathEnvironment = {}): string {
  if (platform === 'win32') {
    return env['APPDATA'] || path.win32.join(home, 'AppData', 'Roaming');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support');
  return env['XDG_CONFIG_HOME'] || path.posix.join(home, '.config');
}

/** The centre file used when neither --db nor JUCAI_DB names one. */
export function defaultCentreFile(where: PathEnvironment = {}): string {
  const join = (where.platform ?? process.platform) === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataFolder(where), appFolderName, centreFileName);
}

/** --db wins, then the JUCAI_DB environment variable, then the default file. */
export function resolveCentreFile(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = option?.trim() || env['JUCAI_DB']?.trim();
  return chosen ? path.resolve(chosen) : defaultCentreFile({ env });
}
