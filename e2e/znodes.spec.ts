// The znode tree, several console sessions, Tab completion and the inspector (issue 4 items 5–6,
// issue 3 item 6), against the built site. Simulated time is driven through the console; every
// wait is on the DOM, never on the wall clock.
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test, type Page } from './helpers.ts';
import { commandBox, consoleLog, expectConnected, run } from './helpers.ts';

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

const znode = (page: Page, path: string) => page.locator(`[data-path="${path}"]`);
const tab = (page: Page, name: RegExp) => page.getByRole('tab', { name });

async function openTab(page: Page, sid: number): Promise<void> {
  await page.getByRole('combobox', { name: 'Server for a new session' }).selectOption(String(sid));
  await page.getByRole('button', { name: `New zkCli session on zk${sid}` }).click();
  await expect(tab(page, new RegExp(`zk${sid}$`))).toHaveAttribute('aria-selected', 'true');
  await expect(consoleLog(page)).toContainText(`Connecting to zk${sid}:2181`);
  await expectConnected(page);
  await expect(consoleLog(page)).toHaveAttribute('aria-busy', 'false');
}

test('znodes appear in the tree; a second session sees them; an ephemeral vanishes when its session closes', async ({ page }) => {
  await page.goto('/?voters=3');
  await run(page, 'lab run 5s');

  expect(await run(page, 'create /app hello')).toContain('Created /app');
  expect(await run(page, 'create -e /app/eph x')).toContain('Created /app/eph');
  await expect(znode(page, '/app')).toBeVisible();
  await expect(znode(page, '/app/eph')).toBeVisible();
  await expect(znode(page, '/app/eph')).toHaveAttribute('data-kind', 'ephemeral');
  await expect(znode(page, '/app')).toHaveAttribute('data-kind', 'persistent');

  // A second zkCli, its own session on zk2, sees the ephemeral.
  await openTab(page, 2);
  await expect(page.getByRole('tab')).toHaveCount(2);
  const ls = await run(page, 'ls /app');
  expect(ls[0]).toMatch(/^\[zk: zk2:2181\(CONNECTED\) 0\] ls \/app$/);
  expect(ls).toContain('[eph]');
  // The tree follows the active tab's server.
  await expect(page.locator('[data-znode-server]')).toHaveAttribute('data-znode-server', '2');
  await expect(znode(page, '/app/eph')).toBeVisible();

  // The first session closes: its ephemeral goes, on every server.
  await tab(page, /zk1$/).click();
  await expect(tab(page, /zk1$/)).toHaveAttribute('aria-selected', 'true');
  await run(page, 'close');
  await run(page, 'lab run 2s');
  await expect(znode(page, '/app/eph')).toHaveCount(0);
  await expect(znode(page, '/app')).toBeVisible();

  // Clicking /app shows its data as text, its Stat as `stat` prints it and its ACL as `getAcl` does.
  await tab(page, /zk2$/).click();
  await expect(page.locator('[data-znode-server]')).toHaveAttribute('data-znode-server', '2');
  await expect(znode(page, '/app/eph')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show /app' }).click();
  const details = page.locator('[data-selected-path="/app"]');
  await expect(details.locator('[data-field="data"]')).toHaveText('hello');
  const stat = (await run(page, 'stat /app')).slice(1);
  expect(stat[0]).toMatch(/^cZxid = 0x1000000/);
  expect(stat).toContain('numChildren = 0');
  await expect(details.locator('[data-field="stat"]')).toHaveText(stat.join('\n'), { useInnerText: true });
  const acl = (await run(page, 'getAcl /app')).slice(1);
  expect(acl).toEqual(["'world,'anyone", ': cdrwa']);
  await expect(details.locator('[data-field="acl"]')).toHaveText(acl.join('\n'), { useInnerText: true });

  // Closing the second tab (Delete on the tab, as the ARIA tabs pattern has it) closes its session.
  await tab(page, /zk2$/).press('Delete');
  await expect(page.getByRole('tab')).toHaveCount(1);
  await expect(tab(page, /zk1$/)).toHaveAttribute('aria-selected', 'true');
  // The × does the same with the mouse.
  await openTab(page, 3);
  await page.locator('[data-close-tab]').click();
  await expect(page.getByRole('tab')).toHaveCount(1);
});

test('Tab completes command names and znode paths; ↑ still walks the history', async ({ page }) => {
  await page.goto('/?voters=3');
  await run(page, 'lab run 5s');
  await run(page, 'create /app hello');
  await expect(znode(page, '/app')).toBeVisible();

  const box = commandBox(page);
  await box.fill('cre');
  await box.press('Tab');
  await expect(box).toHaveValue('create ');
  await expect(box).toBeFocused();

  await box.fill('get /a');
  await box.press('Tab');
  await expect(box).toHaveValue('get /app');
  await box.fill('ls /zookeeper/co');
  await box.press('Tab');
  await expect(box).toHaveValue('ls /zookeeper/config');
  await box.fill('lab stat');
  await box.press('Tab');
  await expect(box).toHaveValue('lab status ');

  // Several candidates: a second Tab lists them.
  await box.fill('ls /zookeeper/');
  await box.press('Tab');
  await box.press('Tab');
  await expect(consoleLog(page).locator('[data-kind="info"]').last()).toHaveText('/zookeeper/config  /zookeeper/quota');

  await box.fill('');
  await box.press('ArrowUp');
  await expect(box).toHaveValue('create /app hello');

  // Znode data is shown as text, never as HTML.
  await run(page, 'create /h "<img src=x onerror=alert(1)>"');
  await page.getByRole('button', { name: 'Show /h' }).click();
  await expect(page.locator('[data-selected-path="/h"] [data-field="data"]')).toHaveText('<img src=x onerror=alert(1)>');
  await expect(page.locator('.znode-panel img')).toHaveCount(0);
});

test('the inspector shows epochs and the log; a learner that rejoins flashes the sync mode', async ({ page }) => {
  await page.goto('/?voters=3');
  await run(page, 'lab run 5s');
  await run(page, 'lab pause');
  await run(page, 'lab kill 1');
  await run(page, 'connect zk2:2181');
  await run(page, 'create /x 1');

  await page.getByRole('button', { name: 'Inspect zk3' }).click();
  const details = page.locator('[data-details-server="3"]');
  await expect(details.locator('[data-field="acceptedEpoch"]')).toHaveText('1');
  await expect(details.locator('[data-field="currentEpoch"]')).toHaveText('1');
  const rows = details.locator('.txnlog-rows li[data-zxid]');
  await expect(rows.last()).toContainText('create');
  await expect(rows.last()).toContainText('/x');
  await expect(rows.last()).toHaveAttribute('data-committed', 'true');

  await run(page, 'lab start 1');
  await run(page, 'lab run 1500ms');
  await expect(page.locator('[data-server="1"]')).toHaveAttribute('data-state', 'FOLLOWING');
  await expect(page.locator('.sync-flash[data-sync-server="1"]')).toHaveAttribute('data-sync-mode', 'DIFF');
  await run(page, 'lab run 6s');
  await expect(page.locator('.sync-flash[data-sync-server="1"]')).toHaveCount(0);
});
