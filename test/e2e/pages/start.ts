import type { Page } from 'playwright-core';

/** The start screen and the top bar's operator: who is working. */

/** Chooses the operator on the start screen with the keyboard, as at the start of a working day. */
export async function signIn(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name: new RegExp(`^${name}`) });
  await button.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('operator').getByText(name, { exact: true }).waitFor();
}

/** Leaves through the top bar's 切换 link and signs in as someone else. */
export async function switchOperator(page: Page, name: string): Promise<void> {
  await page.getByTestId('operator').getByRole('link', { name: '切换' }).click();
  await signIn(page, name);
}

/** Goes to a screen by its hash route, e.g. go(page, '/vouchers', { status: 'draft' }). */
export async function go(page: Page, path: string, params: Record<string, string> = {}): Promise<void> {
  const query = new URLSearchParams(params).toString();
  const hash = `#${path}${query ? `?${query}` : ''}`;
  // A string runs in the page, where `window` is the app's.
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}
