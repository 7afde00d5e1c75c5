// `npm run bench`: the lab's speed, measured (not asserted). Prints one table —
//   figure | value | goal | ok/over | since last run
// — under a header naming the machine, and saves the figures to bench/last-run.json (the next
// run compares with it: a change of more than 10 % in the wrong direction is marked WORSE).
//
// Groups (`--only a,b`; default all):
//   node       simulation events/s (a fresh process's first minute, and over ten minutes) and rewind,
//              in Node (scripts/*.bench-run.ts, its `BENCH` lines)
//   bundle     first-load JavaScript and the worker chunk (gzip)
//   animating  main-thread work (CDP Performance.getMetrics) while the page animates 5 servers (fresh,
//              then after 600 writes, then with drawing held), then 9 voters + 4 observers, under ~10
//              writes per wall second; frame intervals at 9 + 4
//   raftscope  the same measurement on RaftScope (5 servers), for scale ($RAFTSCOPE_DIR or
//              .bench/raftscope; scripts/get-raftscope.sh puts it there)
//   floor      the same measurement on a bare page whose one canvas is redrawn every frame (a few
//              dots moving, nothing else): what any 60 fps animation costs this machine's browser
//   spacetime  the space-time diagram with ~10,000 arrows: p95 frame interval following and dragging;
//              then a rewind across 10,000 events in that page
//   workers    events/s through the page's Web Workers vs in-process in the same page
//   labrun     `lab run 600s` typed in the console: wall time at 3 voters and at 9 + 4
// Options: --runs N (page groups N times; values shown as min–max, judged on the median),
//          --markdown (the table as Markdown), --no-save (do not write bench/last-run.json).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, withPreview } from './preview.mjs';

// ---------------------------------------------------------------- options

const GROUPS = ['node', 'bundle', 'animating', 'raftscope', 'floor', 'spacetime', 'workers', 'labrun'];
const PAGE_GROUPS = ['animating', 'raftscope', 'floor', 'spacetime', 'workers', 'labrun'];
/** Page groups that do not open the lab (no build, no preview server). */
const LABLESS = ['raftscope', 'floor'];
const argv = process.argv.slice(2);
const opt = { runs: 1, markdown: false, save: true, only: GROUPS };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--markdown') opt.markdown = true;
  else if (a === '--no-save') opt.save = false;
  else if (a === '--runs') opt.runs = Math.max(1, Number(argv[++i]) || 1);
  else if (a === '--only') opt.only = String(argv[++i] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  else {
    console.error(`bench: unknown option ${a}\nusage: npm run bench -- [--runs N] [--markdown] [--only ${GROUPS.join(',')}] [--no-save]`);
    process.exit(2);
  }
}
for (const g of opt.only) {
  if (!GROUPS.includes(g)) {
    console.error(`bench: unknown group ${g} (groups: ${GROUPS.join(', ')})`);
    process.exit(2);
  }
}
const want = (g) => opt.only.includes(g);

const PORT = 4183;
const LAST_RUN = 'bench/last-run.json';
const RAFTSCOPE_DIR = resolve(process.env.RAFTSCOPE_DIR || '.bench/raftscope');
const started = Date.now();
const load1AtStart = os.loadavg()[0];
const log = (s) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}\n`);

// ---------------------------------------------------------------- figures

/** Milliseconds a frame interval may exceed 16.7 ms and still count as one 60 Hz frame. */
const VSYNC_JITTER = 0.5;

/**
 * Every figure the bench can print, in table order. `goal`: [op, limit, tolerance?]; `better`: the direction
 * "since last run" judges (from the goal when there is one).
 */
const FIGURES = [
  // node
  ['sim_events_per_s', 'Simulation events/s, Node, 13 servers, 20 writes/s', 'events/s', 0, ['>=', 100000]],
  ['sim_packets_per_s', 'Simulation packets delivered/s, same run', 'packets/s', 0, null, 'higher'],
  ['sim_speed', 'Simulated time per wall time, same run', '× real time', 0, null, 'higher'],
  ['checkpoint_cost', 'Checkpoint (world + every server), 13 servers', 'ms each', 1, null, 'lower'],
  ['rewind_node_first', 'Rewind 10,000 events, Node, first rewind', 'ms', 0, null, 'lower'],
  ['rewind_node_median', 'Rewind 10,000 events, Node, median of 20', 'ms', 0, ['<=', 50]],
  ['rewind_node_max', 'Rewind 10,000 events, Node, max of 20', 'ms', 0, ['<=', 100]],
  ['sim_long_events_per_s', 'The same over 10 simulated minutes', 'events/s', 0, null, 'higher'],
  ['sim_long_last_events_per_s', 'The same, its tenth minute (10,800 znodes in)', 'events/s', 0, null, 'higher'],
  ['sim5_events_per_s', 'Simulation events/s, Node, 5 voters, 20 writes/s', 'events/s', 0, null, 'higher'],
  ['sim5_speed', 'Simulated time per wall time, 5 voters', '× real time', 0, null, 'higher'],
  // bundle
  ['first_load_js_gzip', 'First-load JavaScript (gzip)', 'KB', 1, ['<=', 300]],
  ['worker_js_gzip', 'Worker JavaScript (gzip, loaded once per server)', 'KB', 1, null, 'lower'],
  // animating
  ...mainThreadFigures('main5', 'Main thread, 5 servers animating, writes', ['<=', 100]),
  ...mainThreadFigures('main5long', 'Main thread, 5 servers animating, writes, after 600 earlier writes', ['<=', 100]),
  ...mainThreadFigures('main5held', 'Main thread, 5 servers, writes, nothing drawn (drawing held: the simulation through the workers alone)', null),
  ...mainThreadFigures('main13', 'Main thread, 9 voters + 4 observers animating, writes', ['<=', 200]),
  ['frame_p50_13', 'Frame interval p50, 9 + 4 animating, writes', 'ms', 1, null, 'lower'],
  // A frame interval is vsync-bound: 16.7 ms is one 60 Hz frame, measured with jitter (16.8 ms is
  // still one frame, 33.4 ms is two). The goal is one frame; judged with VSYNC_JITTER to spare.
  ['frame_p95_13', 'Frame interval p95, 9 + 4 animating, writes', 'ms', 1, ['<=', 16.7, VSYNC_JITTER]],
  // raftscope
  ...mainThreadFigures('raftscope', 'RaftScope, 5 servers (for scale)', null),
  // floor
  ...mainThreadFigures('floor', 'A bare page animating one canvas at 60 fps (the floor, for scale)', null),
  // spacetime
  ['timeline_p95_follow', 'Space-time p95 frame, following the present', 'ms', 1, ['<=', 16.7, VSYNC_JITTER]],
  ['timeline_p95_hidden', 'Same moment, diagram hidden (baseline)', 'ms', 1, null, 'lower'],
  ['timeline_p95_pan', 'Space-time p95 frame, zoomed out, dragging', 'ms', 1, ['<=', 16.7, VSYNC_JITTER]],
  ['timeline_draw_p95', "Space-time diagram's own draw p95 (both)", 'ms', 1, null, 'lower'],
  ['rewind_page', 'Rewind 10,000 events in the page', 'ms', 0, ['<=', 100]],
  // workers
  ['page_events_per_s_workers', 'Page events/s through Web Workers, 9 + 4, 20 writes/s', 'events/s', 0, null, 'higher'],
  ['page_events_per_s_inprocess', 'Page events/s in-process, same config', 'events/s', 0, null, 'higher'],
  // labrun
  ['labrun_3', '`lab run 600s` in the page, 3 voters', 's', 2, ['<=', 0.3]],
  ['labrun_3_frames', 'Frames drawn during it, 3 voters', '', 0, null, null],
  ['labrun_13', '`lab run 600s` in the page, 9 + 4', 's', 2, ['<=', 3]],
  ['labrun_13_frames', 'Frames drawn during it, 9 + 4', '', 0, null, null],
].map(([id, label, unit, decimals, goal, better, title]) => ({ id, label, title: title ?? label, unit, decimals, goal, better: better ?? (goal ? (goal[0] === '<=' ? 'lower' : 'higher') : null) }));

function mainThreadFigures(id, label, goal) {
  return [
    [`${id}_task`, `${label}: task time`, 'ms/s', 0, goal, 'lower'],
    [`${id}_script`, '  of which script', 'ms/s', 0, null, 'lower', `${label}: script`],
    [`${id}_style`, '  of which style recalc', 'ms/s', 1, null, 'lower', `${label}: style recalc`],
    [`${id}_layout`, '  of which layout', 'ms/s', 1, null, 'lower', `${label}: layout`],
    [`${id}_other`, '  of which other (paint, GC, …)', 'ms/s', 0, null, 'lower', `${label}: other task time`],
    [`${id}_cpu`, '  main-thread CPU time', 'ms/s', 0, null, 'lower', `${label}: main-thread CPU time`],
    [`${id}_frame`, '  task time per frame', 'ms/frame', 2, null, 'lower', `${label}: task time per frame`],
  ];
}

const byId = new Map(FIGURES.map((f) => [f.id, f]));
/** id → { values: number[], detail?: string, skipped?: string } */
const results = new Map();

function record(id, value, detail) {
  if (!byId.has(id)) byId.set(id, { id, label: id, unit: '', decimals: 1, goal: null, better: null });
  const r = results.get(id) ?? { values: [] };
  if (Number.isFinite(value)) r.values.push(value);
  if (detail) r.detail = detail;
  results.set(id, r);
}
function skip(id, why) {
  results.set(id, { values: [], skipped: why });
}

// ---------------------------------------------------------------- 1. Node

function runNode() {
  log('node: vitest -c vitest.bench.config.ts');
  const out = execSync('npx vitest run -c vitest.bench.config.ts --reporter=verbose', {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  // The lines are the other script's to define: known names get goals, others are shown as they come.
  const renamed = { rewind_10000_events_node: 'rewind_node_first', rewind_10000_events_node_max: 'rewind_node_max', rewind_10000_events_node_median: 'rewind_node_median' };
  for (const raw of out.split('\n')) {
    const line = raw.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
    const m = /BENCH (\S+) (\S+) ?(.*)$/.exec(line);
    if (!m) continue;
    const [, name, value, unit] = m;
    const id = renamed[name] ?? name;
    if (!byId.has(id)) {
      const u = unit.split(' (')[0];
      byId.set(id, { id, label: `${name} (Node)`, unit: u, decimals: value.includes('.') ? 1 : 0, goal: null, better: /\/s$|real time/.test(u) ? 'higher' : /^ms/.test(u) ? 'lower' : null });
    }
    const extra = /\((.*)\)/.exec(unit)?.[1];
    // The known lines' parentheses repeat their labels, except the checkpoints' counts.
    const known = FIGURES.some((f) => f.id === id);
    record(id, Number(value), !known || id === 'checkpoint_cost' ? extra : undefined);
    // `… max N ms (20 rewinds, median M ms)`: the median rides along with the max.
    const med = /median (\d+(?:\.\d+)?)/.exec(unit);
    if (name === 'rewind_10000_events_node_max' && med && !out.includes('BENCH rewind_10000_events_node_median')) record('rewind_node_median', Number(med[1]));
  }
}

// ---------------------------------------------------------------- 2. bundle

function build() {
  log('vite build');
  execSync('npx vite build', { stdio: 'ignore' });
}

function measureBundle() {
  const html = readFileSync('dist/index.html', 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let firstLoad = 0;
  for (const f of initial) firstLoad += gzipSync(readFileSync(join('dist', f))).length;
  record('first_load_js_gzip', firstLoad / 1024);
  const worker = readdirSync('dist/assets').find((f) => f.startsWith('nodeWorker') && f.endsWith('.js'));
  if (worker) record('worker_js_gzip', gzipSync(readFileSync(join('dist/assets', worker))).length / 1024);
}

// ---------------------------------------------------------------- page helpers

const MEASURE_MS = 10_000;

async function openLab(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.getByRole('textbox', { name: 'zkCli command' }).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-state="LEADING"]') !== null, null, { timeout: 60_000 });
  return page;
}

async function consoleLine(page, line) {
  const box = page.getByRole('textbox', { name: 'zkCli command' });
  await box.fill(line);
  await box.press('Enter');
  await page.waitForFunction(() => document.querySelector('[role="log"]')?.getAttribute('aria-busy') === 'false', null, { timeout: 120_000 });
}

/** In the page: writes through the lab's servers in turn, `perSec` a wall second (returns a stop function's key). */
function startLabWrites(page, perSec) {
  return page.evaluate((perSec) => {
    const runtime = window.__lab.runtime;
    const ids = runtime.setup.ids;
    const enc = new TextEncoder();
    let n = 0;
    window.__benchWrites = setInterval(() => {
      n += 1;
      void runtime.apply({
        type: 'request',
        sid: ids[n % ids.length],
        req: { sessionId: 0xbe7cn, cxid: n, authInfo: [], request: { type: 'create', path: `/bench-${n}`, data: enc.encode('x'), acl: [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }], mode: 'PERSISTENT' } },
      });
    }, 1000 / perSec);
  }, perSec);
}
const stopWrites = (page) => page.evaluate(() => clearInterval(window.__benchWrites));

/**
 * Main-thread work over `ms` of wall time: CDP Performance.getMetrics before and after (task,
 * script, style and layout durations), frames counted with requestAnimationFrame, and — when the
 * page has it — the lab's own count of frames drawn (`window.__lab.frames`).
 */
async function mainThread(page, ms) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await page.evaluate(() => {
    const b = (window.__benchFrames = { deltas: [], stop: false, lab0: null });
    const f = window.__lab?.frames;
    if (f && typeof f === 'object') b.lab0 = { drawn: Number(f.drawn), held: Number(f.held) };
    let last = performance.now();
    const tick = (t) => {
      if (b.stop) return;
      b.deltas.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const m0 = await metrics();
  await new Promise((r) => setTimeout(r, ms));
  const m1 = await metrics();
  const frames = await page.evaluate(() => {
    const b = window.__benchFrames;
    b.stop = true;
    const f = window.__lab?.frames;
    const lab = b.lab0 && f ? { drawn: Number(f.drawn) - b.lab0.drawn, held: Number(f.held) - b.lab0.held } : null;
    return { deltas: b.deltas.slice(1), lab };
  });
  await cdp.detach();
  const wall = m1.Timestamp - m0.Timestamp;
  const per = (k) => ((m1[k] - m0[k]) * 1000) / wall;
  return {
    task: per('TaskDuration'),
    script: per('ScriptDuration'),
    style: per('RecalcStyleDuration'),
    layout: per('LayoutDuration'),
    other: per('TaskOtherDuration'),
    cpu: per('ThreadTime'),
    frame: ((m1.TaskDuration - m0.TaskDuration) * 1000) / Math.max(1, frames.deltas.length),
    fps: frames.deltas.length / wall,
    deltas: frames.deltas.sort((a, b) => a - b),
    lab: frames.lab,
  };
}

function recordMain(id, m, detail) {
  const drawn = m.lab ? `, ${m.lab.drawn} drawn / ${m.lab.held} held by the lab` : '';
  record(`${id}_task`, m.task, detail);
  record(`${id}_script`, m.script);
  record(`${id}_style`, m.style);
  record(`${id}_layout`, m.layout);
  record(`${id}_other`, m.other);
  record(`${id}_cpu`, m.cpu);
  record(`${id}_frame`, m.frame, `${m.fps.toFixed(0)} frames/s${drawn}`);
}

const n = (x) => Number(x).toLocaleString('en-US');
const q = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

// ---------------------------------------------------------------- 3. animating

async function animating(browser, base) {
  for (const [id, url, label, prepare] of [
    ['main5', `${base}/?voters=5&seed=1`, '5 voters'],
    // A lab that has run a while (a class, an afternoon): 600 znodes, their txns in every log.
    ['main5long', `${base}/?voters=5&seed=1`, '5 voters, after 600 writes', prefill600],
    // The floor: what stepping the servers through their workers costs the page, nothing drawn.
    ['main5held', `${base}/?voters=5&seed=1`, '5 voters, drawing held', (page) => page.evaluate(() => void window.__lab.holdDrawing())],
    ['main13', `${base}/?voters=9&observers=4&seed=1`, '9 + 4'],
  ]) {
    log(`animating: ${label}`);
    const page = await openLab(browser, url);
    if (prepare) await prepare(page);
    await startLabWrites(page, 10);
    const m = await mainThread(page, MEASURE_MS);
    await stopWrites(page);
    recordMain(id, m, `10 writes/s, ${MEASURE_MS / 1000} s`);
    if (id === 'main13') {
      record('frame_p50_13', q(m.deltas, 0.5));
      record('frame_p95_13', q(m.deltas, 0.95));
    }
    await page.close();
  }
}

/** 600 writes over a minute of simulated time, run ahead (`lab write`, `lab run`), then playing again. */
async function prefill600(page) {
  for (let i = 0; i < 6; i++) {
    await consoleLine(page, `lab write ${1 + (i % 5)} 100`);
    await consoleLine(page, 'lab run 10s');
  }
  await consoleLine(page, 'lab play');
}

// ---------------------------------------------------------------- 4. RaftScope

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff': 'font/woff', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject' };
const RAFTSCOPE_FILES = ['index.html', 'script.js', 'raft.js', 'bootstrap-slider/js/bootstrap-slider.js', 'bootstrap-contextmenu/bootstrap-contextmenu.js'];
const haveRaftScope = () => RAFTSCOPE_FILES.every((f) => existsSync(join(RAFTSCOPE_DIR, f)));

async function raftscope(browser) {
  if (!haveRaftScope()) {
    for (const f of mainThreadFigures('raftscope', '', null)) skip(f[0], f[0] === 'raftscope_task' ? 'skipped (run scripts/get-raftscope.sh)' : '');
    return;
  }
  log('raftscope');
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Served from disk under a made-up origin (no second server).
  await page.route('http://raftscope.bench/**', (route) => {
    const path = join(RAFTSCOPE_DIR, decodeURIComponent(new URL(route.request().url()).pathname.slice(1)) || 'index.html');
    if (!path.startsWith(RAFTSCOPE_DIR) || !existsSync(path)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ status: 200, contentType: MIME[extname(path)] ?? 'application/octet-stream', body: readFileSync(path) });
  });
  await page.goto('http://raftscope.bench/index.html');
  await page.waitForFunction(() => typeof window.state === 'object' && window.state?.current?.servers?.length === 5);
  // At its default speed (1/100×) a first election takes 10–20 s of wall time: run the model
  // ahead to its first leader (no drawing meanwhile), then let it play as it does by itself.
  await page.evaluate(() => {
    const { state, render } = window;
    for (let i = 0; i < 10_000 && !state.current.servers.some((s) => s.state === 'leader'); i++) state.seek(state.current.time + 1000);
    render.update();
  });
  // A client request every 100 ms of wall time, as its `C` key sends one (to the leader).
  await page.evaluate(() => {
    window.__benchWrites = setInterval(() => window.jQuery(window).trigger(window.jQuery.Event('keyup', { keyCode: 67 })), 100);
  });
  const m = await mainThread(page, MEASURE_MS);
  await stopWrites(page);
  const entries = await page.evaluate(() => Math.max(...window.state.current.servers.map((s) => s.log.length)));
  recordMain('raftscope', m, `default speed, a client request (key C) every 100 ms, ${entries} log entries at the end`);
  await page.close();
}

// ---------------------------------------------------------------- 4b. the browser's floor

/**
 * What animating anything at 60 fps costs this browser's main thread, before any lab: a page
 * with one canvas of the cluster view's size, cleared and redrawn every frame with 8 dots flying
 * between 5 points (about the packets 5 servers under writes have in flight), and nothing else.
 */
const FLOOR_PAGE = `<!doctype html><body style="margin:0"><canvas id="c" width="900" height="560"></canvas><script>
const g = document.getElementById('c').getContext('2d');
const at = (k) => [450 + 220 * Math.cos((k * 2 * Math.PI) / 5), 280 + 220 * Math.sin((k * 2 * Math.PI) / 5)];
function frame(t) {
  g.clearRect(0, 0, 900, 560);
  for (let k = 0; k < 5; k++) { const [x, y] = at(k); g.beginPath(); g.arc(x, y, 28, 0, 7); g.stroke(); }
  for (let i = 0; i < 8; i++) {
    const [x0, y0] = at(i % 5); const [x1, y1] = at((i * 3 + 1) % 5); const f = ((t / 400 + i / 8) % 1);
    g.beginPath(); g.arc(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, 6, 0, 7); g.fill();
  }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
</script></body>`;

async function floor(browser) {
  log('floor');
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent(FLOOR_PAGE);
  await new Promise((r) => setTimeout(r, 1000));
  recordMain('floor', await mainThread(page, MEASURE_MS), 'one 900×560 canvas, 5 circles and 8 moving dots redrawn every frame');
  await page.close();
}

// ---------------------------------------------------------------- 5. space-time diagram

async function spacetime(browser, base) {
  log('spacetime: filling the trace');
  const page = await openLab(browser, `${base}/?voters=9&observers=4&seed=1`);
  await page.getByRole('button', { name: 'Space-time', exact: true }).click();
  // Pause, fast-forward under a write load until 10,000 deliveries, play again.
  await consoleLine(page, 'lab pause');
  const packets = await page.evaluate(async () => {
    const runtime = window.__lab.runtime;
    const ids = runtime.setup.ids;
    const enc = new TextEncoder();
    const deliveries = () => runtime.sim.trace.reduce((k, e) => k + (e.kind === 'deliver' ? 1 : 0), 0);
    let n = 0;
    while (deliveries() < 10000) {
      for (let i = 0; i < 10; i++) {
        n += 1;
        void runtime.apply({
          type: 'request',
          sid: ids[n % ids.length],
          req: { sessionId: 0xbe7cn, cxid: 100000 + n, authInfo: [], request: { type: 'create', path: `/tl-${n}`, data: enc.encode('x'), acl: [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }], mode: 'PERSISTENT' } },
        });
      }
      await runtime.runFor(1000);
    }
    return deliveries();
  });
  await consoleLine(page, 'lab play');
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
  log('spacetime: following');
  const follow = await measureFrames(4000);
  record('timeline_p95_follow', q(follow.deltas, 0.95), `13 lanes, ${n(packets)} delivered in the trace, ${n(follow.drawnMax)} arrows drawn`);
  // The same moment with the diagram hidden (Znodes tab): what the rest of the page costs.
  await page.getByRole('button', { name: 'Znodes', exact: true }).click();
  const hidden = await measureFrames(4000);
  record('timeline_p95_hidden', q(hidden.deltas, 0.95));
  await page.getByRole('button', { name: 'Space-time', exact: true }).click();
  await page.locator('.timeline-canvas').waitFor();
  const canvas = await page.locator('.timeline-canvas').boundingBox();
  const cx = canvas.x + canvas.width / 2;
  const cy = canvas.y + canvas.height / 2;
  await page.mouse.move(cx, cy);
  // Zoom out until the window covers the whole run, then drag back and forth while measuring.
  for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
  log('spacetime: dragging');
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
  record('timeline_p95_pan', q(panned.deltas, 0.95), `up to ${n(panned.drawnMax)} arrows drawn`);
  record('timeline_draw_p95', q([...follow.draws, ...panned.draws].sort((a, b) => a - b), 0.95));
  log('spacetime: rewind');
  await consoleLine(page, 'lab pause');
  const rewind = await page.evaluate(async () => {
    const runtime = window.__lab.runtime;
    while (runtime.sim.eventCount < 10500) await runtime.runFor(1000);
    const t0 = performance.now();
    await runtime.back(10000);
    return { ms: performance.now() - t0, events: runtime.sim.eventCount };
  });
  record('rewind_page', rewind.ms, 'Web Workers, diagram showing; replayed in-process, states pushed into the workers');
  await page.close();
}

// ---------------------------------------------------------------- 6. workers vs in-process, rewind

async function workers(browser, base) {
  log('workers: events/s through the workers');
  const page = await openLab(browser, `${base}/?voters=9&observers=4&seed=1`);
  await consoleLine(page, 'lab pause');
  // The same script on both paths (the one the Node figure runs): 20 writes per simulated
  // second through the servers in turn, then a simulated second, for up to 30 simulated
  // seconds or WALL ms of wall time. `runUntil` is the playback loop's step: it stays with the
  // workers (a long `runFor` may move the servers into the page's thread to fast-forward).
  const drive = `async (rt, wall) => {
    const ids = rt.setup.ids;
    const enc = new TextEncoder();
    const t0 = performance.now();
    const e0 = rt.sim.eventCount;
    let n = 0;
    for (let s = 0; s < 30 && performance.now() - t0 < wall; s++) {
      for (let i = 0; i < 20; i++) {
        n += 1;
        void rt.apply({ type: 'request', sid: ids[n % ids.length], req: { sessionId: 0xbe7dn, cxid: n, authInfo: [], request: { type: 'create', path: '/d-' + n, data: enc.encode('x'), acl: [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }], mode: 'PERSISTENT' } } });
      }
      await rt.runUntil(rt.sim.now + 1000);
    }
    const ms = performance.now() - t0;
    return { events: rt.sim.eventCount - e0, ms };
  }`;
  const WALL = 8000;
  const viaWorkers = await page.evaluate(async ({ drive, wall }) => {
    const rt = window.__lab.runtime;
    const r = await (0, eval)(drive)(rt, wall);
    return { ...r, host: rt.host?.kind };
  }, { drive, wall: WALL });
  if (viaWorkers.host !== 'worker') log(`workers: the page's host is ${viaWorkers.host}, not Web Workers`);
  record('page_events_per_s_workers', (viaWorkers.events / viaWorkers.ms) * 1000, `${n(viaWorkers.events)} events in ${(viaWorkers.ms / 1000).toFixed(1)} s`);
  // A rewind replays in this thread on an in-process host: borrow its class for an in-process run.
  await page.evaluate(async () => {
    const rt = window.__lab.runtime;
    const forward = rt.forward;
    rt.forward = function (...args) {
      if (this.simHost?.kind === 'in-process') window.__benchInProcessHost = this.simHost.constructor;
      return forward.apply(this, args);
    };
    await rt.back(1);
    delete rt.forward;
  });
  log('workers: events/s in-process');
  const inProcess = await page.evaluate(async ({ drive, wall }) => {
    const rt = window.__lab.runtime;
    const Host = window.__benchInProcessHost;
    if (!Host) return null;
    const local = new rt.constructor(rt.config, () => new Host());
    await local.runFor(3000);
    const r = await (0, eval)(drive)(local, wall);
    local.dispose();
    return r;
  }, { drive, wall: WALL });
  if (inProcess) record('page_events_per_s_inprocess', (inProcess.events / inProcess.ms) * 1000, `${n(inProcess.events)} events in ${(inProcess.ms / 1000).toFixed(1)} s`);
  else skip('page_events_per_s_inprocess', 'n/a (no in-process host seen during the rewind)');
  await page.close();
}

// ---------------------------------------------------------------- 7. lab run 600s

async function labrun(browser, base) {
  for (const [id, url, label] of [
    ['labrun_3', `${base}/?voters=3&seed=1`, '3 voters'],
    ['labrun_13', `${base}/?voters=9&observers=4&seed=1`, '9 + 4'],
  ]) {
    log(`labrun: ${label}`);
    const page = await openLab(browser, url);
    // From Enter to the console's log no longer busy, timed in the page.
    await page.evaluate(() => {
      const logEl = document.querySelector('[role="log"]');
      const b = (window.__benchRun = { t0: null, t1: null, busy: false, lab0: null });
      document.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter' || e.target?.tagName !== 'TEXTAREA' || b.t0 !== null) return;
        b.t0 = performance.now();
        const f = window.__lab?.frames;
        if (f && typeof f === 'object') b.lab0 = { drawn: Number(f.drawn), held: Number(f.held) };
      }, { capture: true });
      new MutationObserver(() => {
        const busy = logEl.getAttribute('aria-busy') === 'true';
        if (busy) b.busy = true;
        else if (b.busy && b.t1 === null) {
          b.t1 = performance.now();
          const f = window.__lab?.frames;
          if (b.lab0 && f) b.frames = { drawn: Number(f.drawn) - b.lab0.drawn, held: Number(f.held) - b.lab0.held };
        }
      }).observe(logEl, { attributes: true, attributeFilter: ['aria-busy'] });
    });
    const box = page.getByRole('textbox', { name: 'zkCli command' });
    await box.fill('lab run 600s');
    await box.press('Enter');
    await page.waitForFunction(() => window.__benchRun.t1 !== null, null, { timeout: 300_000, polling: 50 });
    const r = await page.evaluate(() => window.__benchRun);
    const out = await page.evaluate(() => document.querySelector('[role="log"]')?.textContent?.match(/time [^\s]+/g)?.pop() ?? '');
    record(id, (r.t1 - r.t0) / 1000, out ? `console: ${out}` : undefined);
    if (r.frames) record(`${id}_frames`, r.frames.drawn, `window.__lab.frames; ${r.frames.held} held`);
    else skip(`${id}_frames`, 'n/a (no window.__lab.frames)');
    await page.close();
  }
}

// ---------------------------------------------------------------- run

const machine = {
  cpu: os.cpus()[0]?.model?.trim() ?? 'unknown',
  cores: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  chromium: null,
  load1: Number(load1AtStart.toFixed(2)),
};

if (want('node')) runNode();
const pageGroups = PAGE_GROUPS.filter(want);
// The lab's page groups measure the built site (vite preview): build it fresh.
if (want('bundle') || pageGroups.some((g) => !LABLESS.includes(g))) build();
if (want('bundle')) measureBundle();

if (pageGroups.length > 0) {
  const browser = await launchChromium();
  machine.chromium = browser.version();
  try {
    const inPage = async (base) => {
      for (let run = 1; run <= opt.runs; run++) {
        if (opt.runs > 1) log(`page run ${run} of ${opt.runs}`);
        if (want('animating')) await animating(browser, base);
        if (want('raftscope')) await raftscope(browser);
        if (want('floor')) await floor(browser);
        if (want('spacetime')) await spacetime(browser, base);
        if (want('workers')) await workers(browser, base);
        if (want('labrun')) await labrun(browser, base);
      }
    };
    if (pageGroups.every((g) => LABLESS.includes(g))) await inPage(null);
    else await withPreview(PORT, inPage);
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------- table

const previous = (() => {
  try {
    return JSON.parse(readFileSync(LAST_RUN, 'utf8'));
  } catch {
    return null;
  }
})();

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

const table = [];
for (const f of byId.values()) {
  const r = results.get(f.id);
  if (!r) continue;
  const label = r.detail ? `${f.label} (${r.detail})` : f.label;
  const goal = f.goal ? `${f.goal[0] === '<=' ? '≤' : '≥'} ${fmt(f.goal[1], f.goal[1] % 1 ? 1 : 0)} ${f.unit}${f.goal[2] ? ` (±${f.goal[2]} vsync jitter)` : ''}` : '';
  if (r.values.length === 0) {
    if (r.skipped) table.push({ label, value: r.skipped, goal, ok: '', since: '' });
    continue;
  }
  const med = median(r.values);
  const lo = Math.min(...r.values);
  const hi = Math.max(...r.values);
  const value = `${lo === hi ? fmt(med, f.decimals) : `${fmt(lo, f.decimals)}–${fmt(hi, f.decimals)}`} ${f.unit}`.trimEnd();
  const slack = f.goal?.[2] ?? 0;
  const ok = !f.goal ? '' : (f.goal[0] === '<=' ? med <= f.goal[1] + slack : med >= f.goal[1] - slack) ? 'ok' : 'over';
  let since = '';
  const before = previous?.figures?.[f.id]?.value;
  if (typeof before === 'number' && before !== 0) {
    const change = (med - before) / Math.abs(before);
    const worse = (f.better === 'lower' && change > 0.1) || (f.better === 'higher' && change < -0.1);
    since = `${change >= 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(0)} %${worse ? ' WORSE' : ''}`;
  }
  table.push({ label, value, goal, ok, since, id: f.id, med, lo, hi, values: r.values });
}

const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const header = [
  `ZooKeeper Lab benchmark — ${date.replace('T', ' ').replace('Z', ' UTC')}`,
  `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}${machine.chromium ? `, Chromium ${machine.chromium}` : ''}${opt.runs > 1 ? `, ${opt.runs} runs of the page groups (min–max; ok/over and "since last run" use the median)` : ''}`,
  ...(load1AtStart > 0.5 ? [`WARNING: 1-minute load average ${load1AtStart.toFixed(2)} at start — not a quiet machine; wall-clock figures will be worse than they should`] : []),
  previous?.date ? `since last run: compared with ${LAST_RUN} of ${previous.date}` : `since last run: no ${LAST_RUN} yet`,
];
const cols = ['figure', 'value', 'goal', 'ok/over', 'since last run'];
const cells = table.map((t) => [t.label, t.value, t.goal, t.ok, t.since]);
console.log('');
if (opt.markdown) {
  for (const h of header) console.log(`${h}  `);
  console.log('');
  // Sub-rows keep their indent (Markdown would drop the spaces).
  const esc = (s) => s.replace(/\|/g, '\\|').replace(/^ {2}/, '&emsp;');
  console.log(`| ${cols.join(' | ')} |`);
  console.log(`|${cols.map((_, i) => (i === 1 ? '---:' : '---')).join('|')}|`);
  for (const c of cells) console.log(`| ${c.map(esc).join(' | ')} |`);
} else {
  for (const h of header) console.log(h);
  console.log('');
  const w = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (r) => r.map((s, i) => (i === 1 ? s.padStart(w[i]) : s.padEnd(w[i]))).join('  ').trimEnd();
  console.log(line(cols));
  console.log(line(w.map((n) => '-'.repeat(n))));
  for (const c of cells) console.log(line(c));
}
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);

if (opt.save) {
  // Figures not measured this time (--only) keep their last value, with the date it was measured.
  const figures = { ...(previous?.figures ?? {}) };
  for (const t of table) {
    if (t.id === undefined) continue;
    const f = byId.get(t.id);
    figures[t.id] = { label: f.title ?? f.label, value: Number(t.med.toPrecision(6)), unit: f.unit, min: Number(t.lo.toPrecision(6)), max: Number(t.hi.toPrecision(6)), runs: t.values.length, goal: f.goal ? `${f.goal[0]} ${f.goal[1]}` : null, date };
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync(LAST_RUN, `${JSON.stringify({ date, machine, runs: opt.runs, groups: opt.only, figures }, null, 2)}\n`);
  log(`saved ${LAST_RUN}`);
}
