// A new server joins a running ensemble (issue 13 item 2): `lab add observer` starts zk4 — its own
// Web Worker and disk — the ring makes room for its card, and `reconfig -add` makes it an
// observer that serves reads of znodes created before it joined, through a session on zk4 opened
// from the console's server picker; a rewind to before the add takes zk4 away. Simulated time is driven through the console; every wait is
// on the DOM, never on the wall clock.
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test } from './helpers.ts';
import { consoleLog, expectConnected, expectWorkers, run, server } from './helpers.ts';

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

const LAB = '/?reconfigEnabled=true&superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs=';

test('lab add observer, reconfig -add: zk4 observes with the leader\'s zxid and serves a read', async ({ page }) => {
  await page.goto(LAB);
  await expectConnected(page);
  await run(page, 'lab run 3s');
  expect(await run(page, 'create /before data-before')).toContain('Created /before');
  await expect(server(page, 4)).toHaveCount(0);
  await expectWorkers(page, 3);

  expect(await run(page, 'lab add observer')).toContain('zk4 started as a new observer: its zoo.cfg lists zk1, zk2, zk3 and itself');
  await expect(server(page, 4)).toBeVisible();
  await expectWorkers(page, 4);
  await run(page, 'lab run 3s');
  // Before it is added it adopts the ensemble's newer config, which does not name it: it follows.
  await expect(server(page, 4)).toHaveAttribute('data-state', 'FOLLOWING');

  await run(page, 'addauth digest super:admin');
  const added = await run(page, 'reconfig -add server.4=zk4:2888:3888:observer;zk4:2181');
  expect(added).toContain('Committed new configuration:');
  expect(added).toContain('server.4=zk4:2888:3888:observer;zk4:2181');
  await run(page, 'lab run 3s');
  await expect(server(page, 4)).toHaveAttribute('data-state', 'OBSERVING');
  const leader = page.locator('[data-server][data-state="LEADING"]');
  await expect(leader).toHaveCount(1);
  // the card's last logged zxid (its row is titled so)
  const zxid = async (loc: ReturnType<typeof server>) => (await loc.locator('div[title="last logged zxid"] dd').getAttribute('title')) ?? '';
  await expect.poll(async () => zxid(server(page, 4))).toBe(await zxid(leader));

  // A session on zk4 from the console's server picker reads what was created before it joined.
  await page.getByRole('combobox', { name: 'Server for a new session' }).selectOption('4');
  await page.getByRole('button', { name: 'New zkCli session on zk4' }).click();
  await expect(page.getByRole('tab', { name: /zk4$/ })).toHaveAttribute('aria-selected', 'true');
  await expect(consoleLog(page)).toContainText('Connecting to zk4:2181');
  await expectConnected(page);
  await expect(consoleLog(page)).toHaveAttribute('aria-busy', 'false');
  const got = await run(page, 'get /before');
  expect(got[0]).toMatch(/^\[zk: zk4:2181\(CONNECTED\) \d+\] get \/before$/);
  expect(got).toContain('data-before');

  // Rewinding to before the add takes zk4 away again: its card and its worker go.
  await run(page, 'lab seek 2s');
  await expect(server(page, 4)).toHaveCount(0);
  await expectWorkers(page, 3);
  await expect(server(page, 3)).toBeVisible();
});
