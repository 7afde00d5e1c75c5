// Shared by e2e/screenshot.mjs and scripts/bench.mjs: serve the built site (`vite preview`) and
// launch Chromium the way the Playwright tests do (Debian's /usr/bin/chromium when present).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Runs `fn(baseUrl)` with `vite preview` serving dist/ on `port`, and stops the server afterwards. */
export async function withPreview(port, fn) {
  // Its own process group, so stopping it stops vite too (killing only `npx` would leave vite running).
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${base}/`)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return await fn(base);
  } finally {
    try {
      process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  }
}

export function launchChromium() {
  return chromium.launch({ ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}), args: CHROMIUM_ARGS });
}
