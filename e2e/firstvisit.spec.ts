// The first visit (issue 14): the bare address shows a welcome that says where to start — the
// five-minute lesson, the Paxos lab, the console — in English and 简体中文; each link goes where it
// says; dismissed, it stays dismissed across reloads. Automated browsers never see it unless the
// page asks (window.__zkLabWelcome, set here before the page loads), so the other specs — which
// all open addresses with parameters anyway — are undisturbed.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './helpers.ts';
import { expectConnected } from './helpers.ts';

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

async function askForWelcome(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__zkLabWelcome = true;
  });
}

const welcome = (page: Page) => page.getByRole('dialog', { name: 'Welcome to ZooKeeper Lab' });

test('the bare address welcomes a newcomer; each place to start goes where it says', async ({ page }) => {
  await askForWelcome(page);
  await page.goto('/');
  await expect(welcome(page)).toBeVisible();
  await expect(welcome(page).getByRole('link')).toHaveText(['ZooKeeper in five minutes', 'The Paxos lab']);
  await expect(welcome(page).getByRole('button', { name: 'The console' })).toBeVisible();
  const results = await new AxeBuilder({ page }).include('[data-welcome]').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`)).toEqual([]);

  // The five-minute lesson.
  await welcome(page).getByRole('link', { name: 'ZooKeeper in five minutes' }).click();
  await expect(page).toHaveURL(/\?lesson=zk-in-five-minutes/);
  await expect(page.locator('[data-lesson="zk-in-five-minutes"]')).toHaveAttribute('data-lesson-state', 'narrating');
  await expect(welcome(page)).toHaveCount(0);

  // The Paxos lab.
  await page.goto('/');
  await welcome(page).getByRole('link', { name: 'The Paxos lab' }).click();
  await expect(page).toHaveURL(/\?protocol=paxos$/);
  await expect(page.locator('.console-input .prompt')).toHaveText('[paxos]');
  await expect(welcome(page)).toHaveCount(0);

  // The console: the card steps aside (for now) and the command box has the focus.
  await page.goto('/');
  await expectConnected(page);
  await welcome(page).getByRole('button', { name: 'The console' }).click();
  await expect(welcome(page)).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'zkCli command' })).toBeFocused();
  // Not dismissed: the next visit to the bare address welcomes again.
  await page.reload();
  await expect(welcome(page)).toBeVisible();
});

test('dismissed with Got it, the welcome stays away across reloads', async ({ page }) => {
  await askForWelcome(page);
  await page.goto('/');
  await welcome(page).getByRole('button', { name: 'Got it' }).click();
  await expect(welcome(page)).toHaveCount(0);
  await page.reload();
  await expectConnected(page);
  await expect(welcome(page)).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('zk-lab.welcome.dismissed'))).toBe('1');
});

test('dismissed with ×, likewise', async ({ page }) => {
  await askForWelcome(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Close the welcome for good' }).click();
  await expect(welcome(page)).toHaveCount(0);
  await page.reload();
  await expectConnected(page);
  await expect(welcome(page)).toHaveCount(0);
});

test('in 简体中文, and it switches language in place', async ({ page }) => {
  await askForWelcome(page);
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('zk-lab.lang', 'zh-CN');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto('/');
  const zh = page.getByRole('dialog', { name: '欢迎来到 ZooKeeper 实验室' });
  await expect(zh).toBeVisible();
  await expect(zh.getByRole('link')).toHaveText(['五分钟认识 ZooKeeper', 'Paxos 实验室']);
  await expect(zh.getByRole('button', { name: '控制台' })).toBeVisible();
  await expect(zh.locator('code')).toHaveText(['create /app hi', 'lab kill 1']);
  await zh.getByRole('button', { name: 'English' }).click();
  await expect(welcome(page)).toBeVisible();
  await expect(welcome(page).getByRole('button', { name: '简体中文' })).toBeVisible();
});

test('never with a query parameter, presenting, or in an automated run that did not ask', async ({ page }) => {
  // An automated browser (navigator.webdriver) that did not ask: no welcome on the bare address.
  await page.goto('/');
  await expectConnected(page);
  await expect(page.locator('[data-welcome]')).toHaveCount(0);
  await askForWelcome(page);
  for (const query of ['?voters=3', '?present', '?embed', '?lang=en', '?protocol=paxos']) {
    await page.goto(`/${query}`);
    // The lab is on the page (whatever views the address asks for).
    await expect(page.locator('[data-server]').first()).toBeAttached();
    await expect(page.locator('[data-welcome]'), query).toHaveCount(0);
  }
  // Presenter mode turned on from the bare address puts it away.
  await page.goto('/');
  await expect(welcome(page)).toBeVisible();
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.locator('[data-welcome]')).toHaveCount(0);
});
