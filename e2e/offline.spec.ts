// Offline (issue 14 item 4): after one visit the service worker (vite.config.ts, vite-plugin-pwa)
// has precached the built lab, so with the network gone the page reloads, a lesson opens in both
// languages, the servers' workers start and an election completes; the Paxos lab too. A new version
// waits for the user's "Reload" (registerType 'prompt'). Each test has its own browser context, so
// no service worker outlives its test. No wall-clock waits: every wait is on the page's state.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from './helpers.ts';
import { expectWorkers, server } from './helpers.ts';

// The other specs block service workers (playwright.config.ts); these are about it.
test.use({ serviceWorkers: 'allow' });

/** The built service worker the preview server serves (playwright.config.ts). */
const SW_FILE = join(process.cwd(), 'dist', 'sw.js');

/** The first visit: wait until the service worker is active and has installed (precached) the lab, then reload so that it controls the page. */
async function installOffline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/**
 * A new build while the page runs: its service worker script differs (the preview server serves
 * dist/ as it is on disk; Playwright cannot route the browser's own update check), the page checks
 * for an update, and `then` sees what follows; the built file is put back afterwards.
 */
async function withNewVersion(page: Page, then: () => Promise<void>): Promise<void> {
  const original = readFileSync(SW_FILE, 'utf8');
  try {
    writeFileSync(SW_FILE, `${original}\n// a new version\n`);
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg?.update();
    });
    await then();
  } finally {
    writeFileSync(SW_FILE, original);
  }
}

test('after one visit the lab works offline: a lesson in English and in Chinese, workers, an election', async ({ page, context }) => {
  await installOffline(page, '/?voters=3');
  await context.setOffline(true);
  // The network is really gone (a file the service worker does not hold cannot be fetched).
  expect(await page.evaluate(async () => fetch('/not-precached.txt').then(() => 'online', () => 'offline'))).toBe('offline');

  // The lab boots: one worker per server, an election completes.
  await page.reload();
  await expectWorkers(page, 3);
  await expect(server(page, 3)).toHaveAttribute('data-state', 'LEADING');
  await expect(server(page, 1)).toHaveAttribute('data-state', 'FOLLOWING');

  // A lesson (its lazily loaded chunk) opens and plays a step.
  await page.goto('/?lesson=startup-election');
  const panel = page.locator('[data-lesson="startup-election"]');
  await expect(panel).toHaveAttribute('data-lesson-state', 'narrating');
  await panel.getByRole('button', { name: 'Do it for me' }).click();
  await expect(panel).toHaveAttribute('data-lesson-state', 'passed');

  // …and in Chinese.
  await page.goto('/?lesson=zk-in-five-minutes&lang=zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('[data-lesson="zk-in-five-minutes"]')).toHaveAttribute('data-lesson-state', 'narrating');
  await expect(page.locator('[data-lesson="zk-in-five-minutes"]')).toContainText('五分钟认识 ZooKeeper');
});

test('the Paxos and Multi-Paxos labs start their workers offline', async ({ page, context }) => {
  await installOffline(page, '/?protocol=paxos&seed=1');
  await context.setOffline(true);
  await page.reload();
  await expectWorkers(page, 6);
  await expect(server(page, 1)).toHaveAttribute('data-state', 'acceptor');
  await page.goto('/?protocol=multipaxos&seed=1');
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  await expect(page.locator('[data-server]').first()).toBeVisible();
});

test('a new version waits for "Reload" instead of reloading by itself', async ({ page }) => {
  await installOffline(page, '/?voters=3');
  // The new version installs beside the running one and waits.
  await withNewVersion(page, async () => {
    const prompt = page.getByRole('alert').filter({ hasText: 'Update available' });
    await expect(prompt).toBeVisible();
    // Nothing reloaded meanwhile: the page is still the one we had, until the user chooses.
    await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));
    await expect(server(page, 3)).toHaveAttribute('data-state', 'LEADING');
    expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
    await prompt.getByRole('button', { name: 'Reload' }).click();
    // The new version takes over and the page reloads once.
    // (While the page navigates, evaluate fails: poll again.)
    await expect.poll(() => page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed ?? false).catch(() => 'navigating')).toBe(false);
    await expect(page.getByRole('alert').filter({ hasText: 'Update available' })).toHaveCount(0);
    await expectWorkers(page, 3);
  });
});

test('the update prompt speaks Chinese', async ({ page }) => {
  await installOffline(page, '/?voters=3&lang=zh-CN');
  await withNewVersion(page, async () => {
    const prompt = page.getByRole('alert').filter({ hasText: '有新版本' });
    await expect(prompt.getByRole('button', { name: '重新加载' })).toBeVisible();
    await prompt.getByRole('button', { name: '稍后' }).click();
    await expect(prompt).toHaveCount(0);
  });
});
