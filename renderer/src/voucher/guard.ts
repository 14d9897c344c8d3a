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
