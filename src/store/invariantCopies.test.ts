/**
 * The page checks ZooKeeper's invariants on copies of the servers' states (snapshots from the
 * workers, new objects each time), so the checker cannot tell a log or a txn it saw before by its
 * identity. Checked here: on every exhibit of the bug museum, a checker fed fresh copies after
 * every batch finds exactly what the checker reading the live states finds.
 */
import { describe, expect, test } from 'vitest';
import { BUG_MUSEUM, RECONFIG_BUG_EXHIBITS } from '../protocol/bugs.ts';
import { InvariantChecker, sameJson } from '../protocol/checkers/invariants.ts';
import { stableJson } from '../sim/stableJson.ts';
import type { QuorumPeer } from '../protocol/QuorumPeer.ts';
import type { Sid } from '../protocol/types.ts';
import { ScriptRunner } from '../worker/datadriven.ts';

describe('invariants on copies of the servers', () => {
  for (const x of [...BUG_MUSEUM, ...RECONFIG_BUG_EXHIBITS]) {
    for (const on of [true, false]) {
      test(`${x.bug} ${on ? 'on' : 'off'}: copies find what the live states find`, async () => {
        const runner = new ScriptRunner();
        let copies: InvariantChecker | null = null;
        for (const [i, line] of x.schedule.entries()) {
          await runner.run(i === 0 && on ? `${line} bugs=${x.bug}` : line);
          if (i === 0) {
            const lab = runner.lab!;
            let snapshot = new Map<Sid, QuorumPeer>();
            copies = new InvariantChecker((sid) => snapshot.get(sid));
            const sim = lab.sim;
            const prev = sim.afterBatch;
            const checker = copies;
            sim.afterBatch = () => {
              prev?.();
              snapshot = new Map();
              for (const sid of sim.servers.keys()) {
                const p = lab.peer(sid);
                if (p) snapshot.set(sid, structuredClone(p));
              }
              checker.check(sim);
            };
          }
        }
        const lab = runner.lab!;
        expect(copies!.statuses()).toEqual(lab.checker.statuses());
        expect(copies!.violations).toEqual(lab.checker.violations);
        lab.dispose();
      });
    }
  }
});

describe('sameJson', () => {
  test('agrees with comparing stableJson texts', () => {
    const values: unknown[] = [
      null, undefined, 0, 1, NaN, 'NaN', '', 'a', true, false, 1n, 2n, [], [1], [1, 2], [null], [undefined],
      {}, { a: 1 }, { a: 1, b: undefined }, { b: 2, a: 1 }, { a: 1, b: 2 }, new Map(), new Map([[1, 2]]), new Map([['1', 2]]),
      new Set(), new Set([1, 2]), new Set([2, 1]), new Uint8Array([1, 2]), new Uint8Array([1, 3]), new Uint8Array(), { map: [] }, { set: [[1, 2]] },
      { n: { m: new Map([['x', { s: new Set(['y']) }]]) } }, { n: { m: new Map([['x', { s: new Set(['z']) }]]) } },
    ];
    for (const a of values) for (const b of values) expect(sameJson(a, b), `${stableJson(a)} vs ${stableJson(b)}`).toBe(stableJson(a) === stableJson(b));
  });
});
