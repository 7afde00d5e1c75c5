// Takes docs/screenshot.png (and more with arguments) from the built site:
//   npm run build && node e2e/screenshot.mjs [query] [out.png] [width] [height] [console lines…]
// Starts `vite preview` itself. Drives the lab through its console, like a user would.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from '@playwright/test';

const [query = 'voters=5&observers=1', out = 'docs/screenshot.png', width = '1280', height = '800', ...commands] = process.argv.slice(2);
const PORT = 4174;
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://127.0.0.1:${PORT}/?${query}`);
  const input = page.getByRole('textbox', { name: 'zkCli command' });
  for (const c of commands) {
    if (c.startsWith('click:')) {
      await page.getByRole('button', { name: c.slice(6) }).click();
      continue;
    }
    const before = await page.getByRole('log', { name: 'zkCli output' }).locator('.line-echo').count();
    await input.fill(c);
    await input.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.line-echo').length > n && !document.querySelector('.panel-hint')?.textContent?.startsWith('running'), before);
  }
  await page.waitForTimeout(300);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  await browser.close();
  console.log(`wrote ${out}`);
} finally {
  server.kill();
}
