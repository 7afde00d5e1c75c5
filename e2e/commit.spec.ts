// 2PC and 3PC in the page (?protocol=2pc|3pc): a Web Worker per process (c, p1…pN), `begin` and
// `vote` in the console, each process's card (role, transaction, vote, outcome, locks), and the
// partition preset: 3PC commits on one side and aborts on the other — Atomicity red in the
// invariants panel with the reason — while 2PC under the same schedule blocks instead.
// No wall-clock waits: simulated time is driven through the console; waits are on the DOM.
import { expect, test, type Page } from './helpers.ts';
import { consoleLog, expectWorkers, run, server } from './helpers.ts';

/** c is 1, p1…p3 are 2…4. */
const P1 = 2;
const P3 = 4;

async function openTab(page: Page, tab: string): Promise<void> {
  await page.locator(`.lower-tab[data-tab="${tab}"]`).click();
  await expect(page.locator(`.lower-tab[data-tab="${tab}"]`)).toHaveAttribute('aria-pressed', 'true');
}

test('2PC: one worker per process; begin and vote in the console; the cards and lab status show each participant', async ({ page }) => {
  await page.goto('/?protocol=2pc&participants=3&seed=1');
  await expectWorkers(page, 4);
  await expect(page.locator('.console-input .prompt')).toHaveText('[2pc]');
  // The console's hint names the protocol's own commands.
  await expect(page.locator('.console .panel-hint')).toHaveText('begin, vote and lab commands · Tab completes · lab help');
  await run(page, 'lab pause');
  expect((await run(page, 'begin T1')).at(-1)).toBe('c begins T1');
  await run(page, 'lab run 1s');
  await expect(consoleLog(page)).toContainText('c: T1 committed');
  await expect(server(page, P1)).toHaveAttribute('data-state', 'committed');
  await expect(server(page, P1).locator('[data-field="txn"]')).toHaveText('T1');
  await expect(server(page, P1).locator('[data-field="vote"]')).toHaveText('yes');
  await expect(server(page, P1).locator('[data-field="decision"]')).toHaveText('commit');
  await run(page, 'vote p2 no');
  await run(page, 'begin T2');
  await run(page, 'lab run 1s');
  await expect(consoleLog(page)).toContainText('c: T2 aborted');
  const status = await run(page, 'lab status');
  expect(status).toContain('T1: committed');
  expect(status).toContain('T2: aborted');
  expect(status).toContain('p2: participant, T2 aborted (voted no)');
  const help = await run(page, 'lab help');
  expect(help).toContainEqual(expect.stringMatching(/begin T\s+\(coordinator c starts transaction T: /));
  expect(help).toContainEqual(expect.stringMatching(/vote pK no\s+\(participant pK votes no /));
});

test('the partition preset: 3PC turns Atomicity red, with the reason', async ({ page }) => {
  await page.goto('/?protocol=3pc&participants=3&seed=1');
  await expectWorkers(page, 4);
  await run(page, 'lab pause');
  await openTab(page, 'invariants');
  await expect(page.locator('.inv-row')).toHaveCount(2);
  const out = await run(page, 'lab preset partition');
  expect(out).toContainEqual(expect.stringMatching(/^preset partition/));
  const row = page.locator('.inv-row[data-check="Atomicity"]');
  await expect(row).toHaveAttribute('data-ok', 'false');
  await expect(row.locator('.inv-why')).toContainText('T1 is committed at c,p1,p2 and aborted at p3');
  await expect(server(page, P1)).toHaveAttribute('data-state', 'committed');
  await expect(server(page, P3)).toHaveAttribute('data-state', 'aborted');
  expect(await run(page, 'lab status')).toContain('T1: committed and aborted (p1,p2 committed; p3 aborted)');
  expect((await run(page, 'lab invariants')).find((l) => l.startsWith('Atomicity'))).toMatch(/^Atomicity BROKEN at /);
  // After the heal p3 answers DO-COMMIT with ACK of=abort: no ACK of the commit.
  await run(page, 'lab heal');
  await run(page, 'lab run 3s');
  expect(await run(page, 'lab status')).toContain('c: coordinator, T1 committed (votes p1:yes p2:yes p3:yes, acks 2, p3 ACKed abort)');
});

test('the same schedule in 2PC blocks instead: p3 holds its locks, every invariant holds, and the heal unblocks it', async ({ page }) => {
  await page.goto('/?protocol=2pc&participants=3&seed=1');
  await expectWorkers(page, 4);
  await run(page, 'lab pause');
  await openTab(page, 'invariants');
  await expect(page.locator('.inv-row')).toHaveCount(3);
  await run(page, 'lab preset partition');
  await expect(server(page, P3)).toHaveAttribute('data-state', 'blocked');
  await expect(server(page, P3).locator('[data-field="locks"]')).toHaveText('held (uncertain)');
  await expect(server(page, P1)).toHaveAttribute('data-state', 'committed');
  await expect(page.locator('.inv-row[data-ok="false"]')).toHaveCount(0);
  expect(await run(page, 'lab status')).toContain('T1: blocked (p1,p2 committed; p3 uncertain, holding locks, asking)');
  await run(page, 'lab heal');
  await run(page, 'lab run 3s');
  await expect(server(page, P3)).toHaveAttribute('data-state', 'committed');
  await expect(page.locator('.inv-row[data-ok="false"]')).toHaveCount(0);
});
