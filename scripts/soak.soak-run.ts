/**
 * `npm run soak -- --seeds N [--from S]`: the randomized fault soak over N seeds (issue 7 item 5).
 * Every failing seed prints `SEED=…` first, then the lab URL, the console commands with their
 * times and the exact replay script (src/worker/soak.ts). Ends with a `SOAK` summary line.
 */
import { expect, test } from 'vitest';
import { formatSoakFailure, runSoakSeed } from '../src/worker/soak.ts';

const SEEDS = Number(process.env.SOAK_SEEDS ?? 100);
const FROM = Number(process.env.SOAK_FROM ?? 1);

test('soak', async () => {
  const t0 = performance.now();
  let failed = 0;
  let events = 0;
  let simMs = 0;
  let maxSettleMs = 0;
  let clientOps = 0;
  for (let seed = FROM; seed < FROM + SEEDS; seed++) {
    const r = await runSoakSeed(seed);
    events += r.events;
    simMs += r.simMs;
    maxSettleMs = Math.max(maxSettleMs, r.maxSettleMs);
    clientOps += r.clientOps;
    if (!r.ok) {
      failed += 1;
      console.log(formatSoakFailure(r));
    }
    if ((seed - FROM + 1) % 500 === 0) console.log(`SOAK progress ${seed - FROM + 1}/${SEEDS} seeds, ${failed} failed, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`SOAK seeds=${SEEDS} from=${FROM} failed=${failed} wall=${s.toFixed(1)}s events=${events} simulated=${(simMs / 3600000).toFixed(1)}h maxSettle=${(maxSettleMs / 1000).toFixed(2)}s clientOps=${clientOps}`);
  expect(failed).toBe(0);
});
