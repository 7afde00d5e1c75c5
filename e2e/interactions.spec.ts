// Cluster interactions, the inspector's statechart, the event log and accessibility, against
// the built site. Simulated time is driven through the console; waits are on DOM attributes.
import AxeBuilder from '@axe-core/playwright';
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test } from './helpers.ts';
import { LESSON_CATALOG } from '../lessons/catalog.ts';
import { run, server } from './helpers.ts';

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

test('clicking a link cuts it both ways; clicking again heals it; Shift+click cuts one way', async ({ page }) => {
  await page.goto('/?voters=3');
  await run(page, 'lab pause');
  const link = page.locator('[data-link="1-2"]');
  await expect(link).not.toHaveAttribute('data-cut');
  await page.locator('[data-link-hit="1-2"]').click();
  await expect(link).toHaveAttribute('data-cut', 'both');
  await expect(page.getByRole('log', { name: 'zkCli output' })).toContainText('lab cut zk1 zk2');
  await page.locator('[data-link-hit="1-2"]').click();
  await expect(link).not.toHaveAttribute('data-cut');
  // Shift+click near zk1's end (a third of the way along the link from zk1): only zk1 → zk2 is cut.
  const hit = page.locator('[data-link-hit="1-2"]');
  const [x1, y1, x2, y2] = await hit.evaluate((el) => ['x1', 'y1', 'x2', 'y2'].map((a) => Number(el.getAttribute(a))));
  const svg = (await page.locator('svg.cluster-links').boundingBox())!;
  const hb = (await hit.boundingBox())!;
  const at = { x: svg.x + x1! + (x2! - x1!) * 0.3 - hb.x, y: svg.y + y1! + (y2! - y1!) * 0.3 - hb.y };
  await hit.click({ modifiers: ['Shift'], position: at });
  await expect(link).toHaveAttribute('data-cut', '1>2');
});

test('dragging the leader into a minority group: it steps down and the majority elects', async ({ page }) => {
  await page.goto('/?voters=5');
  await run(page, 'lab run 5s');
  await expect(server(page, 5)).toHaveAttribute('data-state', 'LEADING');
  await run(page, 'lab pause');

  await server(page, 5).locator('.server-fields').dragTo(page.locator('[data-drop-group="1"]'));
  await expect(page.getByRole('log', { name: 'zkCli output' })).toContainText('lab partition 1,2,3,4 5');
  await expect(page.locator('[data-group="B"] [data-group-server="5"]')).toBeVisible();

  await run(page, 'lab run 20s');
  await expect(server(page, 5)).toHaveAttribute('data-state', 'LOOKING');
  await expect(server(page, 4)).toHaveAttribute('data-state', 'LEADING');
  for (const sid of [1, 2, 3]) await expect(server(page, sid)).toHaveAttribute('data-state', 'FOLLOWING');

  // Back into group A: the partition heals.
  await page.locator('[data-group-server="5"]').dragTo(page.locator('[data-drop-group="0"]'));
  await expect(page.locator('[data-link="4-5"]')).not.toHaveAttribute('data-cut');

  // Rewind to before the cut and choose a different action: kill the leader instead.
  await run(page, 'lab seek 4s');
  await expect(server(page, 5)).toHaveAttribute('data-state', 'LEADING');
  await expect(page.locator('[data-link="4-5"]')).not.toHaveAttribute('data-cut');
  await run(page, 'lab kill 5');
  await run(page, 'lab run 5s');
  await expect(server(page, 5)).toHaveAttribute('data-state', 'DOWN');
  await expect(server(page, 4)).toHaveAttribute('data-state', 'LEADING');
  // Two branches now; switch back to the first (the partition) and forth again.
  const branches = (await run(page, 'lab branches')).join('\n');
  expect(branches).toMatch(/1/);
  expect(branches).toMatch(/2/);
  await run(page, 'lab branch 1');
  await expect(server(page, 5)).not.toHaveAttribute('data-state', 'DOWN');
  await expect(server(page, 4)).toHaveAttribute('data-state', 'LEADING');
  await run(page, 'lab branch 2');
  await expect(server(page, 5)).toHaveAttribute('data-state', 'DOWN');
});

test('the server menu moves a server to a group with the keyboard', async ({ page }) => {
  await page.goto('/?voters=3');
  await run(page, 'lab pause');
  await page.getByRole('button', { name: 'More actions for zk1' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu', { name: 'More actions for zk1' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Move to group B' }).click();
  await expect(page.locator('[data-link="1-2"]')).toHaveAttribute('data-cut', 'both');
  await expect(page.locator('[data-link="2-3"]')).not.toHaveAttribute('data-cut');
});

test('the inspector lights the current state of the role statechart', async ({ page }) => {
  await page.goto('/?voters=3');
  await run(page, 'lab run 5s');
  await run(page, 'lab pause');
  await page.getByRole('button', { name: 'Inspect zk3' }).click();
  const chart = page.locator('.rolechart');
  await expect(chart.locator('[data-state-node="LEADING"]')).toHaveAttribute('data-active', 'true');
  await expect(chart.locator('[data-state-node="LEADING.BROADCAST"]')).toHaveAttribute('data-active', 'true');
  await expect(chart.locator('[data-state-node="LOOKING"]')).toHaveAttribute('data-active', 'false');
  await expect(page.locator('[data-section="fle"] [data-field="currentVote"]')).toContainText('zk3');

  await page.getByRole('button', { name: 'Kill zk3' }).click();
  await expect(chart.locator('[data-state-node="DOWN"]')).toHaveAttribute('data-active', 'true');

  await page.getByRole('button', { name: 'Inspect zk1' }).click();
  await run(page, 'lab run 10s');
  await expect(chart.locator('[data-state-node="FOLLOWING.BROADCAST"]')).toHaveAttribute('data-active', 'true');
  await expect(page.locator('[data-section="diff"]')).toContainText('zk2');
});

test('the event log tells of a kill, and clicking the line seeks there', async ({ page }) => {
  await page.goto('/?voters=3');
  await run(page, 'lab run 3s');
  await run(page, 'lab pause');
  await run(page, 'lab kill 2');
  await run(page, 'lab run 4s');
  const line = page.locator('.eventlog-row', { hasText: 'zk2 killed' });
  await expect(line).toHaveCount(1);
  const t = Number(await line.getAttribute('data-t'));
  expect(t).toBeGreaterThan(2999);
  await expect(page.getByTestId('sim-time')).not.toHaveText(`${(t / 1000).toFixed(3)} s`);
  await line.getByRole('button').click();
  await expect(page.getByTestId('sim-time')).toHaveText(`${(t / 1000).toFixed(3)} s`);
  // Filtering by server and kind.
  await page.getByRole('combobox', { name: 'Server shown in the event log' }).selectOption('1');
  await expect(page.locator('.eventlog-row', { hasText: 'zk2 killed' })).toHaveCount(0);
});

test('keys: Space pauses and plays, → steps, ← rewinds', async ({ page }) => {
  await page.goto('/?voters=3');
  await run(page, 'lab run 1s');
  await page.locator('body').click({ position: { x: 2, y: 790 } });
  const play = page.locator('.topbar');
  await page.keyboard.press('Space');
  await expect(play.getByText('paused', { exact: true })).toBeVisible();
  // Let the frame loop draw the paused moment before reading it (the clock says when it has).
  const time = /^time (\d+\.\d{3})s$/.exec((await run(page, 'lab status'))[1] ?? '')?.[1];
  await expect(page.getByTestId('sim-time')).toHaveText(`${time} s`);
  await page.locator('body').click({ position: { x: 2, y: 790 } });
  const events = page.locator('.clock-events');
  const before = await events.textContent();
  await page.keyboard.press('ArrowRight');
  await expect(events).not.toHaveText(before ?? '');
  const after = await events.textContent();
  await page.keyboard.press('ArrowLeft');
  await expect(events).not.toHaveText(after ?? '');
  await expect(events).toHaveText(before ?? '');
  await page.keyboard.press('Space');
  await expect(play.getByText('paused', { exact: true })).toHaveCount(0);
});

test('axe finds no serious or critical accessibility violations on the main page', async ({ page }) => {
  await page.goto('/?voters=5&observers=1');
  await run(page, 'lab run 4s');
  await page.getByRole('button', { name: 'Inspect zk5' }).click();
  await expect(page.locator('.rolechart [data-active="true"]').first()).toBeVisible();
  // The Share panel open too.
  await page.locator('.share-run summary').click();
  await expect(page.locator('[data-share-link]')).toHaveValue(/run=/);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`)).toEqual([]);
});

test('axe: a lesson in Chinese with the lessons menu open has no serious or critical violations', async ({ page }) => {
  await page.goto('/?lesson=recipes&step=2&lang=zh-CN');
  await expect(page.locator('[data-lesson="recipes"]')).toHaveAttribute('data-lesson-state', 'narrating');
  await page.locator('.lessons-menu summary').click();
  await expect(page.locator('[data-lesson-link]')).toHaveCount(LESSON_CATALOG.length);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`)).toEqual([]);
});
