import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, createClient, httpTransport, preloadTransport, type Client } from '../../src/api/client';
import type { ApiInput, ApiOutput, MethodName } from '../../src/api/contract';

export { ApiError };
export type { ApiInput, ApiOutput, MethodName };

/**
 * The one way the UI reaches the core: the typed client over `window.jucai` in the desktop app, or over
 * the loopback bridge (token from the page's meta tag) in browser mode.
 */
function connect(): Client {
  const desktop = preloadTransport();
  if (desktop) return createClient(desktop);
  const token = document.querySelector<HTMLMetaElement>('meta[name="jucai-token"]')?.content ?? '';
  return createClient(httpTransport(window.location.origin, token));
}

export const client = connect();

/**
 * Every successful change announces itself, and every open read re-reads: after a save, the top bar,
 * the dashboard and the lists all show the new state without each screen wiring it up.
 */
const changes = new EventTarget();
export function announceChange(): void {
  changes.dispatchEvent(new Event('changed'));
}

/** Reads data for a screen and re-reads it when `deps` change or `reload()` is called. */
export function useApi<M extends MethodName>(
  method: M,
  input: ApiInput<M> | null,
  deps: unknown[] = [],
): { data: ApiOutput<M> | undefined; error: ApiError | undefined; loading: boolean; reload: () => void } {
  return useLoad(
    input === null ? null : () => client.call(method, input),
    JSON.stringify([method, input]),
    deps,
  );
}

/**
 * Loads what a screen shows: runs `load` (nothing while it is null), and again when `key` (what it
 * loads) or `deps` change, after any change is announced, or on `reload()`. The last result stays in
 * `data` while the next one loads.
 */
export function useLoad<T>(
  load: (() => Promise<T>) | null,
  key: string,
  deps: unknown[] = [],
): { data: T | undefined; error: ApiError | undefined; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(load !== null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  const active = load !== null;
  useEffect(() => {
    const run = latest.current;
    if (!run) return;
    let current = true;
    setLoading(true);
    run().then(
      (result) => {
        if (!current) return;
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, active, generation, ...deps]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    changes.addEventListener('changed', reload);
    return () => changes.removeEventListener('changed', reload);
  }, [reload]);
  return { data, error, loading, reload };
}

/**
 * Runs a change as the signed-in operator. `busy` is true while the call runs (screens show a progress
 * bar); a refusal is kept in `error` for the screen to show next to what it concerns.
 */
export function useAction(operator: string | undefined) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const mounted = useRef(true);
  // StrictMode mounts, unmounts and mounts again: set the flag on every mount, not only the first.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async <M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M> | undefined> => {
      setBusy(true);
      setError(undefined);
      try {
        const result = await client.call(method, input, operator);
        announceChange();
        return result;
      } catch (e) {
        if (mounted.current) setError(toApiError(e));
        return undefined;
      } finally {
        if (mounted.current) setBusy(false);
      }
    },
    [operator],
  );
  return { run, busy, error, clearError: () => setError(undefined) };
}

export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('internal', e instanceof Error ? e.message : String(e));
}

/** Reads a picked file as the API's upload shape: its name and base64 bytes. */
export async function fileUpload(file: File): Promise<{ name: string; content: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, content: btoa(binary) };
}
