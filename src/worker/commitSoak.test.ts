/**
 * The 2PC and 3PC soaks in CI (src/worker/commitSoak.ts): a small slice of seeds each — 2PC under
 * every fault, 3PC under crashes, 3PC under partitions where only Atomicity may break — the bug
 * switches found by the soak, and a run replayed exactly from its link and its script.
 * `npm run soak -- --protocol 2pc,3pc --seeds N` runs more.
 */
import { expect, test } from 'vitest';
import { runLabCommand, runProtocolLine } from '../cli/lab.ts';
import { parseLabConfig } from '../protocol/config.ts';
import { InProcessHost } from './inProcessHost.ts';
import { LabRuntime } from './runtime.ts';
import { ScriptRunner } from './datadriven.ts';
import { formatSoakFailure, runProtocolSoakSeed } from './soak.ts';
import { runCommitSoakSeed, unexpectedViolations } from './commitSoak.ts';
import { expectSeedsGreen, seedRange } from './soak.test-helper.ts';

const SEEDS = Number(process.env.SOAK_MODULE_SEEDS ?? 25);

for (const protocol of ['2pc', '3pc'] as const) {
  test(`soak ${protocol}: ${SEEDS} seeds of ${protocol === '2pc' ? 'kills, partitions, cuts, loss, duplication and latency spikes' : 'crashes and restarts'} with transactions and no votes; every invariant after every event; everything decided after heal`, async () => {
    await expectSeedsGreen(protocol, seedRange(1, SEEDS));
  });
}

test('3PC under partitions breaks Atomicity and nothing else (seed 33 breaks it; a slice of seeds breaks nothing else)', async () => {
  const red = await runCommitSoakSeed('3pc', 33, { partitions: true });
  expect(red.violations.map((v) => v.invariant)).toContain('Atomicity');
  expect(unexpectedViolations(red)).toEqual([]);
  for (let seed = 1; seed <= SEEDS; seed++) {
    const r = await runCommitSoakSeed('3pc', seed, { partitions: true });
    expect(unexpectedViolations(r), formatSoakFailure(r)).toEqual([]);
  }
});

test('the 2PC and 3PC soaks find the bug switches: a failing seed prints SEED=, the invariant and the processes by name; the same seed passes without the switch', async () => {
  for (const [protocol, bug, seed, invariant] of [['2pc', 'abortOnTimeout', 5, 'BlockedNotGuessed'], ['2pc', 'commitWithoutVotes', 1, 'Validity'], ['3pc', 'commitWithoutVotes', 1, 'Validity']] as const) {
    const r = await runProtocolSoakSeed(protocol, seed, { bugs: [bug] });
    expect(r.violations.map((v) => v.invariant)).toContain(invariant);
    const text = formatSoakFailure(r);
    expect(text.split('\n')[0]).toBe(`SEED=${seed}`);
    expect(text).toMatch(new RegExp(`\\n  ${invariant} at \\d+\\.\\d{3}s \\(trace #\\d+, [cp]\\d?`));
    expect(text).toContain(`?protocol=${protocol}&`);
    expect((await runProtocolSoakSeed(protocol, seed)).ok).toBe(true);
  }
});

test('a 2PC or 3PC soak run replays exactly: its link\'s console lines and its script reach the same trace hash', async () => {
  for (const [protocol, seed, partitions] of [['2pc', 3, false], ['3pc', 4, false], ['3pc', 33, true]] as const) {
    const r = await runCommitSoakSeed(protocol, seed, { partitions });
    const params = new URLSearchParams(r.url.slice(1));
    const lines = params.getAll('do');
    expect(lines.slice(0, -1)).toEqual(r.console);
    for (const kind of ['lab kill ', 'lab start ', 'begin ']) expect(r.console.some((l) => l.startsWith(kind)), `${protocol} ${seed}: ${kind}`).toBe(true);
    const rt = new LabRuntime(parseLabConfig(params).config, () => new InProcessHost());
    for (const line of lines) expect((line.startsWith('lab ') ? await runLabCommand(rt, line) : await runProtocolLine(rt, line)).error ?? false, line).toBe(false);
    expect(rt.sim.traceHash()).toBe(r.hash);
    rt.dispose();
    const runner = new ScriptRunner();
    for (const line of r.script) await runner.run(line);
    expect(runner.lab!.runtime.sim.traceHash()).toBe(r.hash);
    runner.lab!.dispose();
  }
});
