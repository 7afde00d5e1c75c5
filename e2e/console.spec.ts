// The console of the automation contract (docs/architecture.md).
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test } from './helpers.ts';
import { commandBox, consoleLog, expectConnected, expectWorkers, run, server } from './helpers.ts';

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

test('the console: zkCli banner, lab status, errors, several lines, history', async ({ page }) => {
  await page.goto('/?voters=3');
  const log = consoleLog(page);
  await expect(log).toContainText('Connecting to zk1:2181');
  await expect(log).toContainText('Welcome to ZooKeeper!');
  // The prompt comes at once; the session when the ensemble serves (as zkCli prints it).
  await expectConnected(page);

  const status = await run(page, 'lab status');
  expect(status[0]).toMatch(/^\[zk: zk1:2181\(\w+\) \d+\] lab status$/);
  const serverLines = status.filter((l) => /^zk\d+ /.test(l));
  expect(serverLines.map((l) => l.split(' ')[0])).toEqual(['zk1', 'zk2', 'zk3']);

  const bad = await run(page, 'lab kill 42');
  expect(bad.slice(1)).toEqual([expect.stringMatching(/^lab kill: no server 42/)]);
  await expect(log.locator('[data-kind="error"]').last()).toContainText('no server 42');

  // The page keeps working: several lines at once run in order, one command per line.
  const both = await run(page, 'lab run 5s\nlab status');
  expect(both[0]).toMatch(/lab run 5s$/);
  expect(both[1]).toMatch(/^time \d+\.\d{3}s$/);
  expect(both[2]).toMatch(/lab status$/);
  expect(both.filter((l) => /^zk3 LEADING/.test(l))).toHaveLength(1);
  await expect(server(page, 3)).toHaveAttribute('data-state', 'LEADING');

  // ↑ recalls the last command.
  await commandBox(page).press('ArrowUp');
  await expect(commandBox(page)).toHaveValue('lab status');
  await commandBox(page).press('ArrowUp');
  await expect(commandBox(page)).toHaveValue('lab run 5s');
  await commandBox(page).press('ArrowDown');
  await commandBox(page).press('ArrowDown');
  await expect(commandBox(page)).toHaveValue('');
});

test('output is text, never HTML', async ({ page }) => {
  await page.goto('/?voters=3');
  await run(page, 'lab <img src=x onerror=alert(1)>');
  await expect(consoleLog(page).locator('img')).toHaveCount(0);
  await expect(consoleLog(page)).toContainText('unknown lab command: <img');
});

test('a bad URL setting shows a notice and still opens the lab with the default', async ({ page }) => {
  await page.goto('/?voters=99');
  const notice = page.getByRole('status').filter({ hasText: 'voters must be an integer from 1 to 9' });
  await expect(notice).toBeVisible();
  await expectWorkers(page, 3);
  await expect(page.locator('[data-server]')).toHaveCount(3);
  await run(page, 'lab run 5s');
  await expect(server(page, 3)).toHaveAttribute('data-state', 'LEADING');
  await notice.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(notice).toHaveCount(0);
});

test('?do= runs console lines from the link first, the same on every load', async ({ page }) => {
  const url = '/?voters=3&seed=4&do=lab+run+5s&do=create+%2Fdemo+%22hello+class%22%0Alab+kill+3&do=lab+pause&do=lab+nonsense';
  const hashes: string[] = [];
  for (let load = 0; load < 2; load++) {
    await page.goto(url);
    const log = consoleLog(page);
    await expect(log.locator('[data-kind="echo"]', { hasText: 'lab nonsense' })).toHaveCount(1);
    await expect(log).toContainText('Created /demo');
    await expect(log.locator('[data-kind="error"]').last()).toContainText('unknown lab command');
    await expect(server(page, 3)).toHaveAttribute('data-state', 'DOWN');
    await expect(page.locator('[data-path="/demo"]')).toBeVisible();
    const out = await run(page, 'lab hash');
    hashes.push(out.at(-1)!);
  }
  expect(hashes[0]).toMatch(/\S/);
  expect(hashes[1]).toBe(hashes[0]);
});

test('Share: a link that replays the run exactly, paused where it was shared; a bad run link is reported', async ({ page, context }) => {
  await page.goto('/?voters=3&seed=5');
  await expectConnected(page);
  await run(page, 'lab run 3s');
  await run(page, 'create /shared "made before sharing"');
  await run(page, 'lab kill 3');
  await run(page, 'lab run 2s');
  await run(page, 'lab pause');
  const hash = (await run(page, 'lab hash')).at(-1)!;
  await page.locator('.share-run summary').click();
  const linkBox = page.locator('[data-share-link]');
  await expect(linkBox).toHaveValue(/[?&]run=[A-Za-z0-9_-]+/);
  const link = await linkBox.inputValue();
  expect(link).toContain('voters=3');
  expect(link).toContain('seed=5');

  const other = await context.newPage();
  other.on('pageerror', (e) => {
    throw e;
  });
  await other.goto(link);
  await expect(server(other, 3)).toHaveAttribute('data-state', 'DOWN');
  // Paused where it was shared: the hash line ends with the simulated time (`… at 5.000s`).
  const at = /at (\d+\.\d{3})s$/.exec(hash)?.[1];
  expect(at).toBeDefined();
  await expect(other.getByTestId('sim-time')).toHaveText(`${at} s`);
  expect((await run(other, 'lab hash')).at(-1)).toBe(hash);
  // The run's own console session carries on: it reads what it wrote.
  expect(await run(other, 'get /shared')).toContain('made before sharing');

  await other.goto('/?voters=3&run=not-a-run!');
  await expect(other.locator('.notice-config')).toContainText('run: not a run (bad encoding)');
  await expectConnected(other);
});
