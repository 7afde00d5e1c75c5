// Both languages: the UI in 简体中文 with ?lang=zh-CN, the switcher, the saved choice; zkCli's own output stays English.
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test, type Page } from './helpers.ts';

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

/** Runs one console command (the command box found by its name in `lang`) and waits for the console to be idle. */
async function runIn(page: Page, box: string, text: string): Promise<void> {
  const input = page.getByRole('textbox', { name: box });
  await input.fill(text);
  await input.press('Enter');
  await page.waitForFunction((cmd) => {
    const log = document.querySelector('[role="log"]');
    if (!log || log.getAttribute('aria-busy') !== 'false') return false;
    return [...log.querySelectorAll('[data-kind="echo"]')].some((el) => el.textContent?.endsWith(cmd));
  }, text);
}

test('?lang=zh-CN shows the UI in Chinese; zkCli still answers in English; the switcher goes back to English', async ({ page }) => {
  await page.goto('/?lang=zh-CN&voters=3');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '控制台' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '集群' })).toBeVisible();
  await expect(page.getByRole('button', { name: '播放' }).or(page.getByRole('button', { name: '暂停' }))).toBeVisible();

  // zkCli's own words are never translated; the console keeps the contract's names (docs/architecture.md).
  const log = page.getByRole('log', { name: 'zkCli output' });
  await expect(log).toContainText('Welcome to ZooKeeper!');
  await runIn(page, 'zkCli command', 'lab run 5s');
  await expect(page.locator('[data-server="3"]')).toHaveAttribute('data-state', 'LEADING');
  // The event log speaks Chinese too (around ZooKeeper's own words).
  await expect(page.getByRole('button', { name: /^跳到 .*：.*(选举|变为|已启动)/ }).first()).toBeAttached();
  await runIn(page, 'zkCli command', 'ls /');
  const lines = await log.locator('[data-kind]').evaluateAll((els) => els.map((el) => el.textContent ?? ''));
  const echo = lines.findLastIndex((l) => /^\[zk: zk1:2181\(\w+\) \d+\] ls \/$/.test(l));
  expect(echo).toBeGreaterThanOrEqual(0);
  expect(lines[echo + 1]).toBe('[zookeeper]');

  // Switch to English: the page follows at once, the console keeps its output.
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Console' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ensemble' })).toBeVisible();
  await expect(page.getByRole('log', { name: 'zkCli output' })).toContainText('[zookeeper]');
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
  await expect(page.getByRole('button', { name: /^Go to .*: .*(election|becomes|started)/ }).first()).toBeAttached();
  await expect(page.getByRole('button', { name: /(选举|变为|已启动)/ })).toHaveCount(0);
  // Labels read when the page loaded follow too: the lower tabs, the lessons menu.
  await expect(page.getByRole('button', { name: 'Invariants', exact: true })).toBeVisible();
  await expect(page.locator('.lessons-menu summary')).toHaveText('Lessons');

  // The choice is saved: a page without ?lang= opens in the last language chosen.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '控制台' })).toBeVisible();
  await page.goto('/?voters=3');
  await expect(page.getByRole('heading', { name: '控制台' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // …and ?lang=en wins over the saved choice.
  await page.goto('/?lang=en&voters=3');
  await expect(page.getByRole('heading', { name: 'Console' })).toBeVisible();
});

test('URL settings that were ignored are reported in the page\'s language', async ({ page }) => {
  await page.goto('/?lang=zh-CN&voters=3&tickTime=abc');
  await expect(page.locator('.notice-config')).toContainText('部分 URL 设置被忽略');
  await expect(page.locator('.notice-config')).toContainText('tickTime 必须是 10 到 60000 之间的整数（收到的是“abc”）');
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.locator('.notice-config')).toContainText('tickTime must be an integer from 10 to 60000 (got "abc")');
});
