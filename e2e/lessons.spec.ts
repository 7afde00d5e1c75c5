// The lesson player (issue 6) walks startup-election through the UI: Do it for me / Next to
// step 3, Back really rewinds, Try it yourself notices the learner's commands, Sandbox leaves.
// No wall-clock waits: every wait is on a DOM attribute.
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test } from './helpers.ts';
import { LESSON_CATALOG } from '../lessons/catalog.ts';
import { run, server } from './helpers.ts';

test('a lesson: do it, next, back rewinds, try it yourself, sandbox', async ({ page }) => {
  await page.goto('/?lesson=startup-election');
  const panel = page.locator('[data-lesson="startup-election"]');
  const checks = panel.locator('[data-check-ok]');
  const clock = page.getByTestId('sim-time');
  // Opening the lesson does not move the clock (zk1 alone has no quorum; zkCli only keeps trying).
  await expect(panel).toHaveAttribute('data-lesson-state', 'narrating');
  await expect(clock).toHaveText('0.000 s');
  await expect(page.locator('.prompt')).toHaveText('[zk: zk1:2181(CONNECTING) 0]');
  let step3Start = '';
  for (let k = 1; k <= 3; k++) {
    await expect(panel).toHaveAttribute('data-step', String(k));
    await expect(panel).toHaveAttribute('data-lesson-state', 'narrating');
    await panel.getByRole('button', { name: 'Do it for me' }).click();
    await expect(panel).toHaveAttribute('data-lesson-state', 'passed');
    // The clock is drawn by the frame loop: wait for the step's end (each step ends with `lab run 3s`)
    // rather than read a frame that may not have caught up yet.
    await expect(clock).toHaveText(`${3 * k}.000 s`);
    if (k === 2) step3Start = '6.000 s';
    if (k < 3) await panel.getByRole('button', { name: 'Next' }).click();
  }
  await expect(server(page, 3)).toHaveAttribute('data-state', 'LEADING');
  // A leader serves: zkCli's session is established (the WATCHER block printed when it was).
  await expect(page.locator('[role="log"]')).toContainText('WatchedEvent state:SyncConnected type:None path:null');
  await expect(checks).toHaveCount(4);
  for (const c of await checks.all()) await expect(c).toHaveAttribute('data-check-ok', 'true');
  const after = '9.000 s';
  await expect(clock).toHaveText(after);

  // Back rewinds the lab to where step 3 began: the clock goes back, zk3 is not running yet.
  await panel.getByRole('button', { name: 'Back' }).click();
  await expect(panel).toHaveAttribute('data-lesson-state', 'narrating');
  await expect(panel).toHaveAttribute('data-step', '3');
  await expect(clock).not.toHaveText(after);
  await expect(clock).toHaveText(step3Start);
  await expect(server(page, 3)).not.toHaveAttribute('data-state', 'LEADING');

  // Try it yourself: the learner types the step; the player notices.
  await panel.getByRole('button', { name: 'Try it yourself' }).click();
  await expect(panel).toHaveAttribute('data-lesson-state', 'waiting');
  // A stuck learner can look at the step's commands.
  await panel.getByText('Stuck? The commands of this step').click();
  await expect(panel.locator('.lesson-commands code')).toHaveText(['lab start 3', 'lab run 3s']);
  await run(page, 'lab start 3');
  await run(page, 'lab run 3s');
  await expect(panel).toHaveAttribute('data-lesson-state', 'passed');
  for (const c of await checks.all()) await expect(c).toHaveAttribute('data-check-ok', 'true');
  await expect(server(page, 3)).toHaveAttribute('data-state', 'LEADING');

  // Sandbox from here: the lesson goes away, the lab stays and keeps working.
  await panel.getByRole('button', { name: 'Sandbox from here' }).click();
  await expect(panel).toHaveCount(0);
  await expect(server(page, 3)).toHaveAttribute('data-state', 'LEADING');
  expect(page.url()).not.toContain('lesson=');
  await run(page, 'lab start 4');
  await run(page, 'lab run 3s');
  await expect(server(page, 4)).toHaveAttribute('data-state', 'FOLLOWING');
});

test('a lesson page does not run ?do= lines, and says so', async ({ page }) => {
  await page.goto('/?lesson=startup-election&do=lab+kill+1');
  await expect(page.locator('.notice-config')).toContainText('do: not run on a lesson page');
  await expect(page.locator('[data-lesson="startup-election"]')).toHaveAttribute('data-lesson-state', 'narrating');
  await expect(server(page, 1)).not.toHaveAttribute('data-state', 'DOWN');
});

test('?lesson=NAME&step=K plays steps 1..K-1 and shows step K (in the URL\'s language)', async ({ page }) => {
  await page.goto('/?lesson=startup-election&step=2&lang=zh-CN');
  const panel = page.locator('[data-lesson="startup-election"]');
  await expect(panel).toHaveAttribute('data-step', '2');
  await expect(panel).toHaveAttribute('data-lesson-state', 'narrating');
  await expect(server(page, 1)).toHaveAttribute('data-state', 'LOOKING');
  await expect(server(page, 2)).toHaveAttribute('data-state', 'DOWN');
  await expect(page.getByTestId('lesson-narration')).toContainText('zk2 启动');
  // Switching the language mid-lesson switches the narration and the contents at once.
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByTestId('lesson-narration')).toContainText('zk2 starts');
  await expect(panel.getByRole('list', { name: 'Steps' })).toBeVisible();
  await expect(panel).toHaveAttribute('data-step', '2');
  // Step 1's actions ran exactly once, echoed in the console.
  await expect(page.locator('[role="log"] [data-kind="echo"]', { hasText: 'lab run 3s' })).toHaveCount(1);
  await expect(page.locator('[role="log"] [data-kind="echo"]', { hasText: 'lab 4lw 1 srvr' })).toHaveCount(1);
});

test('the lessons menu opens a lesson; its table of contents jumps forward and back', async ({ page }) => {
  await page.goto('/?voters=3');
  const menu = page.locator('.lessons-menu');
  await menu.getByText('Lessons', { exact: true }).click();
  const links = menu.locator('[data-lesson-link]');
  await expect(links).toHaveCount(LESSON_CATALOG.length);
  await menu.locator('[data-lesson-link="startup-election"]').click();
  await expect(page).toHaveURL(/\?lesson=startup-election(&step=1)?$/);

  const panel = page.locator('[data-lesson="startup-election"]');
  const clock = page.getByTestId('sim-time');
  const toc = panel.getByRole('list', { name: 'Steps' }).getByRole('button');
  await expect(panel).toHaveAttribute('data-lesson-state', 'narrating');
  await expect(toc.nth(0)).toHaveAttribute('aria-current', 'step');
  // Step 3 from the contents: steps 1 and 2 play (zk2 starts), step 3 waits for the learner.
  await toc.nth(2).click();
  await expect(panel).toHaveAttribute('data-step', '3');
  await expect(panel).toHaveAttribute('data-lesson-state', 'narrating');
  await expect(toc.nth(2)).toHaveAttribute('aria-current', 'step');
  // The address follows the step: a reload opens the lesson there.
  await expect(page).toHaveURL(/\?lesson=startup-election&step=3$/);
  await expect(server(page, 2)).toHaveAttribute('data-state', 'LOOKING');
  await expect(server(page, 3)).toHaveAttribute('data-state', 'DOWN');
  await expect(clock).toHaveText('6.000 s');
  // Step 1 again: a real rewind to where it began.
  await toc.nth(0).click();
  await expect(panel).toHaveAttribute('data-step', '1');
  await expect(panel).toHaveAttribute('data-lesson-state', 'narrating');
  await expect(clock).toHaveText('0.000 s');
  await expect(server(page, 2)).toHaveAttribute('data-state', 'DOWN');
});

test('in Chinese the menu and the contents speak Chinese', async ({ page }) => {
  await page.goto('/?lang=zh-CN');
  const menu = page.locator('.lessons-menu');
  await menu.getByText('课程', { exact: true }).click();
  await expect(menu.locator('[data-lesson-link="startup-election"]')).toHaveText('启动时的领导者选举');
  await expect(menu.locator('[data-lesson-link="startup-election"]')).toHaveAttribute('href', '?lesson=startup-election&lang=zh-CN');
  await page.keyboard.press('Escape');
  await expect(menu).not.toHaveAttribute('open');
});

test('switching to Chinese after load gives the menu Chinese titles (they load with the Chinese dictionary)', async ({ page }) => {
  await page.goto('/?voters=3');
  const menu = page.locator('.lessons-menu');
  await menu.getByText('Lessons', { exact: true }).click();
  await expect(menu.locator('[data-lesson-link="startup-election"]')).toHaveText('Leader election at startup');
  await page.keyboard.press('Escape');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await menu.getByText('课程', { exact: true }).click();
  await expect(menu.locator('[data-lesson-link="startup-election"]')).toHaveText('启动时的领导者选举');
});

// Every lesson played through the page's own player (tabs for `@N` consoles, checks on the page's
// console output), in English: each step's checks pass, and the lesson reaches its challenge.
// ZooKeeper's, Paxos' and Multi-Paxos' lessons alike.
const ALL_LESSONS = LESSON_CATALOG.map((l) => l.id);
for (const id of ALL_LESSONS) {
  test(`the page plays lesson ${id} to its challenge`, async ({ page }) => {
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(`/?lesson=${id}&lang=en`);
    const panel = page.locator(`[data-lesson="${id}"]`);
    await expect(panel).toHaveAttribute('data-lesson-state', 'narrating');
    const steps = await panel.getByRole('list', { name: 'Steps' }).getByRole('button').count();
    for (let k = 1; k <= steps; k++) {
      await expect(panel).toHaveAttribute('data-step', String(k));
      // `code` in the narration is set as code, never shown with its backticks.
      expect(await page.getByTestId('lesson-narration').textContent()).not.toContain('`');
      if (id === 'acl' && k === 2) await expect(page.getByTestId('lesson-narration').locator('code', { hasText: 'addauth digest alice:secret' })).toBeVisible();
      // `[[id|words]]` is a link to that lesson, never shown with its brackets.
      expect(await page.getByTestId('lesson-narration').textContent()).not.toContain('[[');
      const link = (ref: string) => page.getByTestId('lesson-narration').locator(`a[data-lesson-ref="${ref}"]`);
      if (id === 'commit-to-paxos' && k === 2) await expect(link('paxos-basics')).toHaveAttribute('href', '?lesson=paxos-basics&lang=en');
      if (id === 'two-phase-commit' && k === 1) await expect(link('2pc-basics')).toHaveText('2PC basics');
      await panel.getByRole('button', { name: 'Do it for me' }).click();
      await expect(panel).toHaveAttribute('data-lesson-state', /^(passed|failed)$/);
      const failed = await panel.locator('[data-check-ok="false"]').allTextContents();
      expect(failed, `step ${k}`).toEqual([]);
      await panel.getByRole('button', { name: 'Next' }).click();
    }
    await expect(panel).toHaveAttribute('data-lesson-state', 'finished');
    await expect(page.getByTestId('lesson-challenge')).not.toBeEmpty();
  });
}

// The lessons above play in English; the dynamic-reconfiguration lesson (servers added with
// `lab add`, a leader removed) plays in Chinese too, so its checks hold whatever the language.
test('the page plays lesson reconfig to its challenge in Chinese', async ({ page }) => {
  test.setTimeout(180_000);
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto('/?lesson=reconfig&lang=zh-CN');
  const panel = page.locator('[data-lesson="reconfig"]');
  await expect(panel).toHaveAttribute('data-lesson-state', 'narrating');
  const steps = await panel.getByRole('list', { name: '步骤' }).getByRole('button').count();
  expect(steps).toBe(6);
  for (let k = 1; k <= steps; k++) {
    await expect(panel).toHaveAttribute('data-step', String(k));
    await expect(page.getByTestId('lesson-narration')).toContainText(/[\u4e00-\u9fff]/);
    await panel.getByRole('button', { name: '帮我做' }).click();
    // Five to seven workers: give a loaded CI machine time (the lab's own clock decides the outcome).
    await expect(panel).toHaveAttribute('data-lesson-state', /^(passed|failed)$/, { timeout: 30_000 });
    const failed = await panel.locator('[data-check-ok="false"]').allTextContents();
    expect(failed, `step ${k}`).toEqual([]);
    await panel.getByRole('button', { name: '下一步' }).click();
  }
  await expect(panel).toHaveAttribute('data-lesson-state', 'finished');
  await expect(page.getByTestId('lesson-challenge')).toContainText('Observer zk6');
});

// The 2PC/3PC lessons (their own lab: `begin T`, `vote pK no`, `lab status` per participant and
// transaction) play in Chinese too: their checks read the lab's state whatever the language.
const COMMIT_LESSONS = ['2pc-basics', '2pc-blocking', '3pc-crash', '3pc-partition', 'commit-to-paxos'];
for (const id of COMMIT_LESSONS) {
  test(`the page plays lesson ${id} to its challenge in Chinese`, async ({ page }) => {
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(`/?lesson=${id}&lang=zh-CN`);
    const panel = page.locator(`[data-lesson="${id}"]`);
    await expect(panel).toHaveAttribute('data-lesson-state', 'narrating');
    const steps = await panel.getByRole('list', { name: '步骤' }).getByRole('button').count();
    expect(steps).toBeGreaterThan(1);
    for (let k = 1; k <= steps; k++) {
      await expect(panel).toHaveAttribute('data-step', String(k));
      await expect(page.getByTestId('lesson-narration')).toContainText(/[\u4e00-\u9fff]/);
      await panel.getByRole('button', { name: '帮我做' }).click();
      await expect(panel).toHaveAttribute('data-lesson-state', /^(passed|failed)$/);
      const failed = await panel.locator('[data-check-ok="false"]').allTextContents();
      expect(failed, `step ${k}`).toEqual([]);
      await panel.getByRole('button', { name: '下一步' }).click();
    }
    await expect(panel).toHaveAttribute('data-lesson-state', 'finished');
    await expect(page.getByTestId('lesson-challenge')).toContainText(/[\u4e00-\u9fff]/);
  });
}
