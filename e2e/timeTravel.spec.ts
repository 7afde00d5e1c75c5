// Time travel (issue 5): the time slider seeks exactly, a breakpoint pauses playback at its
// event, step-to-next buttons, and branches (acting in the past forks; switching goes back).
// No wall-clock waits: simulated time is driven through the console; waits are on the DOM.
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test } from './helpers.ts';
import { run, server } from './helpers.ts';

test('the time slider rewinds exactly and arrow keys step', async ({ page }) => {
  await page.goto('/?voters=3&seed=5');
  await run(page, 'lab pause');
  await run(page, 'lab seek 8s');
  const end = (await run(page, 'lab hash')).at(-1)!;
  const slider = page.getByRole('slider', { name: 'Simulated time' });
  await expect(slider).toHaveAttribute('data-max', '8000');
  await expect(slider).toHaveAttribute('data-now', '8000');
  // Drag-equivalent: set the value (the slider seeks) to 2 s, then back to the end.
  await slider.fill('2000');
  await expect(slider).toHaveAttribute('data-now', '2000');
  await expect(page.getByTestId('sim-time')).toHaveText('2.000 s');
  expect((await run(page, 'lab status'))[1]).toBe('time 2.000s');
  await slider.fill('8000');
  await expect(slider).toHaveAttribute('data-now', '8000');
  expect((await run(page, 'lab hash')).at(-1)).toBe(end);
  // Keyboard: → runs one event, ← rewinds one.
  const events = page.locator('.clock-events');
  const before = await events.textContent();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(events).not.toHaveText(before ?? '');
  await page.keyboard.press('ArrowLeft');
  await expect(events).toHaveText(before ?? '');
});

test('a breakpoint on role changes pauses playback at the election; step to next commit', async ({ page }) => {
  await page.goto('/?voters=3&seed=7');
  await run(page, 'lab pause');
  await run(page, 'lab kill 1');
  await page.getByText('Breakpoints').click();
  await page.getByRole('checkbox', { name: 'role change' }).check();
  await run(page, 'lab start 1');
  await run(page, 'lab play');
  // zk1's role change (DOWN -> LOOKING as it starts) pauses the lab right after its event.
  await expect(page.getByTestId('break-hit')).toContainText('Stopped at zk');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'role change' }).uncheck();
  await run(page, 'lab run 3s');
  await expect(server(page, 1)).not.toHaveAttribute('data-state', 'LOOKING');
  await run(page, 'create /tt x');
  await run(page, 'lab back 30');
  const out = await run(page, 'lab step commit');
  expect(out.at(-1)).toMatch(/^stepped \d+ events? to .* (COMMIT|INFORM) zxid=0x/);
});

test('acting in the past forks a branch; lab branch switches back and forth', async ({ page }) => {
  await page.goto('/?voters=3&seed=9');
  await run(page, 'lab pause');
  await run(page, 'lab seek 6s');
  await run(page, 'lab kill 3');
  await run(page, 'lab run 6s');
  const first = (await run(page, 'lab hash')).at(-1)!;
  await run(page, 'lab seek 3s');
  await run(page, 'lab kill 1');
  await run(page, 'lab run 9s');
  const second = (await run(page, 'lab hash')).at(-1)!;
  expect(second).not.toBe(first);
  const list = await run(page, 'lab branches');
  expect(list[1]).toMatch(/^ {2}branch 1: the first run, \d+ actions?, up to 12\.000s \(\d+ events\)$/);
  expect(list[2]).toMatch(/^\* branch 2: forked from branch 1 at 3\.000s, \d+ actions?, up to 12\.000s \(\d+ events\)$/);
  const picker = page.getByTestId('branch-picker');
  await expect(picker).toHaveAttribute('data-current', '2');
  expect((await run(page, 'lab branch 1')).at(-1)).toBe('branch 1; time 12.000s');
  await expect(picker).toHaveAttribute('data-current', '1');
  expect((await run(page, 'lab hash')).at(-1)).toBe(first);
  // And back through the UI.
  await picker.selectOption('2');
  await expect(picker).toHaveAttribute('data-current', '2');
  expect((await run(page, 'lab hash')).at(-1)).toBe(second);
});
