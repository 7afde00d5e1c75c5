// Presenter mode (issue 14) at a projector's 1024×768: server names, roles and packet labels of
// at least 20 px (computed font sizes; packets are drawn on a canvas, which carries its labels'
// font size), the header's Present button recorded in the address, the clicker's keys stepping a
// lesson, B blanking the screen, the "what just happened" caption following playback, and axe's
// enhanced (AAA) contrast rule on the high-contrast theme. Waits are on DOM attributes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './helpers.ts';
import { expectConnected, run, server } from './helpers.ts';

test.use({ viewport: { width: 1024, height: 768 } });

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

const lesson = (page: Page) => page.locator('[data-lesson="zk-in-five-minutes"]');

async function expectLessonAt(page: Page, step: number, state: string): Promise<void> {
  await expect(lesson(page)).toHaveAttribute('data-step', String(step));
  await expect(lesson(page)).toHaveAttribute('data-lesson-state', state);
}

async function expectNoContrastViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag2aaa']).analyze();
  const bad = results.violations.filter((v) => v.id === 'color-contrast-enhanced' || v.id === 'color-contrast' || v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.nodes[0]?.any[0]?.message ?? v.help}`)).toEqual([]);
}

test('presenting at 1024×768: server names, roles and packet labels are at least 20 px, and nothing is clipped', async ({ page }) => {
  await page.goto('/?voters=3&observers=1&seed=1&present');
  await expect(page.locator('html')).toHaveClass(/presenting/);
  await expect(server(page, 1)).toHaveAttribute('data-state', /FOLLOWING|LEADING/);
  // Packets fly (the ensemble runs at 1×): the canvas draws them with 20 px labels.
  await expect(page.locator('.packet-canvas')).toHaveAttribute('data-packets', /^[1-9]/);
  const fontPx = Number(await page.locator('.packet-canvas').getAttribute('data-font-px'));
  expect(fontPx).toBeGreaterThanOrEqual(20);
  const texts = await page.locator('[data-server] .server-name, [data-server] .role-chip').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const card = el.closest('[data-server]')!.getBoundingClientRect();
      return {
        text: el.textContent,
        px: parseFloat(getComputedStyle(el).fontSize),
        inside: r.width > 0 && r.left >= card.left - 0.5 && r.right <= card.right + 0.5 && r.top >= card.top - 0.5 && r.bottom <= card.bottom + 0.5,
      };
    }),
  );
  expect(texts).toHaveLength(8);
  for (const t of texts) {
    expect(t.px, `${t.text}`).toBeGreaterThanOrEqual(20);
    expect(t.inside, `${t.text} inside its card`).toBe(true);
  }
  // The rest of the page gives way: no console, event log or lower panels; the page does not scroll.
  await expect(page.getByRole('textbox', { name: 'zkCli command' })).toBeHidden();
  await expect(page.locator('.eventlog')).toBeHidden();
  await expect(page.locator('.lower-panels')).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth && document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
});

test('the Present button toggles presenter mode and records it in the address; packet labels follow', async ({ page }) => {
  await page.goto('/?voters=3&seed=2');
  await expectConnected(page);
  const button = page.getByRole('button', { name: 'Present' });
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.packet-canvas')).toHaveAttribute('data-font-px', '9');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/[?&]present(&|=|$)/);
  await expect(page).toHaveURL(/voters=3/);
  await expect(page.locator('html')).toHaveClass(/presenting/);
  await expect(page.locator('.packet-canvas')).toHaveAttribute('data-font-px', '20');
  expect(parseFloat(await server(page, 1).locator('.server-name').evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(20);
  // A reload opens presenting.
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/presenting/);
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page).not.toHaveURL(/present/);
  await expect(page.locator('html')).not.toHaveClass(/presenting/);
  await expect(page.locator('.packet-canvas')).toHaveAttribute('data-font-px', '9');
  await expect(page.getByRole('textbox', { name: 'zkCli command' })).toBeVisible();
});

test('clicker keys step a lesson: PageDown / → forward, PageUp / ← back', async ({ page }) => {
  await page.goto('/?lesson=zk-in-five-minutes&present');
  await expectLessonAt(page, 1, 'narrating');
  // Forward runs the step (Do it for me), then goes on to the next one.
  await page.keyboard.press('PageDown');
  await expectLessonAt(page, 1, 'passed');
  await page.keyboard.press('PageDown');
  await expectLessonAt(page, 2, 'narrating');
  await expect(page).toHaveURL(/step=2/);
  // Back: the step before, rewound to where it began.
  await page.keyboard.press('PageUp');
  await expectLessonAt(page, 1, 'narrating');
  await page.keyboard.press('ArrowRight');
  await expectLessonAt(page, 1, 'passed');
  await page.keyboard.press('ArrowRight');
  await expectLessonAt(page, 2, 'narrating');
  await page.keyboard.press('ArrowLeft');
  await expectLessonAt(page, 1, 'narrating');
  // The narration is large enough to read from the back of the room.
  expect(parseFloat(await page.getByTestId('lesson-narration').evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(20);
});

test('without presenter mode PageDown leaves a lesson alone', async ({ page }) => {
  await page.goto('/?lesson=zk-in-five-minutes');
  await expectLessonAt(page, 1, 'narrating');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  // → is still one event forward (the lab's own key), not the lesson's.
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.clock-events')).not.toHaveText(/event 0$/);
  await expectLessonAt(page, 1, 'narrating');
});

test('B blanks the screen; any key brings it back and does nothing else', async ({ page }) => {
  await page.goto('/?voters=3&seed=1&present');
  await expect(server(page, 1)).toHaveAttribute('data-state', /FOLLOWING|LEADING/);
  await page.keyboard.press('b');
  const blank = page.locator('[data-blank]');
  await expect(blank).toBeVisible();
  expect(await blank.boundingBox()).toEqual({ x: 0, y: 0, width: 1024, height: 768 });
  expect(await blank.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
  expect(await page.evaluate(() => document.elementFromPoint(512, 384)?.hasAttribute('data-blank'))).toBe(true);
  // Space would pause: while blank it only brings the lab back.
  const play = page.locator('.btn-play');
  const before = await play.getAttribute('aria-label');
  await page.keyboard.press(' ');
  await expect(blank).toHaveCount(0);
  await expect(play).toHaveAttribute('aria-label', before!);
  await page.keyboard.press('B');
  await expect(blank).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(blank).toHaveCount(0);
  // Not presenting, B is only a letter.
  await page.getByRole('button', { name: 'Present' }).click();
  await page.keyboard.press('b');
  await expect(blank).toHaveCount(0);
});

test('the caption says what just happened, following playback back and forth, in both languages', async ({ page }) => {
  await page.goto('/?voters=3&seed=3');
  await expectConnected(page);
  await run(page, 'lab run 3s');
  await run(page, 'lab pause');
  await run(page, 'lab kill 2');
  await page.getByRole('button', { name: 'Present' }).click();
  const caption = page.getByRole('status', { name: 'What just happened' });
  await expect(caption).toHaveAttribute('aria-live', 'polite');
  await expect(caption).toContainText('zk2 killed');
  const at = Number(await caption.getAttribute('data-event-index'));
  // ← rewinds one event: the caption is the event before; → brings the kill back.
  await page.keyboard.press('ArrowLeft');
  await expect(caption).not.toContainText('zk2 killed');
  expect(Number(await caption.getAttribute('data-event-index'))).toBeLessThan(at);
  await page.keyboard.press('ArrowRight');
  await expect(caption).toContainText('zk2 killed');
  // The same sentence as the event log's newest line.
  await page.getByRole('button', { name: 'Present' }).click();
  const newest = await page.locator('.eventlog-row:not(.ahead) .eventlog-text').last().textContent();
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(caption.locator('.present-caption-text')).toContainText(newest!);
  // 简体中文.
  await page.goto('/?voters=3&seed=3&lang=zh-CN&present&do=lab+run+3s&do=lab+pause&do=lab+kill+2');
  // (The address's console lines run before the page's first frame; a busy machine may take a while.)
  await expect(page.getByRole('status', { name: '刚刚发生了什么' })).toContainText('zk2 被停止', { timeout: 30_000 });
});

test('axe: the high-contrast theme passes the enhanced (AAA) contrast rule — a lesson, a ring with every role, Paxos', async ({ page }) => {
  await page.goto('/?lesson=zk-in-five-minutes&present');
  await expectLessonAt(page, 1, 'narrating');
  await page.keyboard.press('PageDown');
  await expectLessonAt(page, 1, 'passed');
  await expectNoContrastViolations(page);

  await page.goto('/?voters=3&observers=1&seed=1&present');
  await expect(server(page, 4)).toHaveAttribute('data-state', 'OBSERVING');
  await expect(server(page, 1)).toHaveAttribute('data-state', /FOLLOWING|LEADING/);
  await server(page, 2).getByRole('button', { name: 'Kill zk2' }).click();
  await expect(server(page, 2)).toHaveAttribute('data-state', 'DOWN');
  await page.keyboard.press('Space');
  await expectNoContrastViolations(page);

  await page.goto('/?protocol=paxos&present');
  await expect(server(page, 1)).toBeVisible();
  expect(parseFloat(await server(page, 1).locator('.role-chip').evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(20);
  await expectNoContrastViolations(page);
});
