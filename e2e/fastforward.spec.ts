// Running ahead (issue 12): while the lab runs ahead (`lab run`), nothing is drawn until it
// arrives, and "Fast-forwarding" with a progress bar shows for anything over half a second.
// window.__lab.frames (src/store/fastForward.ts): frames drawn and held, and the simulated time
// the last drawn frame showed.
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test, type Page } from './helpers.ts';
import { commandBox, consoleLog, expectConnected, run } from './helpers';

interface Frames {
  drawn: number;
  held: number;
  drawnAt: number;
}

const frames = (page: Page): Promise<Frames> => page.evaluate(() => ({ ...(window as unknown as { __lab: { frames: Frames } }).__lab.frames }));

/** Records, every animation frame from now on, the simulated time the page last drew. */
async function recordDrawn(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __lab: { frames: Frames }; __drawn: number[]; __recording: boolean };
    w.__drawn = [];
    w.__recording = true;
    const tick = () => {
      if (!w.__recording) return;
      w.__drawn.push(w.__lab.frames.drawnAt);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () =>
    page.evaluate(() => {
      const w = window as unknown as { __drawn: number[]; __recording: boolean };
      w.__recording = false;
      return w.__drawn;
    });
}

test('lab run 600s with 9 voters and 4 observers draws nothing until it arrives', async ({ page }) => {
  await page.goto('/?voters=9&observers=4');
  await expectConnected(page);
  await run(page, 'lab pause');
  const before = await frames(page);
  const t0 = before.drawnAt;
  const drawn = await recordDrawn(page);
  const out = await run(page, 'lab run 600s');
  expect(out.join('\n')).toMatch(/time 6\d\d\.\d{3}s/);
  // The first frame after the run draws where it arrived.
  await expect.poll(async () => (await frames(page)).drawnAt).toBeGreaterThanOrEqual(t0 + 600_000);
  const seen = await drawn();
  const after = await frames(page);
  expect(after.held).toBeGreaterThan(before.held);
  // No frame ever showed a moment between the start and the end of the run.
  expect(seen.filter((t) => t > t0 && t < t0 + 600_000)).toEqual([]);
});

test('lab run 3600s shows "Fast-forwarding" with a progress bar, then the lab where it arrived', async ({ page }) => {
  await page.goto('/?voters=9&observers=4');
  await expectConnected(page);
  const progress = page.getByRole('progressbar', { name: 'Fast-forwarding' });
  await expect(progress).toHaveCount(0);
  await commandBox(page).fill('lab run 3600s');
  await commandBox(page).press('Enter');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', /^\d+$/);
  await expect(consoleLog(page)).toContainText(/time 36\d\d\.\d{3}s/, { timeout: 60_000 });
  await expect(progress).toHaveCount(0);
});

test('in Chinese the progress reads 快进中', async ({ page }) => {
  await page.goto('/?lang=zh-CN&voters=9&observers=4');
  await expectConnected(page);
  await commandBox(page).fill('lab run 3600s');
  await commandBox(page).press('Enter');
  await expect(page.getByRole('progressbar', { name: '快进中' })).toBeVisible();
  await expect(page.getByText('快进中')).toBeVisible();
  await expect(consoleLog(page)).toContainText(/time 36\d\d\.\d{3}s/, { timeout: 60_000 });
});

test('a shared link of a long run shows the progress while it replays, then the run where it was shared', async ({ page, context }) => {
  await page.goto('/?voters=9&observers=4&seed=3');
  await expectConnected(page);
  await run(page, 'lab pause');
  await run(page, 'lab run 3600s');
  const hash = (await run(page, 'lab hash')).at(-1)!;
  await page.locator('.share-run summary').click();
  const linkBox = page.locator('[data-share-link]');
  await expect(linkBox).toHaveValue(/[?&]run=[A-Za-z0-9_-]+/);
  const link = await linkBox.inputValue();

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('progressbar', { name: 'Fast-forwarding' })).toBeVisible();
  await expect(other.getByTestId('sim-time')).toBeVisible({ timeout: 60_000 });
  await expect(other.getByRole('progressbar', { name: 'Fast-forwarding' })).toHaveCount(0);
  expect((await run(other, 'lab hash')).at(-1)).toBe(hash);
});
