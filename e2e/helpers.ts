import { test as base, expect, type Locator, type Page } from '@playwright/test';

export { expect };
export type { Locator, Page } from '@playwright/test';

/**
 * The specs' `test`: it fails a test during which a page (or a frame in it) reported a
 * Content-Security-Policy violation — Chromium's console error, or the document's
 * `securitypolicyviolation` event — so the whole suite proves the built site runs under its CSP.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`Content-Security-Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
        });
      });
      await use();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export function consoleLog(page: Page): Locator {
  return page.getByRole('log', { name: 'zkCli output' });
}

export function commandBox(page: Page): Locator {
  return page.getByRole('textbox', { name: 'zkCli command' });
}

/**
 * Waits until the active console tab's zkCli has its session: like zkCli, the console shows its
 * prompt at once and prints the SyncConnected WATCHER block when the session is established.
 */
export async function expectConnected(page: Page): Promise<void> {
  await expect(consoleLog(page)).toContainText('WatchedEvent state:SyncConnected type:None path:null');
}

/** A server's card (data-server / data-state are the automation contract). */
export function server(page: Page, sid: number): Locator {
  return page.locator(`[data-server="${sid}"]`);
}

/**
 * Types `text` into the console and presses Enter; resolves with what the command(s) printed,
 * starting at the echo of its first line (output printed meanwhile by others — e.g. zkCli's
 * session events — before that echo is skipped), once the console is idle again. No wall-clock
 * waits: it waits on the DOM (the log is aria-busy while commands run).
 */
export async function run(page: Page, text: string): Promise<string[]> {
  const lines = consoleLog(page).locator('[data-kind]');
  const before = await lines.count();
  await commandBox(page).fill(text);
  await commandBox(page).press('Enter');
  const first = text.split('\n')[0]!;
  await page.waitForFunction(
    ({ n, first }) => {
      const log = document.querySelector('[role="log"]');
      if (!log || log.getAttribute('aria-busy') !== 'false') return false;
      const added = [...log.querySelectorAll('[data-kind]')].slice(n);
      return added.some((el) => el.getAttribute('data-kind') === 'echo' && el.textContent?.endsWith(first));
    },
    { n: before, first },
  );
  const all = await lines.evaluateAll((els) => els.map((el) => ({ kind: el.getAttribute('data-kind'), text: el.textContent ?? '' })));
  const added = all.slice(before);
  const start = added.findIndex((l) => l.kind === 'echo' && l.text.endsWith(first));
  return added.slice(start).map((l) => l.text);
}

/** Polls until the page has `n` Web Workers (one per running server). */
export async function expectWorkers(page: Page, n: number): Promise<void> {
  await expect.poll(() => page.workers().length, { message: `${n} Web Workers` }).toBe(n);
}
