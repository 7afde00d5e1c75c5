/**
 * The soak in CI (issue 7 item 5): three hundred seeds of random fault schedules with client
 * writes, every checker after every event, liveness after each heal. `npm run soak -- --seeds N`
 * runs more (scripts/soak.soak-run.ts). SOAK_SEEDS / SOAK_FROM change the range here.
 */
import { expect, test } from 'vitest';
import { runLabCommand } from '../cli/lab.ts';
import { parseLabConfig } from '../protocol/config.ts';
import { InProcessHost } from './inProcessHost.ts';
import { LabRuntime } from './runtime.ts';
import { formatSoakFailure, runSoakSeed } from './soak.ts';

const SEEDS = Number(process.env.SOAK_SEEDS ?? 300);
const FROM = Number(process.env.SOAK_FROM ?? 1);

test(`soak: ${SEEDS} seeds of random faults and writes, every invariant after every event, liveness after heal`, async () => {
  const failures: string[] = [];
  let clientOps = 0;
  for (let seed = FROM; seed < FROM + SEEDS; seed++) {
    const r = await runSoakSeed(seed);
    clientOps += r.clientOps;
    if (!r.ok) failures.push(formatSoakFailure(r));
  }
  expect(failures.join('\n\n')).toBe('');
  // The client sessions really ran: about 25 judged operations a seed.
  expect(clientOps).toBeGreaterThan(SEEDS * 10);
});

test('a soak run\'s link replays it exactly: the same console lines reach the same trace hash', async () => {
  for (const [seed, bugs] of [[3, []], [8, []], [2, ['commitWithoutQuorum']]] as const) {
    const r = await runSoakSeed(seed, { bugs: [...bugs] });
    const params = new URLSearchParams(r.url.slice(1));
    const lines = params.getAll('do');
    expect(lines.slice(0, -1)).toEqual(r.console);
    expect(lines.at(-1)).toBe('lab pause');
    expect(r.console.some((l) => l.startsWith('lab write '))).toBe(true);
    const rt = new LabRuntime(parseLabConfig(params).config, () => new InProcessHost());
    for (const line of lines) expect((await runLabCommand(rt, line)).error ?? false).toBe(false);
    expect(rt.sim.traceHash()).toBe(r.hash);
    rt.dispose();
  }
});

test('the client-history checker sees a broken protocol on its own (the soak playing on past the invariants)', async () => {
  for (const [seed, bug] of [[10, 'forgetAcceptedEpoch'], [11, 'commitWithoutQuorum']] as const) {
    const r = await runSoakSeed(seed, { bugs: [bug], stopAtViolation: false });
    expect(r.historyViolations.length, `${bug} seed ${seed}`).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
    expect(formatSoakFailure(r)).toContain('(client history, ops #');
    // …and the same seed with the protocol intact passes.
    expect((await runSoakSeed(seed, { stopAtViolation: false })).historyViolations).toEqual([]);
  }
});

test('seeds that once failed stay green (found by the soak with client sessions)', async () => {
  // 302, 1242: a sync's reply carried the leader's zxid instead of the server's own (a session
  //   then saw zxids go back); 399, 816, 1279: a held sync reached a learner's next connection
  //   (scenario 19); the client-ahead refusal is scenario 18.
  for (const seed of [302, 399, 816, 1242, 1279]) {
    const r = await runSoakSeed(seed);
    expect(r.ok ? '' : formatSoakFailure(r)).toBe('');
  }
});
