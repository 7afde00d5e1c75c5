/**
 * The soak in CI (issue 7 item 5): three hundred seeds of random fault schedules with client
 * writes, every checker after every event, liveness after each heal. `npm run soak -- --seeds N`
 * runs more (scripts/soak.soak-run.ts). SOAK_SEEDS / SOAK_FROM change the range here.
 */
import { expect, test } from 'vitest';
import { formatSoakFailure, runSoakSeed } from './soak.ts';

const SEEDS = Number(process.env.SOAK_SEEDS ?? 300);
const FROM = Number(process.env.SOAK_FROM ?? 1);

test(`soak: ${SEEDS} seeds of random faults and writes, every invariant after every event, liveness after heal`, async () => {
  const failures: string[] = [];
  for (let seed = FROM; seed < FROM + SEEDS; seed++) {
    const r = await runSoakSeed(seed);
    if (!r.ok) failures.push(formatSoakFailure(r));
  }
  expect(failures.join('\n\n')).toBe('');
});
