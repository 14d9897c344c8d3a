/**
 * The content security policies of the desktop app's pages. Plain strings with no Electron import, so
 * the tests can load a page under exactly the policy the app applies.
 */

/** App pages (the built renderer): no inline scripts, nothing fetched from anywhere but the app itself. */
export const appCsp =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

/**
 * The stub page, shown until the renderer is built: it carries its script inline and is loaded as a data:
 * URL (no headers), so this policy travels in a meta tag. It may not connect anywhere: its only way out
 * is `window.jucai.call`.
 */
export const stubCsp =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; " +
  "base-uri 'none'; form-action 'none'";
