// docs/architecture.md: a run is a pure function of (config, seed, actions). The page runs every server
// in its own Web Worker; this test runs the same lab in Node with the in-process host and
// compares trace hashes.
//
// "The same lab" includes what the page does by itself on load: its console's zkCli connects to
// zk1 (a client joins the run at t=0). So the Node side opens its lab through the same store
// code the page uses (initLab), then seeks like the page does.
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test } from './helpers.ts';
import { parseLabConfig } from '../src/protocol/config.ts';
import { currentSession, disposeLab, initLab } from '../src/store/index.ts';
import { InProcessHost } from '../src/worker/inProcessHost.ts';
import { LabRuntime } from '../src/worker/runtime.ts';
import { run } from './helpers.ts';

async function inProcessHash(query: string, ms: number): Promise<string> {
  const { config, errors } = parseLabConfig(new URLSearchParams(query));
  expect(errors).toEqual([]);
  const rt = new LabRuntime(config, () => new InProcessHost());
  try {
    initLab(rt, { paused: true });
    await currentSession()!.ops.idle();
    await rt.seek(ms);
    return rt.sim.traceHash();
  } finally {
    disposeLab();
    rt.dispose();
  }
}

test('Web Workers in the page and the in-process host give the same trace hash', async ({ page }) => {
  const query = 'voters=3&seed=42';
  await page.goto(`/?${query}`);
  await run(page, 'lab pause');
  await run(page, 'lab seek 10s');
  const out = await run(page, 'lab hash');
  const m = /^trace (\S+) after \d+ entries at 10\.000s$/.exec(out.at(-1) ?? '');
  expect(m, `lab hash printed: ${out.join(' | ')}`).not.toBeNull();
  const pageHash = m![1]!;

  expect(await inProcessHash(query, 10_000)).toBe(pageHash);
  expect(await inProcessHash('voters=3&seed=43', 10_000)).not.toBe(pageHash);
});
