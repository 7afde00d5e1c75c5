// Dynamic reconfiguration from the page: a server's ⋯ menu → Remove from ensemble runs
// `addauth digest super:admin` (once) and `reconfig -remove N` in the console, as a user would;
// + Observer / + Voter sit by the ring's pickers, and with reconfigEnabled the Voters / Observers
// pickers resize the running ensemble the same way; the ring's header counts the live
// configuration. Against the built site; waits are on the DOM.
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test, type Page } from './helpers.ts';
import { consoleLog, expectConnected, run, server } from './helpers.ts';

const RECONFIG = '/?reconfigEnabled=true&superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs=&voters=3';

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

async function stateOf(page: Page, sid: number): Promise<string | null> {
  return server(page, sid).getAttribute('data-state');
}

/** The ring's header: `3 voters + 2 observers · seed …`. */
const header = (page: Page) => page.locator('.cluster-panel .ensemble-main');
const picker = (page: Page, name: 'Voters' | 'Observers') => page.locator('.ensemble-live label', { hasText: name }).locator('select');
const znode = (page: Page, path: string) => page.locator(`[data-path="${path}"]`);

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
  // The header counts the live configuration; the removed servers' cards stay, outside it.
  await expect(header(page)).toHaveText(/^1 voter ·/);
  await expect(server(page, leader)).toHaveAttribute('data-member', 'false');
  await expect(server(page, follower)).toHaveAttribute('data-member', 'false');
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

test('+ Voter with one voter: the new server syncs as a non-voting follower first, then reconfig -add makes it a voter', async ({ page }) => {
  await page.goto(RECONFIG.replace('voters=3', 'voters=1'));
  await run(page, 'lab run 5s');
  await expect(page.getByRole('button', { name: '+ Voter' })).toBeEnabled();
  const log = consoleLog(page);
  await page.getByRole('button', { name: '+ Voter' }).click();
  await expect(log).toContainText('server.2=zk2:2888:3888:participant;zk2:2181');
  await expect(log).not.toContainText('NewConfigNoQuorum');
  const echoes = (await log.locator('[data-kind="echo"]').allTextContents()).map((l) => l.replace(/^.*\] /, ''));
  expect(echoes[echoes.indexOf('lab add voter') + 1]).toBe('lab run 1s');
  expect(echoes.at(-1)).toBe('reconfig -add server.2=zk2:2888:3888:participant;zk2:2181');
  await expect(header(page)).toHaveText(/^2 voters ·/);
  await expect(server(page, 2)).toHaveAttribute('data-state', 'FOLLOWING');
});

test('a non-voting participant carries a badge on its card (lab add voter in a 1-voter lab), in English and in Chinese, until reconfig -add makes it a voter', async ({ page }) => {
  for (const lang of ['en', 'zh-CN'] as const) {
    await page.goto(`${RECONFIG.replace('voters=3', 'voters=1')}&lang=${lang}`);
    await run(page, 'lab pause');
    await run(page, 'lab run 5s');
    await run(page, 'lab add voter');
    await run(page, 'lab run 1s');
    expect(await run(page, 'lab status')).toContainEqual(expect.stringMatching(/^zk2 FOLLOWING \(non-voting\) /));
    const badge = page.locator('[data-nonvoting-server="2"]');
    await expect(server(page, 2)).toHaveAttribute('data-nonvoting', 'true');
    await expect(badge).toBeVisible();
    await expect(badge).toHaveText(lang === 'en' ? 'non-voting' : '无投票权');
    await expect(badge).toHaveAttribute('title', lang === 'en' ? /^A non-voting participant: / : /^无投票权的参与者：/);
    await expect(page.locator('[data-nonvoting-server]')).toHaveCount(1);
    if (lang === 'zh-CN') break;
    await run(page, 'addauth digest super:admin');
    await run(page, 'reconfig -add server.2=zk2:2888:3888:participant;zk2:2181');
    await run(page, 'lab run 1s');
    await expect(server(page, 2)).toHaveAttribute('data-state', 'FOLLOWING');
    await expect(badge).toHaveCount(0);
    await expect(server(page, 2)).not.toHaveAttribute('data-nonvoting', 'true');
  }
});

test('Observers picker 0 → 2 in a running lab: two observers join live, sync and serve reads; the tree and the sessions stay; 2 → 0 again', async ({ page }) => {
  test.setTimeout(120_000); // two adds, two new sessions and a removal, on a shared machine
  await page.goto(RECONFIG);
  await run(page, 'lab run 5s'); // the console's session connects meanwhile
  expect(await run(page, 'create /before x')).toContain('Created /before');
  expect(await run(page, 'create -e /mine e')).toContain('Created /mine');
  await expect(znode(page, '/before')).toBeVisible();
  await expect(header(page)).toHaveText(/^3 voters ·/);
  const log = consoleLog(page);
  const connects = await log.getByText('WatchedEvent state:SyncConnected type:None path:null').count();

  await expect(picker(page, 'Observers')).toHaveValue('0');
  await picker(page, 'Observers').selectOption('2');
  await expect(header(page)).toHaveText(/^3 voters \+ 2 observers ·/);
  await expect(picker(page, 'Observers')).toHaveValue('2');
  await expect(page.locator('.ensemble-live')).toHaveAttribute('aria-busy', 'false');
  const echoes = (await log.locator('[data-kind="echo"]').allTextContents()).map((l) => l.replace(/^.*\] /, ''));
  expect(echoes.slice(-5)).toEqual([
    'lab add observer', 'addauth digest super:admin', 'reconfig -add server.4=zk4:2888:3888:observer;zk4:2181',
    'lab add observer', 'reconfig -add server.5=zk5:2888:3888:observer;zk5:2181',
  ]);
  await run(page, 'lab run 5s');
  const leader = page.locator('[data-server][data-state="LEADING"]');
  await expect(leader).toHaveCount(1);
  const zxid = async (loc: ReturnType<typeof server>) => (await loc.locator('div[title="last logged zxid"] dd').getAttribute('title')) ?? '';
  for (const sid of [4, 5]) {
    await expect(server(page, sid)).toHaveAttribute('data-state', 'OBSERVING');
    await expect(server(page, sid)).toHaveAttribute('data-observer', 'true');
    await expect.poll(async () => zxid(server(page, sid))).toBe(await zxid(leader));
  }
  // The console's session is the same one (its ephemeral is there, no new connection) and the tree is untouched.
  expect(await run(page, 'get /mine')).toContain('e');
  expect(await log.getByText('WatchedEvent state:SyncConnected type:None path:null').count()).toBe(connects);
  await expect(znode(page, '/before')).toBeVisible();
  await expect(znode(page, '/mine')).toHaveAttribute('data-kind', 'ephemeral');
  // Each observer serves reads, to a session of its own.
  for (const sid of [4, 5]) {
    await page.getByRole('combobox', { name: 'Server for a new session' }).selectOption(String(sid));
    await page.getByRole('button', { name: `New zkCli session on zk${sid}` }).click();
    await expect(page.getByRole('tab', { name: new RegExp(`zk${sid}$`) })).toHaveAttribute('aria-selected', 'true');
    await expect(log).toContainText(`Connecting to zk${sid}:2181`);
    await expectConnected(page);
    await expect(log).toHaveAttribute('aria-busy', 'false');
    const got = await run(page, 'get /before');
    expect(got[0]).toMatch(new RegExp(`^\\[zk: zk${sid}:2181\\(CONNECTED\\) \\d+\\] get /before$`));
    expect(got).toContain('x');
  }

  // Lower it back: one reconfig -remove of both, newest first; the header follows.
  await page.getByRole('tab', { name: /zk1$/ }).click();
  await picker(page, 'Observers').selectOption('0');
  await expect(header(page)).toHaveText(/^3 voters ·/);
  await expect(log.locator('[data-kind="echo"]').last()).toHaveText(/ reconfig -remove 5,4$/);
  await expect(server(page, 4)).toHaveAttribute('data-member', 'false');
  // Voters: the picker starts at 1 (reconfig refuses a configuration without a voter); 1 is open (zk1 is in sync).
  await expect(picker(page, 'Voters').locator('option[value="0"]')).toHaveCount(0);
  await expect(picker(page, 'Voters').locator('option[value="1"]')).toBeEnabled();
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
  // The pickers say a new size is a new ensemble, and offer to reopen with reconfigEnabled.
  await page.keyboard.press('Escape');
  await page.locator('.ensemble-size label', { hasText: 'Observers' }).locator('select').selectOption('1');
  await expect(page.getByRole('button', { name: 'New ensemble' })).toHaveAttribute('title', /cannot change its members while it runs/);
  await page.getByRole('button', { name: 'Turn on reconfig' }).click();
  await expect(page).toHaveURL(/reconfigEnabled=true/);
  await expect(page).toHaveURL(/observers=0/);
  await expect(picker(page, 'Observers')).toHaveValue('0');
  await expect(page.getByRole('button', { name: '+ Observer' })).toBeVisible();
});
