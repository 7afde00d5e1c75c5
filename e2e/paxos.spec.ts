// The Paxos lab in the page (?protocol=paxos): one Web Worker per process, the console takes
// `propose` and the lab commands, the ring and the Paxos panel show what is chosen apart from what
// a learner learned, the ballot × acceptor grid and P2c; step, rewind, branches and Share links
// work as for ZooKeeper; the invariants panel goes red under a bug switch's preset.
// No wall-clock waits: simulated time is driven through the console; waits are on the DOM.
import AxeBuilder from '@axe-core/playwright';
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test, type Page } from './helpers.ts';
import { commandBox, consoleLog, expectWorkers, run, server } from './helpers.ts';

/** a1 a2 a3 (1–3), p1 p2 (4–5), l1 (6) in the default lab. */
const A1 = 1;
const P1 = 4;
const L1 = 6;

async function openTab(page: Page, tab: string): Promise<void> {
  await page.locator(`.lower-tab[data-tab="${tab}"]`).click();
  await expect(page.locator(`.lower-tab[data-tab="${tab}"]`)).toHaveAttribute('aria-pressed', 'true');
}

test('one worker per process; propose in the console; chosen in the ring, the panel and lab status', async ({ page }) => {
  await page.goto('/?protocol=paxos&seed=1');
  await expectWorkers(page, 6);
  await expect(page.locator('.console-input .prompt')).toHaveText('[paxos]');
  // The console keeps its contract names, and no zkCli sessions or znode tree exist here.
  await expect(commandBox(page)).toBeVisible();
  await expect(consoleLog(page)).toContainText('Paxos lab: a1 a2 a3 p1 p2 l1');
  await expect(page.locator('.console-tabs')).toHaveCount(0);
  await expect(page.locator('.lower-tab[data-tab="znodes"]')).toHaveCount(0);
  await run(page, 'lab pause');
  await expect(server(page, A1)).toHaveAttribute('data-state', 'acceptor');
  await expect(server(page, P1)).toHaveAttribute('data-state', 'proposer');
  await expect(server(page, L1)).toHaveAttribute('data-state', 'learner');

  expect(await run(page, 'propose p1 x')).toEqual(['[paxos] propose p1 x', 'p1 proposes x']);
  await run(page, 'lab run 2s');
  await expect(consoleLog(page)).toContainText('p1: chosen x (ballot 1.1)');
  const status = await run(page, 'lab status');
  expect(status).toContain('chosen: x (ballot 1.1)');
  expect(status).toContain('l1 learner learned=x (ballot 1.1)');

  // The ring: the acceptors' promise and accepted proposal, the learner's value.
  await expect(server(page, A1).locator('[data-field="accepted"]')).toHaveText('(1.1, x)');
  await expect(server(page, L1).locator('[data-field="learned"]')).toHaveText('x (1.1)');
  // The panel: chosen (a fact about the acceptors) apart from what l1 learned; the grid's row.
  await openTab(page, 'paxos');
  const chosen = page.locator('.paxos-chosen');
  await expect(chosen).toHaveAttribute('data-chosen', 'x');
  await expect(chosen).toHaveAttribute('data-ballot', '1.1');
  await expect(page.locator('[data-learner="l1"]')).toHaveAttribute('data-learned', 'x');
  const row = page.locator('[data-ballot-row="1.1"]');
  await expect(row).toHaveAttribute('data-chosen', 'true');
  await expect(row.locator('td[data-state="accepted"]')).toHaveCount(3);

  // Wrong words get the protocol's usage, never zkCli's.
  expect((await run(page, 'propose a1 z')).at(-1)).toMatch(/^usage: propose P VALUE/);
  expect((await run(page, 'ls /')).at(-1)).toMatch(/^unknown command: ls/);
});

test('P2c made visible: the promise set, the highest reported proposal and why p2 proposes x', async ({ page }) => {
  await page.goto('/?protocol=paxos&seed=1');
  await run(page, 'lab pause');
  // p1 gets x accepted by a1 and a2 (a3 cut off); then p2, cut off from a1, collects promises
  // from a2 (which reports (1.1, x)) and a3, and must propose x instead of its own y.
  await run(page, 'lab cut p1 a3');
  await run(page, 'propose p1 x');
  await run(page, 'lab run 500ms');
  await run(page, 'lab cut p2 a1');
  await run(page, 'propose p2 y');
  await run(page, 'lab run 2s');
  await openTab(page, 'paxos');
  const p2 = page.locator('[data-proposer="p2"]');
  const replaced = p2.locator('.paxos-replaced');
  await expect(replaced).toHaveAttribute('data-replaced', 'x');
  await expect(replaced).toHaveAttribute('data-own', 'y');
  await expect(replaced).toContainText('p2 must propose x in ballot 1.2, not its own y');
  await expect(page.locator('[data-ballot-row="1.2"] th')).toContainText('P2c: x, not its own y');
  // The grid: a1 accepted 1.1; a3 never heard of 1.1 and has promised 1.2 since, so 1.1 is blocked there.
  await expect(page.locator('td[data-acceptor="a1"][data-ballot="1.1"]')).toHaveAttribute('data-state', 'accepted');
  await expect(page.locator('td[data-acceptor="a3"][data-ballot="1.1"]')).toHaveAttribute('data-state', 'blocked');
  await expect(page.locator('.paxos-chosen')).toHaveAttribute('data-chosen', 'x');
  // The event log tells the same in its own words.
  await expect(page.locator('.eventlog-rows')).toContainText('p2 must propose x in ballot 1.2, not its own y');
});

test('step buttons, rewind (lab back, the slider), acting in the past forks a branch', async ({ page }) => {
  await page.goto('/?protocol=paxos&seed=3');
  await run(page, 'lab pause');
  await run(page, 'propose p1 x');
  await page.getByRole('button', { name: 'Next PREPARE' }).click();
  await expect(consoleLog(page)).toContainText(/stepped \d+ events? to \d+\.\d{3}s p1->a\d PREPARE ballot=1\.1/);
  await page.getByRole('button', { name: 'Next chosen' }).click();
  await expect(consoleLog(page)).toContainText(/\(next chosen\) stepped \d+ events? to \d+\.\d{3}s a\d accepts the proposal \(1\.1, x\)/);
  await expect(page.locator('[data-testid="break-hit"]')).toContainText('accepts the proposal (1.1, x)');
  await run(page, 'lab run 2s');
  const end = (await run(page, 'lab hash')).at(-1)!;
  const back = await run(page, 'lab back 10');
  expect(back.at(-1)).toMatch(/^rewound 10 events; time /);
  // The slider back to the end: exactly the same run.
  const slider = page.getByRole('slider', { name: 'Simulated time' });
  const max = await slider.getAttribute('data-max');
  await slider.fill(String(Math.round(Number(max))));
  await expect(slider).toHaveAttribute('data-now', String(Number(max)));
  expect((await run(page, 'lab hash')).at(-1)).toBe(end);
  // Act in the past: a new branch; the first run stays.
  await slider.fill('500');
  await expect(slider).toHaveAttribute('data-now', '500');
  await run(page, 'propose p2 y');
  await run(page, 'lab run 2s');
  const branches = await run(page, 'lab branches');
  expect(branches[1]).toMatch(/^ {2}branch 1: the first run/);
  expect(branches[2]).toMatch(/^\* branch 2: forked from branch 1 at 0\.500s/);
  expect((await run(page, 'lab branch 1')).at(-1)).toMatch(/^branch 1; time /);
  expect((await run(page, 'lab hash')).at(-1)).toBe(end);
});

test('breakpoints list the protocol\'s packet types; one on PROMISE pauses playback right after a promise', async ({ page }) => {
  await page.goto('/?protocol=paxos&seed=5&do=lab+pause');
  await expect(consoleLog(page)).toContainText('paused at 0.000s');
  await page.getByText('Breakpoints').click();
  const kinds = page.locator('.breakpoints fieldset label');
  await expect(kinds).toHaveText(['PREPARE', 'PROMISE', 'ACCEPT', 'ACCEPTED', 'NACK']);
  await page.getByRole('checkbox', { name: 'PROMISE' }).check();
  await run(page, 'propose p2 z');
  await run(page, 'lab play');
  await expect(page.getByTestId('break-hit')).toContainText(/Stopped at \d+\.\d{3}s a\d->p2 PROMISE ballot=1\.2 accepted=none/);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('a Share link replays the Paxos run in a second page: the same lab hash', async ({ page, context }) => {
  await page.goto('/?protocol=paxos&acceptors=5&proposers=2&learners=2&retry=leader&seed=11');
  await expectWorkers(page, 9);
  await run(page, 'lab pause');
  await run(page, 'propose p1 x');
  await run(page, 'lab faults p2 a1 loss=0.5');
  await run(page, 'lab kill a5');
  await run(page, 'lab run 300ms');
  await run(page, 'propose p2 y');
  await run(page, 'lab run 2s');
  const hash = (await run(page, 'lab hash')).at(-1)!;
  await page.locator('.share-run summary').click();
  const linkBox = page.locator('[data-share-link]');
  await expect(linkBox).toHaveValue(/[?&]run=[A-Za-z0-9_-]+/);
  const link = await linkBox.inputValue();
  expect(link).toContain('protocol=paxos');
  expect(link).toContain('acceptors=5');
  expect(link).toContain('retry=leader');

  const other = await context.newPage();
  const errors: string[] = [];
  other.on('pageerror', (e) => errors.push(e.message));
  await other.goto(link);
  await expect(server(other, 5)).toHaveAttribute('data-state', 'DOWN');
  expect((await run(other, 'lab hash')).at(-1)).toBe(hash);
  await expect(other.locator('.notice-config')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('pasted lines, history, Tab completion and ?do= lines work in a Paxos console', async ({ page }) => {
  await page.goto('/?protocol=paxos&seed=2&do=lab+pause&do=propose+p1+x&do=lab+run+1s');
  await expect(consoleLog(page)).toContainText('[paxos] lab run 1s');
  await expect(consoleLog(page)).toContainText('p1: chosen x (ballot 1.1)');
  const box = commandBox(page);
  // A paste of several lines runs them in order.
  await box.focus();
  await page.evaluate(() => {
    const el = document.querySelector<HTMLTextAreaElement>('.console-input textarea')!;
    const data = new DataTransfer();
    data.setData('text/plain', 'propose p2 y\nlab run 1s\n');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(consoleLog(page)).toContainText('[paxos] propose p2 y');
  await expect(consoleLog(page)).toContainText('p2: chosen x (ballot 1.2)');
  // ↑ brings back the last line.
  await box.focus();
  await page.keyboard.press('ArrowUp');
  await expect(box).toHaveValue('lab run 1s');
  // Tab completes the protocol's command and the processes' names.
  await box.fill('pro');
  await page.keyboard.press('Tab');
  await expect(box).toHaveValue('propose ');
  await box.fill('lab kill a');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(consoleLog(page)).toContainText('a1  a2  a3');
});

test('the space-time diagram has a lane per process; the inspector shows state and disk; zh-CN event text', async ({ page }) => {
  await page.goto('/?protocol=paxos&seed=4&lang=zh-CN');
  await run(page, 'lab pause');
  await run(page, 'propose p1 x');
  await run(page, 'lab run 1s');
  await openTab(page, 'timeline');
  const body = page.locator('.timeline-body');
  await expect(body).toHaveAttribute('data-lanes', '6');
  await expect(page.locator('.timeline-canvas')).toHaveAttribute('aria-label', /6/);
  await page.locator('.timeline-tools button[aria-controls="timeline-text"]').click();
  await expect(page.locator('#timeline-text')).toContainText(/p1->a1 PREPARE ballot=1\.1/);
  // The inspector: a2's fields, its state and its disk as key/value rows.
  await server(page, 2).locator('.server-name').click();
  const details = page.locator('[data-details-server="2"]');
  await expect(details.locator('[data-field="promised"]')).toHaveText('1.1');
  await expect(details.locator('[data-section="state"]')).toContainText('acceptor');
  await expect(details.locator('[data-section="disk"] [data-key="accepted"]')).toContainText('x');
  // The event log in Chinese, from the protocol's own text.
  await expect(page.locator('.eventlog-rows')).toContainText('a2 向 p1 承诺编号 1.1');
});

test('the invariants panel goes red under sameBallot and its preset, saying where and why', async ({ page }) => {
  await page.goto('/?protocol=paxos&bugs=sameBallot&seed=1');
  await run(page, 'lab pause');
  await openTab(page, 'invariants');
  await expect(page.locator('.inv-row')).toHaveCount(4);
  await expect(page.locator('.inv-row[data-ok="false"]')).toHaveCount(0);
  const out = await run(page, 'lab preset');
  expect(out).toContainEqual(expect.stringMatching(/^preset sameBallot/));
  const row = page.locator('.inv-row[data-check="Agreement"]');
  await expect(row).toHaveAttribute('data-ok', 'false');
  const v = row.locator('.inv-violation');
  await expect(v).toContainText(/broke at \d+\.\d{3} s \(event \d+\)/);
  await expect(v.locator('.inv-why')).toContainText(/chosen at ballot 1\.\d by a\d,a\d and \S+ chosen at ballot 1\.\d/);
  await expect(v.locator('.inv-servers')).toContainText(/a\d/);
  await expect(row.locator('.inv-desc')).toContainText('At most one value is chosen');
  await expect(page.locator('.lower-tab-badge')).toBeVisible();
  expect((await run(page, 'lab invariants')).find((l) => l.startsWith('Agreement'))).toMatch(/^Agreement BROKEN at /);
  await openTab(page, 'paxos');
  await expect(page.locator('.paxos-broken')).toBeVisible();
});

test('the protocol picker leads from the ZooKeeper page to the Paxos lab with the same seed', async ({ page }) => {
  await page.goto('/?voters=3&seed=4');
  const nav = page.getByRole('navigation', { name: 'Protocol' });
  await expect(nav.getByRole('link', { name: 'ZooKeeper' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'Paxos', exact: true }).click();
  await expect(page).toHaveURL(/[?&]protocol=paxos/);
  expect(new URL(page.url()).searchParams.get('seed')).toBe('4');
  await expect(server(page, A1)).toHaveAttribute('data-state', 'acceptor');
  await expect(page.getByRole('navigation', { name: 'Protocol' }).getByRole('link', { name: 'Paxos', exact: true })).toHaveAttribute('aria-current', 'page');
  // Its size pickers: a new lab with five acceptors keeps the seed.
  await page.getByRole('combobox', { name: 'Acceptors' }).selectOption('5');
  await page.getByRole('button', { name: 'New ensemble' }).click();
  await expect(page).toHaveURL(/acceptors=5/);
  await expectWorkers(page, 8);
  await expect(consoleLog(page)).toContainText('Paxos lab: a1 a2 a3 a4 a5 p1 p2 l1 (seed 4)');
});

test('kill, start, link cut and partition drag work on Paxos processes', async ({ page }) => {
  await page.goto('/?protocol=paxos&seed=6');
  await run(page, 'lab pause');
  await page.getByRole('button', { name: 'Kill a3' }).click();
  await expect(server(page, 3)).toHaveAttribute('data-state', 'DOWN');
  await expect(consoleLog(page)).toContainText('[paxos] lab kill a3');
  await expectWorkers(page, 5);
  await page.getByRole('button', { name: 'Start a3' }).click();
  await expect(server(page, 3)).toHaveAttribute('data-state', 'acceptor');
  await page.locator('[data-link-hit="1-2"]').click();
  await expect(consoleLog(page)).toContainText('[paxos] lab cut a1 a2');
  await expect(page.locator('[data-link="1-2"]')).toHaveAttribute('data-cut', 'both');
  await run(page, 'lab heal');
  // Drag a2's card onto Group B.
  const card = server(page, 2).locator('.server-fields');
  const zone = page.locator('[data-drop-group="1"]');
  const from = (await card.boundingBox())!;
  const to = (await zone.boundingBox())!;
  await page.mouse.move(from.x + 10, from.y + 5);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(consoleLog(page)).toContainText(/\[paxos\] lab partition a1,a3,p1,p2,l1 a2/);
  expect((await run(page, 'lab status')).at(-1)).toMatch(/^cut: /);
});

test('axe finds no serious or critical violations on the Paxos page', async ({ page }) => {
  await page.goto('/?protocol=paxos&seed=1');
  await run(page, 'lab pause');
  await run(page, 'propose p1 x');
  await run(page, 'lab run 1s');
  await openTab(page, 'paxos');
  await server(page, P1).locator('.server-name').click();
  await expect(page.locator('[data-details-server="4"] [data-section="state"]')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`)).toEqual([]);
});
