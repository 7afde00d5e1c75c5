/**
 * The trace hash is computed lazily (Simulation.traceHash hashes the entries recorded since it was
 * last asked), which gives the digest hashing each entry as it was recorded gave only if no trace
 * entry — nor anything it holds, such as a request's authInfo — changes once recorded. In-process,
 * messages are shared with the states that sent them, so a protocol changing its state in place
 * would change the trace behind the hash's back. This checks every protocol's soak runs for it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation.ts';
import { stableJson } from '../sim/stableJson.ts';
import { runProtocolSoakSeed, SOAK_PROTOCOLS } from './soak.ts';
import { ScriptRunner } from './datadriven.ts';

type Recorder = { record(e: object): void };
const proto = Simulation.prototype as unknown as Recorder;
const original = proto.record;
let recorded: Array<[object, string]> = [];

beforeEach(() => {
  recorded = [];
  proto.record = function (this: Recorder, e: object) {
    recorded.push([e, stableJson(e)]);
    original.call(this, e);
  };
});
afterEach(() => {
  proto.record = original;
});

/** The entries that read differently now from when they were recorded (at most 3, for the message). */
function changedEntries(): string[] {
  const out: string[] = [];
  for (const [e, then] of recorded) {
    const now = stableJson(e);
    if (now !== then && out.length < 3) out.push(`recorded ${then.slice(0, 300)}\n     now ${now.slice(0, 300)}`);
  }
  return out;
}

describe('trace entries never change once recorded', () => {
  for (const protocol of SOAK_PROTOCOLS) {
    it(`${protocol}: soak seeds 1–3`, async () => {
      for (const seed of [1, 2, 3]) await runProtocolSoakSeed(protocol, seed);
      expect(recorded.length).toBeGreaterThan(1000);
      expect(changedEntries()).toEqual([]);
    });
  }

  it('zookeeper: sessions authenticating (addauth) while their requests are in flight', async () => {
    const r = new ScriptRunner();
    await r.run('new voters=3 seed=5');
    for (const line of ['zkcli create /a x', 'zkcli addauth digest bob:pw', 'zkcli create /b y', 'zkcli addauth digest alice:pw', 'zkcli create /c z']) {
      expect(await r.run(line)).not.toMatch(/rror/);
    }
    expect(recorded.length).toBeGreaterThan(100);
    expect(changedEntries()).toEqual([]);
  });
});
