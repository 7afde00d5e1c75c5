// Dynamic reconfiguration from the page: a server's ⋯ menu → Remove from ensemble runs
// `addauth digest super:admin` (once) and `reconfig -remove N` in the console, as a user would;
// + Observer / + Voter sit by the ring's pickers. Against the built site; waits are on the DOM.
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test, type Page } from './helpers.ts';
import { consoleLog, run, server } from './helpers.ts';

const RECONFIG = '/?reconfigEnabled=true&superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs=&voters=3';

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

async function stateOf(page: Page, sid: number): Promise<string | null> {
  return server(page, sid).getAttribute('data-state');
}

async function removeFromMenu(page: Page, sid: number): Promise<void> {
  await page.getByRole('button', { name: `More actions for zk${sid}` }).click();
  await page.getByRole('menu', { name: `More actions for zk${sid}` }).getByRole('menuitem', { name: 'Remove from ensemble' }).click();
}

test('Remove from ensemble: a follower, then the leader, through the console', async ({ page }) => {
  await page.goto(RECONFIG);
  await run(page, 'lab run 5s');
  await run(page, 'lab pause');
  const sids = [1, 2, 3];
  const states = await Promise.all(sids.map((s) => stateOf(page, s)));
  const leader = sids[states.indexOf('LEADING')]!;
  expect(leader).toBeDefined();
  // A follower other than zk1, the server the console's session is connected to.
  const follower = sids.filter((s) => s !== leader && s !== 1).pop() ?? sids.find((s) => s !== leader)!;
  expect(await stateOf(page, follower)).toBe('FOLLOWING');

  const log = consoleLog(page);
  await removeFromMenu(page, follower);
  await expect(log).toContainText('Committed new configuration:');
  const lines = await log.locator('[data-kind]').allTextContents();
  const auth = lines.findIndex((l) => l.endsWith(' addauth digest super:admin'));
  const remove = lines.findIndex((l) => l.endsWith(` reconfig -remove ${follower}`));
  expect(auth).toBeGreaterThanOrEqual(0);
  expect(remove).toBeGreaterThan(auth);
  const after = lines.slice(remove);
  const committed = after.findIndex((l) => l.includes('Committed new configuration:'));
  expect(committed).toBeGreaterThan(0);
  const config = after.slice(committed + 1).filter((l) => l.startsWith('server.'));
  expect(config.length).toBeGreaterThan(0);
  expect(config.some((l) => l.startsWith(`server.${follower}=`))).toBe(false);
  expect(config.some((l) => l.startsWith(`server.${leader}=`))).toBe(true);

  // The leader: the session is super already, so only the reconfig runs; the designated leader hands over.
  const before = await log.locator('[data-kind]').count();
  await removeFromMenu(page, leader);
  await expect(log.locator('[data-kind]').nth(before)).toHaveText(new RegExp(` reconfig -remove ${leader}$`));
  await expect(log).not.toHaveAttribute('aria-busy', 'true');
  const echoes = (await log.locator('[data-kind="echo"]').allTextContents()).filter((l) => l.endsWith(' addauth digest super:admin'));
  expect(echoes).toHaveLength(1);
  await run(page, 'lab run 5s');
  const remaining = sids.filter((s) => s !== leader && s !== follower);
  await expect.poll(async () => Promise.all(remaining.map((s) => stateOf(page, s)))).toContain('LEADING');
});

test('+ Observer adds a server to the running ensemble: lab add, then reconfig -add; it syncs and observes', async ({ page }) => {
  await page.goto(RECONFIG);
  await run(page, 'lab run 5s');
  await run(page, 'create /before x');
  await expect(page.getByRole('button', { name: '+ Voter' })).toBeEnabled();
  const log = consoleLog(page);
  await page.getByRole('button', { name: '+ Observer' }).click();
  await expect(log).toContainText('server.4=zk4:2888:3888:observer;zk4:2181');
  const echoes = (await log.locator('[data-kind="echo"]').allTextContents()).map((l) => l.replace(/^.*\] /, ''));
  expect(echoes.slice(-3)).toEqual(['lab add observer', 'addauth digest super:admin', 'reconfig -add server.4=zk4:2888:3888:observer;zk4:2181']);
  await run(page, 'lab run 5s');
  await expect(server(page, 4)).toHaveAttribute('data-state', 'OBSERVING');
  // The console's session and its znodes are untouched.
  await run(page, 'get /before');
  await expect(log.locator('[data-kind]').last()).toHaveText('x');
});

test('without reconfigEnabled: no Remove from ensemble, no + Observer / + Voter', async ({ page }) => {
  await page.goto('/?voters=3');
  await run(page, 'lab pause');
  await page.getByRole('button', { name: 'More actions for zk2' }).click();
  const menu = page.getByRole('menu', { name: 'More actions for zk2' });
  await expect(menu.getByRole('menuitem', { name: 'Isolate (cut all its links)' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Remove from ensemble' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '+ Observer' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '+ Voter' })).toHaveCount(0);
});
