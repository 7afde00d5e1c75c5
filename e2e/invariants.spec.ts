// The invariants panel (issue 7): every check stays green in a normal run; with a bug switch on,
// its preset schedule (src/protocol/bugs.ts) typed into the console turns the matching check red,
// naming the moment, the servers and why, and "seek" moves the clock there.
// No wall-clock waits: simulated time is driven through the console; waits are on the DOM.
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test, type Page } from './helpers.ts';
import { run } from './helpers.ts';

async function openInvariants(page: Page): Promise<void> {
  await page.locator('.lower-tab[data-tab="invariants"]').click();
  await expect(page.locator('.invariants-panel')).toBeVisible();
}

/** Waits until the panel has checked the lab as it is now (paused: the event count stops). */
async function waitChecked(page: Page): Promise<void> {
  const status = await run(page, 'lab status');
  const time = status.find((l) => l.startsWith('time '))!;
  const ms = Math.round(Number(time.replace(/^time\s+/, '').replace(/s$/, '')) * 1000);
  await expect.poll(async () => Number(await page.locator('.invariants-panel').getAttribute('data-checked-ms'))).toBeGreaterThanOrEqual(ms);
}

test('a normal run keeps every check green', async ({ page }) => {
  await page.goto('/?voters=5&seed=3');
  await run(page, 'lab pause');
  await openInvariants(page);
  await run(page, 'lab run 3s');
  await run(page, 'create /a 1');
  await run(page, 'lab kill 5');
  await run(page, 'lab run 5s');
  await run(page, 'create /b 2');
  await run(page, 'lab start 5');
  await run(page, 'lab run 5s');
  await waitChecked(page);
  const rows = page.locator('.inv-row');
  await expect(rows).toHaveCount(14);
  await expect(page.locator('.inv-row[data-ok="false"]')).toHaveCount(0);
  await expect(page.locator('.inv-row[data-check="Leadership2"]')).toHaveAttribute('data-ok', 'true');
  await expect(page.locator('.invariants-panel')).toHaveAttribute('data-red', '0');
});

test('commitWithoutQuorum: its preset schedule turns AckedWriteDurable red; seek goes there', async ({ page }) => {
  // BUG_MUSEUM's commitWithoutQuorum: new voters=3 seed=1; run 3s; partition 1,2 3; write 3 1; run 25s; heal; run 10s.
  await page.goto('/?voters=3&seed=1&bugs=commitWithoutQuorum');
  await run(page, 'lab pause');
  await openInvariants(page);
  await run(page, 'lab run 3s');
  await run(page, 'lab partition 1,2 3');
  await run(page, 'connect zk3:2181');
  await run(page, 'create /w1 1');
  await run(page, 'lab run 25s');
  await run(page, 'lab heal');
  await run(page, 'lab run 10s');
  const row = page.locator('.inv-row[data-check="AckedWriteDurable"]');
  await expect(row).toHaveAttribute('data-ok', 'false');
  const violation = row.locator('.inv-violation');
  await expect(violation).toContainText(/broke at \d+\.\d{3} s \(event \d+\)/);
  await expect(violation.locator('.inv-why')).toContainText('got a success reply for');
  await expect(violation.locator('.inv-servers')).toContainText(/zk[12]/);
  await expect(page.locator('.lower-tab-badge')).toBeVisible();
  const t = Number(await violation.getAttribute('data-t'));
  expect(t).toBeGreaterThan(3000);
  await violation.getByRole('button', { name: 'seek' }).click();
  await expect(page.getByTestId('sim-time')).toHaveText(`${(t / 1000).toFixed(3)} s`);
  // The violation happened in this history: after seeking to it, the check stays red.
  await expect(row).toHaveAttribute('data-ok', 'false');
});
