// The Multi-Paxos lab in the page (?protocol=multipaxos): one Web Worker per replica, a leader
// elected by phase 1, `propose` to the leader from the console, the slot grid with each replica's
// watermarks, a slot chosen out of order highlighted (with why ZAB never allows it), the step
// buttons, a Share link's replay and the invariants panel under a bug switch.
// No wall-clock waits: simulated time is driven through the console; waits are on the DOM.
import AxeBuilder from '@axe-core/playwright';
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test, type Page } from './helpers.ts';
import { consoleLog, expectWorkers, run, server } from './helpers.ts';

async function openTab(page: Page, tab: string): Promise<void> {
  await page.locator(`.lower-tab[data-tab="${tab}"]`).click();
  await expect(page.locator(`.lower-tab[data-tab="${tab}"]`)).toHaveAttribute('aria-pressed', 'true');
}

test('five replicas elect a leader; proposals fill slots the grid and lab status show', async ({ page }) => {
  await page.goto('/?protocol=multipaxos&seed=1');
  await expectWorkers(page, 5);
  await expect(page.locator('.console-input .prompt')).toHaveText('[multipaxos]');
  await run(page, 'lab pause');
  await run(page, 'lab run 3s');
  const leaders = page.locator('[data-server][data-state="leader"]');
  await expect(leaders).toHaveCount(1);
  const leaderName = (await leaders.locator('.server-name').textContent())!;
  const out = await run(page, 'propose a');
  expect(out.at(-1)).toBe(`${leaderName} (the leader) gets propose a`);
  await run(page, 'propose b');
  await run(page, 'lab run 1s');
  await expect(consoleLog(page)).toContainText(`${leaderName}: slot 1 chosen: a`);
  const status = await run(page, 'lab status');
  expect(status).toContain('slot 1: a chosen');
  expect(status).toContain('slot 2: b chosen');
  // The slot grid: both slots chosen and executed everywhere; the watermarks say 2.
  await openTab(page, 'multipaxos');
  await expect(page.locator('[data-slot-row="1"]')).toHaveAttribute('data-chosen', 'a');
  await expect(page.locator('[data-slot-row="2"]')).toHaveAttribute('data-chosen', 'b');
  await expect(page.locator('td.slot-cell[data-slot="2"][data-state="executed"]')).toHaveCount(5);
  await expect(page.locator('[data-watermarks="r1"]')).toHaveAttribute('data-executed', '2');
  // A card shows the leader and the watermarks.
  await expect(server(page, 1).locator('[data-field="leader"]')).toContainText(leaderName);
  await expect(server(page, 1).locator('[data-field="chosenUpTo"]')).toHaveText('2 · exec 2');
  // A follower answers with its leader.
  const follower = leaderName === 'r1' ? 'r2' : 'r1';
  await run(page, `propose ${follower} c`);
  await run(page, 'lab run 200ms');
  await expect(consoleLog(page)).toContainText(`${follower}: not the leader; the leader is ${leaderName} — c not proposed`);
});

test('a slot chosen out of order is highlighted, with why ZAB never allows it', async ({ page }) => {
  // MP_PRESETS.outOfOrder is written for three replicas and seed 2 (r1 leads).
  await page.goto('/?protocol=multipaxos&replicas=3&seed=2');
  await run(page, 'lab pause');
  const out = await run(page, 'lab preset outOfOrder');
  expect(out).toContainEqual(expect.stringMatching(/^preset outOfOrder/));
  await openTab(page, 'multipaxos');
  const note = page.locator('.slots-ooo');
  await expect(note).toHaveAttribute('data-out-of-order', '2');
  await expect(note).toHaveAttribute('data-waiting-for', '1');
  await expect(note).toContainText('Slot 2 was chosen at r1');
  await expect(note).toContainText("ZAB's primary order never allows this");
  await expect(note.getByRole('link', { name: 'Lesson: ZAB vs Paxos' })).toHaveAttribute('href', /lesson=zab-vs-paxos/);
  await expect(page.locator('[data-slot-row="2"]')).toHaveAttribute('data-out-of-order', 'true');
  // Chosen out of order, executed in order: both slots end up executed everywhere.
  await expect(page.locator('td.slot-cell[data-slot="1"][data-state="executed"]')).toHaveCount(3);
  await expect(page.locator('.eventlog-rows')).toContainText('Slot 2 is chosen before slot 1: r1 keeps it');
});

test('step buttons: next PREPARE, next leader change, next CHOSEN; rewind and branches', async ({ page }) => {
  // Paused from the start (?do=), before the first election.
  await page.goto('/?protocol=multipaxos&replicas=3&seed=2&do=lab+pause');
  await expect(consoleLog(page)).toContainText('paused at 0.000s');
  await page.getByRole('button', { name: 'Next PREPARE' }).click();
  await expect(consoleLog(page)).toContainText(/stepped \d+ events? to \d+\.\d{3}s r\d->r\d PREPARE ballot=1\.\d fromSlot=1/);
  await page.getByRole('button', { name: 'Next leader change' }).click();
  await expect(consoleLog(page)).toContainText(/\(next leader\) stepped \d+ events? to \d+\.\d{3}s r\d becomes leader with ballot 1\.\d/);
  await run(page, 'propose x');
  await page.getByRole('button', { name: 'Next chosen' }).click();
  await expect(consoleLog(page)).toContainText(/stepped \d+ events? to \d+\.\d{3}s r\d->r\d CHOSEN slot=1 value=x/);
  await run(page, 'lab run 1s');
  const end = (await run(page, 'lab hash')).at(-1)!;
  await run(page, 'lab back 20');
  await run(page, 'lab kill r3');
  await run(page, 'lab run 1s');
  const branches = await run(page, 'lab branches');
  expect(branches).toHaveLength(3);
  await run(page, 'lab branch 1');
  expect((await run(page, 'lab hash')).at(-1)).toBe(end);
});

test('a Share link replays the Multi-Paxos run: the same lab hash', async ({ page, context }) => {
  await page.goto('/?protocol=multipaxos&replicas=3&seed=2');
  await run(page, 'lab pause');
  await run(page, 'lab run 3s');
  await run(page, 'propose a');
  await run(page, 'lab partition r1 r2,r3');
  await run(page, 'lab run 4s');
  await run(page, 'lab heal');
  await run(page, 'propose b');
  await run(page, 'lab run 2s');
  const hash = (await run(page, 'lab hash')).at(-1)!;
  await page.locator('.share-run summary').click();
  const link = await page.locator('[data-share-link]').inputValue();
  expect(link).toContain('protocol=multipaxos');
  const other = await context.newPage();
  const errors: string[] = [];
  other.on('pageerror', (e) => errors.push(e.message));
  await other.goto(link);
  expect((await run(other, 'lab hash')).at(-1)).toBe(hash);
  await expect(other.locator('.notice-config')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the invariants panel goes red under skipPhase1 and its preset', async ({ page }) => {
  await page.goto('/?protocol=multipaxos&replicas=3&seed=2&bugs=skipPhase1');
  await run(page, 'lab pause');
  await openTab(page, 'invariants');
  await expect(page.locator('.inv-row')).toHaveCount(5);
  await run(page, 'lab preset');
  await expect(page.locator('.inv-row[data-ok="false"]').first()).toBeVisible();
  const row = page.locator('.inv-row[data-check="SlotAgreement"]');
  await expect(row).toHaveAttribute('data-ok', 'false');
  await expect(row.locator('.inv-why')).toContainText(/Slot \d+ has two chosen values/);
});

test('axe finds no serious or critical violations on the Multi-Paxos page', async ({ page }) => {
  await page.goto('/?protocol=multipaxos&replicas=3&seed=2');
  await run(page, 'lab pause');
  await run(page, 'lab preset outOfOrder');
  await openTab(page, 'multipaxos');
  await server(page, 1).locator('.server-name').click();
  await expect(page.locator('[data-details-server="1"] [data-section="state"]')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`)).toEqual([]);
});
