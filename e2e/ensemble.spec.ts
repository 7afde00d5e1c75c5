// The foundation issue's "Done when" flows, against the built site, driving simulated time
// through the console (no wall-clock waits).
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test } from './helpers.ts';
import { expectWorkers, run, server } from './helpers.ts';

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

test('3 voters: a worker per server, zk3 leads; killing it from the UI re-elects zk2', async ({ page }) => {
  await page.goto('/?voters=3');
  await expectWorkers(page, 3);

  await run(page, 'lab run 5s');
  await expect(server(page, 3)).toHaveAttribute('data-state', 'LEADING');
  await expect(server(page, 1)).toHaveAttribute('data-state', 'FOLLOWING');
  await expect(server(page, 2)).toHaveAttribute('data-state', 'FOLLOWING');

  await page.getByRole('button', { name: 'Kill zk3' }).click();
  await expect(server(page, 3)).toHaveAttribute('data-state', 'DOWN');
  await expectWorkers(page, 2);

  await run(page, 'lab run 10s');
  await expect(server(page, 2)).toHaveAttribute('data-state', 'LEADING');
  await expect(server(page, 1)).toHaveAttribute('data-state', 'FOLLOWING');
  await expect(server(page, 3)).toHaveAttribute('data-state', 'DOWN');
});

test('5 voters + 2 observers: 7 workers, zk5 leads, the observers observe', async ({ page }) => {
  await page.goto('/?voters=5&observers=2');
  await expectWorkers(page, 7);

  await run(page, 'lab run 5s');
  await expect(server(page, 5)).toHaveAttribute('data-state', 'LEADING');
  for (const sid of [1, 2, 3, 4]) await expect(server(page, sid)).toHaveAttribute('data-state', 'FOLLOWING');
  for (const sid of [6, 7]) {
    await expect(server(page, sid)).toHaveAttribute('data-state', 'OBSERVING');
    await expect(server(page, sid)).toHaveAttribute('data-observer', 'true');
  }
  await expect(server(page, 5)).not.toHaveAttribute('data-observer', 'true');
});
