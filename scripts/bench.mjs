// `npm run bench`: the lab's speed, measured (not asserted). Prints one table:
//  - simulation throughput (Node, in-process, 9 voters + 4 observers, steady writes)
//  - rewind across 10,000 events (Node in-process, and in the page with Web Workers)
//  - p95 frame interval while the page animates 9 voters + 4 observers under a write load
//  - first-load JavaScript (gzip)
// Budgets (issue 5): p95 frame ≤ 16.7 ms (aim 8.3), rewind ≤ 200 ms, first load ≤ 300 KB gzip.
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, withPreview } from './preview.mjs';

const rows = [];
const row = (name, value, unit, budget = '') => rows.push({ name, value, unit, budget });

// 1. Node-side figures.
const nodeOut = execSync('npx vitest run -c vitest.bench.config.ts --reporter=verbose', {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
});
for (const line of nodeOut.split('\n')) {
  const m = /BENCH (\S+) (\S+) (.*)$/.exec(line);
  if (m) row(m[1], m[2], m[3], m[1].startsWith('rewind') ? '≤ 200 ms' : '');
}

// 2. Bundle size: what index.html loads first, and the worker chunk each server loads.
execSync('npx vite build', { stdio: 'ignore' });
const html = readFileSync('dist/index.html', 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let firstLoad = 0;
for (const f of initial) firstLoad += gzipSync(readFileSync(join('dist', f))).length;
row('first_load_js_gzip', (firstLoad / 1024).toFixed(1), 'KB', '≤ 300 KB');
const worker = readdirSync('dist/assets').find((f) => f.startsWith('nodeWorker') && f.endsWith('.js'));
if (worker) row('worker_js_gzip', (gzipSync(readFileSync(join('dist/assets', worker))).length / 1024).toFixed(1), 'KB (loaded once per server)');

// 3. In the page: frame intervals while animating under load, and a rewind with Web Workers.
const PORT = 4175;
await withPreview(PORT, async (base) => {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/?voters=9&observers=4&seed=1`);
  await page.getByRole('textbox', { name: 'zkCli command' }).waitFor();
  // Let it elect (at 1×), then measure frames for 5 s of wall time while a client writes
  // 10 times per simulated second through the leader's followers.
  await page.waitForFunction(() => document.querySelector('[data-state="LEADING"]') !== null, null, { timeout: 30000 });
  const frames = await page.evaluate(async () => {
    const runtime = window.__lab.runtime;
    let n = 0;
    const enc = new TextEncoder();
    const load = setInterval(() => {
      n += 1;
      void runtime.apply({
        type: 'request',
        sid: 1 + (n % 13),
        req: { sessionId: 0xbe7cn, cxid: n, authInfo: [], request: { type: 'create', path: `/bench-${n}`, data: enc.encode('x'), acl: [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }], mode: 'PERSISTENT' } },
      });
    }, 100);
    const deltas = [];
    let last = performance.now();
    await new Promise((resolve) => {
      const end = last + 5000;
      const tick = (t) => {
        deltas.push(t - last);
        last = t;
        if (t < end) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    clearInterval(load);
    return deltas.slice(1);
  });
  frames.sort((a, b) => a - b);
  const p = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
  row('frame_interval_p50', p(0.5).toFixed(1), 'ms (13 servers animating, writes)');
  row('frame_interval_p95', p(0.95).toFixed(1), 'ms', '≤ 16.7 ms');
  // 4. The space-time diagram with 13 lanes and ≥ 10,000 packets in the trace: pause, fast-forward
  //    under a write load until 10,000 deliveries, play again; then frame intervals while it
  //    follows the present (2.5 s window), and while it is dragged zoomed out over the whole run.
  const cmd = async (line) => {
    const box = page.getByRole('textbox', { name: 'zkCli command' });
    await box.fill(line);
    await box.press('Enter');
    await page.waitForFunction(() => document.querySelector('[role="log"]')?.getAttribute('aria-busy') === 'false');
  };
  await page.getByRole('button', { name: 'Space-time', exact: true }).click();
  await cmd('lab pause');
  const packets = await page.evaluate(async () => {
    const runtime = window.__lab.runtime;
    const enc = new TextEncoder();
    const deliveries = () => runtime.sim.trace.reduce((k, e) => k + (e.kind === 'deliver' ? 1 : 0), 0);
    let n = 0;
    while (deliveries() < 10000) {
      for (let i = 0; i < 10; i++) {
        n += 1;
        void runtime.apply({
          type: 'request',
          sid: 1 + (n % 13),
          req: { sessionId: 0xbe7cn, cxid: 100000 + n, authInfo: [], request: { type: 'create', path: `/tl-${n}`, data: enc.encode('x'), acl: [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }], mode: 'PERSISTENT' } },
        });
      }
      await runtime.runFor(1000);
    }
    return { deliveries: deliveries(), now: runtime.sim.now };
  });
  await cmd('lab play');
  const measureFrames = (ms) =>
    page.evaluate(async (ms) => {
      const deltas = [];
      const draws = [];
      let drawnMax = 0;
      let last = performance.now();
      await new Promise((resolve) => {
        const end = last + ms;
        const tick = (t) => {
          deltas.push(t - last);
          last = t;
          const body = document.querySelector('.timeline-body');
          drawnMax = Math.max(drawnMax, Number(body?.getAttribute('data-drawn') ?? 0));
          draws.push(Number(body?.getAttribute('data-draw-ms') ?? 0));
          if (t < end) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      return { deltas: deltas.slice(1).sort((a, b) => a - b), draws: draws.sort((a, b) => a - b), drawnMax };
    }, ms);
  const q95 = (d) => d[Math.min(d.length - 1, Math.floor(0.95 * d.length))];
  const follow = await measureFrames(4000);
  row('timeline_frame_p95_follow', q95(follow.deltas).toFixed(1), `ms (13 lanes, ${packets.deliveries} delivered in trace, ${follow.drawnMax} arrows drawn, following)`, '≤ 16.7 ms');
  // The same moment with the diagram hidden (Znodes tab): what the rest of the page costs.
  await page.getByRole('button', { name: 'Znodes', exact: true }).click();
  const hidden = await measureFrames(4000);
  row('timeline_hidden_frame_p95', q95(hidden.deltas).toFixed(1), 'ms (same run, diagram hidden: the baseline)');
  await page.getByRole('button', { name: 'Space-time', exact: true }).click();
  await page.locator('.timeline-canvas').waitFor();
  const canvas = (await page.locator('.timeline-canvas').boundingBox());
  const cx = canvas.x + canvas.width / 2;
  const cy = canvas.y + canvas.height / 2;
  await page.mouse.move(cx, cy);
  // Zoom out until the window covers the whole run, then drag back and forth while measuring.
  for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
  const pan = measureFrames(4000);
  const until = Date.now() + 3800;
  let dir = 1;
  while (Date.now() < until) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(cx + dir * k * 12, cy);
    await page.mouse.up();
    dir = -dir;
  }
  const panned = await pan;
  row('timeline_frame_p95_pan', q95(panned.deltas).toFixed(1), `ms (zoomed out, up to ${panned.drawnMax} arrows drawn, dragging)`, '≤ 16.7 ms');
  row('timeline_draw_p95', q95([...follow.draws, ...panned.draws].sort((a, b) => a - b)).toFixed(1), 'ms (the diagram\'s own work per frame, both runs)');
  const rewind = await page.evaluate(async () => {
    const runtime = window.__lab.runtime;
    runtime.pause();
    while (runtime.sim.eventCount < 10500) await runtime.runFor(1000);
    const t0 = performance.now();
    await runtime.back(10000);
    return { ms: performance.now() - t0, events: runtime.sim.eventCount };
  });
  row('rewind_10000_events_page', rewind.ms.toFixed(0), 'ms (Web Workers)', '≤ 200 ms');
  await browser.close();
});

const w = Math.max(...rows.map((r) => r.name.length));
console.log('\nZooKeeper Lab benchmark\n');
for (const r of rows) console.log(`${r.name.padEnd(w)}  ${String(r.value).padStart(9)} ${r.unit}${r.budget ? `   (budget ${r.budget})` : ''}`);
