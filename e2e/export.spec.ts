/**
 * Export and import (issue 14): a trace file replays to the same `lab hash` in a fresh page; a bad
 * file is refused with a message and changes nothing (hash, address, console); the ShiViz log
 * parses with ShiViz's regex; SVG and PNG pictures are valid; the ring's video is WebM.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './helpers.ts';
import { consoleLog, run } from './helpers.ts';

/** zkCli's session is up (a busy machine may take a while to elect a leader). */
async function expectConnected(page: Page): Promise<void> {
  await expect(consoleLog(page)).toContainText('WatchedEvent state:SyncConnected type:None path:null', { timeout: 30_000 });
}

const SHIVIZ_REGEX = '(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})';

async function exportItem(page: Page, name: string): Promise<Buffer> {
  await page.locator('.export-menu > summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name }).click()]);
  return readFile((await download.path())!);
}

async function hashLine(page: Page): Promise<string> {
  return (await run(page, 'lab hash')).at(-1)!;
}

test('a trace file replays to the same lab hash in a fresh page', async ({ page, context }) => {
  await page.goto('/?voters=3&observers=1&seed=7');
  await expectConnected(page);
  await run(page, 'lab run 2s');
  await run(page, 'create /app "<img src=x onerror=alert(1)>"');
  await run(page, 'lab kill 2');
  await run(page, 'lab run 1s');
  await run(page, 'lab pause');
  const hash = await hashLine(page);
  const file = await exportItem(page, 'Trace file (.json)');
  const data = JSON.parse(file.toString('utf8')) as { format: string; hash: string; config: Record<string, string>; actions: unknown[] };
  expect(data.format).toBe('zookeeper-lab-trace');
  expect(hash).toContain(data.hash);
  expect(data.config).toMatchObject({ voters: '3', observers: '1', seed: '7' });
  expect(data.actions.length).toBeGreaterThanOrEqual(3);

  const fresh = await context.newPage();
  await fresh.goto('/?voters=5&seed=1');
  await expectConnected(fresh);
  await fresh.locator('[data-export-file]').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: file });
  await expect(fresh).toHaveURL(/[?&]run=/);
  await expect(fresh.locator('[data-export-message="ok"]')).toContainText(data.hash);
  await expect(fresh.locator('[data-server]')).toHaveCount(4);
  expect(await hashLine(fresh)).toBe(hash);
});

test('bad trace files are refused with a message and change nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto('/?voters=3&seed=3');
  await expectConnected(page);
  await run(page, 'lab run 1s');
  await run(page, 'lab pause');
  const good = JSON.parse((await exportItem(page, 'Trace file (.json)')).toString('utf8')) as Record<string, unknown>;
  const hash = await hashLine(page);
  const url = page.url();
  const consoleText = await consoleLog(page).innerText();
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const bad: Array<[string, string, RegExp]> = [
    ['not-json.json', 'this is not { json', /not JSON/],
    ['version.json', JSON.stringify({ ...good, version: 99 }), /unsupported trace file version/],
    ['format.json', JSON.stringify({ ...good, format: hostile }), /not a ZooKeeper Lab trace file/],
    ['action.json', JSON.stringify({ ...good, actions: [[0, 0, { type: 'kill', sid: 42 }]] }), /sid must be an integer/],
    ['hostile-action.json', JSON.stringify({ ...good, actions: [[0, 0, { type: hostile }]] }), /type must be one of/],
    ['config.json', JSON.stringify({ ...good, config: { ...(good.config as object), voters: hostile } }), /voters must be an integer/],
    [`${hostile}.json`, JSON.stringify({ ...good, hash: hostile }), /hash/],
  ];
  for (const [name, text, why] of bad) {
    await page.locator('[data-export-file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const message = page.locator('[data-export-message="error"]');
    await expect(message).toContainText(why);
    await expect(message).toContainText('Nothing was changed');
    await expect(message.locator('img')).toHaveCount(0);
    await message.getByRole('button', { name: 'Dismiss' }).click();
  }
  // Dropped on the page: the same.
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['<img src=x onerror=alert(1)>'], 'dropped.json', { type: 'application/json' }));
    return d;
  });
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
  await expect(page.locator('.export-drop')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  await expect(page.locator('.export-drop')).toHaveCount(0);
  await expect(page.locator('[data-export-message="error"]')).toContainText('dropped.json');
  expect(page.url()).toBe(url);
  expect(await consoleLog(page).innerText()).toBe(consoleText);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(await hashLine(page)).toBe(hash);
});

test('the ShiViz log parses with ShiViz regex; pictures are valid SVG and PNG; the video is WebM', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/?protocol=paxos&seed=2');
  await expect(consoleLog(page)).toContainText('Paxos lab');
  await run(page, 'lab run 1s');
  await run(page, 'propose p1 <img src=x onerror=alert(1)>');
  await run(page, 'lab run 80ms');
  await run(page, 'lab pause');
  const hash = await hashLine(page);

  const shiviz = (await exportItem(page, 'Log for ShiViz (.log)')).toString('utf8');
  const [regex, delimiter, ...log] = shiviz.split('\n');
  expect(regex).toBe(SHIVIZ_REGEX);
  expect(delimiter).toBe('');
  const events = [...log.join('\n').matchAll(new RegExp(SHIVIZ_REGEX, 'g'))];
  expect(events.length).toBeGreaterThan(10);
  expect((log.length - 1) / 2).toBe(events.length);
  for (const e of events) expect(JSON.parse(e.groups!.clock!)[e.groups!.host!]).toBeGreaterThan(0);

  for (const [name, must] of [['Ring as SVG', 'p1'], ['Space-time diagram as SVG', 'a1']] as const) {
    const svg = (await exportItem(page, name)).toString('utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).not.toContain('<img');
    expect(svg).not.toMatch(/<style|class="/);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror') !== null, root: doc.documentElement.nodeName, texts: [...doc.querySelectorAll('text')].map((t) => t.textContent) };
    }, svg);
    expect(parsed.error).toBe(false);
    expect(parsed.root).toBe('svg');
    expect(parsed.texts).toContain(must);
    if (name === 'Ring as SVG') expect(svg).toContain('>&lt;img src=x'); // the proposed value, escaped (and ellipsized as on the page)
  }
  for (const name of ['Ring as PNG', 'Space-time diagram as PNG']) {
    const png = await exportItem(page, name);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(2000);
  }

  // The video: a span of simulated time, read frame by frame from the simulation.
  await page.locator('.export-menu > summary').click();
  await page.getByRole('menuitem', { name: 'Ring as video (WebM)…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record the ring over a span of simulated time' });
  await dialog.getByLabel('From (s)').fill('0.9');
  await dialog.getByLabel('To (s)').fill('1.08');
  await dialog.getByLabel('Speed').selectOption('0.25');
  await expect(dialog).toContainText('22 frames');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), dialog.getByRole('button', { name: 'Record' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.webm$/);
  const webm = await readFile((await download.path())!);
  expect([...webm.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
  expect(webm.length).toBeGreaterThan(5000);
  await expect(dialog).toHaveCount(0);
  // Recording went back to where the lab was.
  expect(await hashLine(page)).toBe(hash);
});

test('the Export menu works from the keyboard, in both languages', async ({ page }) => {
  await page.goto('/?voters=3&lang=zh-CN');
  await expectConnected(page);
  const summary = page.locator('.export-menu > summary');
  await expect(summary).toHaveText('导出');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: '轨迹文件（.json）' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: '打开轨迹文件…' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: '环形图视频（WebM）…' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(summary).toBeFocused();
  await page.locator('[data-export-file]').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{') });
  await expect(page.locator('[data-export-message="error"]')).toContainText('无法打开 x.json');
});

test('axe: the Export menu and the video panel have no serious or critical violations', async ({ page }) => {
  await page.goto('/?voters=3');
  await expectConnected(page);
  await page.locator('.export-menu > summary').click();
  await expect(page.getByRole('menu')).toBeVisible();
  const menu = await new AxeBuilder({ page }).include('.topbar').analyze();
  expect(menu.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await page.getByRole('menuitem', { name: 'Ring as video (WebM)…' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.locator('[data-export-file]').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('[]') });
  await expect(page.locator('[data-export-message="error"]')).toBeVisible();
  const panel = await new AxeBuilder({ page }).include('.topbar').analyze();
  expect(panel.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
