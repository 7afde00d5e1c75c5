// Takes docs/screenshot.png (and more with arguments) from the built site:
//   npm run build && node e2e/screenshot.mjs [query] [out.png] [width] [height] [steps…]
// Starts `vite preview` itself. Drives the lab through its console, like a user would. A step is
// a console line, or `click:<button name>`, `tab:<tab name>` (a small screen's view tab), `open:<text>` (a menu's summary), `select:<select name>=<value>`,
// or `top` (scroll the page back to its top).
// Without steps it takes the README's picture.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { launchChromium, withPreview } from '../scripts/preview.mjs';

const README_STEPS = [
  'lab run 4s',
  'create /app v1',
  'create /app/config x',
  'create -e -s /app/lock- a',
  'create -e -s /app/lock- b',
  'get -w /app',
  'select:Server for a new session=2',
  'click:New zkCli session on zk2',
  'lab kill 6',
  'lab partition 1 2,3,4,5,6',
  'create /app/new y',
  'set /app v2',
  'lab pause',
  'lab start 6',
  'lab run 900ms',
  'select:Server whose znode tree is shown=1',
  'click:Show /app',
  'click:Inspect zk5',
];
const [query = 'voters=5&observers=1', out = 'docs/screenshot.png', width = '1280', height = '800', ...rest] = process.argv.slice(2);
const commands = rest.length > 0 ? rest : README_STEPS;
const PORT = 4174;
await withPreview(PORT, async (base) => {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${base}/?${query}`);
  const input = page.getByRole('textbox', { name: 'zkCli command' });
  for (const c of commands) {
    if (c.startsWith('click:')) {
      await page.getByRole('button', { name: c.slice(6), exact: true }).click();
      continue;
    }
    if (c.startsWith('open:')) {
      await page.locator('summary', { hasText: c.slice(5) }).click();
      continue;
    }
    if (c.startsWith('tab:')) {
      await page.getByRole('tab', { name: c.slice(4), exact: true }).click();
      continue;
    }
    if (c === 'top') {
      await page.evaluate(() => window.scrollTo(0, 0));
      continue;
    }
    if (c.startsWith('select:')) {
      const [name, value] = c.slice(7).split('=');
      await page.getByRole('combobox', { name }).selectOption(value);
      continue;
    }
    const before = await page.getByRole('log', { name: 'zkCli output' }).locator('.line-echo').count();
    await input.fill(c);
    await input.press('Enter');
    await page.waitForFunction(
      (n) => document.querySelectorAll('.line-echo').length > n && document.querySelector('[role="log"]')?.getAttribute('aria-busy') === 'false',
      before,
    );
  }
  await page.waitForTimeout(300);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  await browser.close();
  console.log(`wrote ${out}`);
});
