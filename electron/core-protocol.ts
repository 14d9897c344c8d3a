/**
 * Messages between the Electron main process and the core utility process (types only: nothing here
 * runs, so both sides can import it without pulling in the other's modules).
 *
 * Every request carries an id; the core answers each with the same id, in the order received.
 */

/** A call of the typed API, exactly what `window.jucai.call(method, input, operator)` sent. */
export interface CallRequest {
  id: number;
  kind?: 'call';
  method: string;
  input: unknown;
  operator?: string | undefined;
}

/** Open (or switch to) a centre file; the previous one stays open if the new one cannot be opened. */
export interface OpenRequest {
  id: number;
  kind: 'open';
  file: string;
}

/** A consistent copy of the open centre file, made with SQLite's online backup. */
export interface BackupRequest {
  id: number;
  kind: 'backup';
  dest: string;
}

/** Close the centre file cleanly before the app quits. */
export interface CloseRequest {
  id: number;
  kind: 'close';
}

export type CoreRequest = CallRequest | OpenRequest | BackupRequest | CloseRequest;

/** A request before the sender numbers it. */
export type CoreRequestBody = CoreRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'id'>
    : never
  : never;

/** The LedgerError's JSON, or code 'internal' for anything unexpected. */
export interface CoreError {
  code: string;
  message: string;
  rows: unknown[];
  field?: string;
}

export type CoreReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: CoreError };

/** What the renderer receives: the reply without its id (the same envelope the HTTP bridge answers with). */
export type Envelope = { ok: true; result: unknown } | { ok: false; error: CoreError };

export interface OpenResult {
  file: string;
  /** Set when the file needed a schema upgrade: where the copy taken before it was written. */
  backupPath: string | null;
}

export interface BackupResult {
  file: string;
  bytes: number;
}
