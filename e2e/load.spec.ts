// The Load panel (issue 16): a lower-panel tab of a ZooKeeper lab, loaded on first use. Start
// puts `lab load …` in the console (a recorded action); the live charts and the per-server table
// fill from the kernel's load driver as simulated time runs; Stop ends it. The sweep draws
// throughput against the share of reads and overlays other ensembles on the same chart.
// No wall-clock waits: simulated time is driven through the console; waits are on the DOM.
import { expect, run, test, type Page } from './helpers.ts';

async function openLoad(page: Page): Promise<void> {
  await page.locator('.lower-tab[data-tab="load"]').click();
  await expect(page.getByTestId('load-panel')).toBeVisible();
}

test('start a load from the panel, watch it served, stop it', async ({ page }) => {
  await page.goto('/?voters=3&seed=1');
  await run(page, 'lab pause');
  await run(page, 'lab run 3s');
  await openLoad(page);
  await page.getByTestId('load-rate').fill('100');
  await page.getByTestId('load-start').click();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-running', 'true');
  await run(page, 'lab run 5s');
  const report = await run(page, 'lab load');
  expect(report).toContain('load clients=12 reads=90% rate=100/s servers=zk1,zk2,zk3');
  expect(report.filter((l) => /^zk\d reads\/s=\d+ writes\/s=\d+ p50=[\d.]+ms p99=[\d.]+ms queue=\d+$/.test(l))).toHaveLength(3);
  // The table and the charts show it (sampled while the panel is shown).
  await expect(page.getByTestId('load-table').locator('tr')).toHaveCount(3);
  await expect.poll(async () => Number(/reads\/s=(\d+)/.exec((await page.getByTestId('load-table').locator('tr').first().textContent()) ?? '')?.[1] ?? 0)).toBeGreaterThan(10);
  await expect(page.locator('[data-chart="throughput"] path[data-series="total"]')).toHaveCount(1);
  await page.getByTestId('load-stop').click();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-running', 'false');
});

test('the sweep draws this ensemble and overlays 3 voters + 2 observers, and the page keeps drawing meanwhile', async ({ page }) => {
  await page.goto('/?voters=3&seed=1');
  await openLoad(page);
  // The sweep's throwaway runs take seconds of CPU in a worker of their own: the page's frames go
  // on (in the page's thread they stopped for a second or more per ensemble).
  await page.evaluate(() => {
    const w = window as unknown as { __gaps: { max: number; frames: number; stop: boolean } };
    const g = (w.__gaps = { max: 0, frames: 0, stop: false });
    let last = performance.now();
    const tick = (t: number) => {
      if (g.stop) return;
      g.max = Math.max(g.max, t - last);
      g.frames += 1;
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.getByTestId('sweep-now').click();
  await expect(page.getByTestId('sweep-chart')).toHaveAttribute('data-series', '3 voters', { timeout: 60_000 });
  const gaps = await page.evaluate(() => {
    const g = (window as unknown as { __gaps: { max: number; frames: number; stop: boolean } }).__gaps;
    g.stop = true;
    return g;
  });
  expect(gaps.frames).toBeGreaterThan(10);
  expect(gaps.max).toBeLessThan(300);
  await page.getByTestId('sweep-3-2').click();
  await expect(page.getByTestId('sweep-chart')).toHaveAttribute('data-series', '3 voters|3 voters + 2 observers', { timeout: 60_000 });
  await expect(page.locator('[data-testid="sweep-chart"] circle')).toHaveCount(22);
});
