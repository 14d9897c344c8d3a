/**
 * Keeps the accountant on a voucher with unsaved changes when the route changes (a navigation link,
 * Alt+key, the back button). The router (router.ts) re-renders on `hashchange` at once, so this
 * listener must run before it: it is registered when this module is first imported, which is before
 * the app mounts and registers the router's own listener. A blocked change is undone in place
 * (replaceState, no second event) and the guard asks the question itself.
 */
type Guard = (e: HashChangeEvent) => boolean;

let current: Guard | undefined;

window.addEventListener(
  'hashchange',
  (e) => {
    if (!current?.(e)) return;
    e.stopImmediatePropagation();
    history.replaceState(history.state, '', e.oldURL);
  },
  true,
);

/** Installs `guard` (true = keep the screen) until the returned function is called. */
export function guardLeaving(guard: Guard): () => void {
  current = guard;
  return () => {
    if (current === guard) current = undefined;
  };
}

let unsaved: (() => boolean) | undefined;

/** A screen with work in progress says so here, until the returned function is called. */
export function registerUnsaved(check: () => boolean): () => void {
  unsaved = check;
  return () => {
    if (unsaved === check) unsaved = undefined;
  };
}

/**
 * For changes that do not go through the route (switching the community or the operator in the top
 * bar): true when there is nothing unsaved, or the accountant agrees to discard it.
 */
export function confirmDiscard(): boolean {
  return !unsaved?.() || window.confirm('当前有未保存的修改，确定放弃并继续吗？');
}
