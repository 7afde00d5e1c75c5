import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAXOS_BUGS } from './bugs.ts';
import { PAXOS_INVARIANTS } from './checker.ts';
import { NETWORK_VARIANTS, TestNet } from './testNet.test-helper.ts';
import { nodeIdOf, PAXOS_BUG_NAMES } from './types.ts';

describe('the bug museum', () => {
  it('has one exhibit per switch, each naming a known invariant and a marked place in the code', () => {
    expect(PAXOS_BUGS.map((e) => e.bug).sort()).toEqual([...PAXOS_BUG_NAMES].sort());
    const names = PAXOS_INVARIANTS.map((i) => i.name);
    for (const ex of PAXOS_BUGS) {
      expect(names).toContain(ex.invariant);
      for (const other of ex.alsoRed) expect(names).toContain(other);
      const file = readFileSync(new URL(`./${ex.where.split(' ')[0]}`, import.meta.url), 'utf8');
      expect(file).toMatch(new RegExp(`// BUG SWITCH ${ex.bug}: [^]*\\(correct: `));
      // 3–5 sentences in each language ("ballot 1.1" is no sentence end: an English one needs a space after it).
      const en = ex.en.split(/(?<=\.)\s+/).length;
      const zh = ex.zh.split('。').filter((x) => x.trim() !== '').length;
      expect([en, zh].every((n) => n >= 3 && n <= 5), `${ex.bug}: ${en} / ${zh} sentences`).toBe(true);
    }
  });

  it('writes its schedules in the console vocabulary', () => {
    const word = /^(propose p\d \S+|run \d+(ms|s)|kill [apl]\d|start [apl]\d|partition [apl\d,]+( [apl\d,]+)+|heal|cut [apl]\d [apl]\d|delay [apl]\d [apl]\d \d+)$/;
    for (const ex of PAXOS_BUGS) {
      for (const line of ex.schedule) {
        expect(line).toMatch(word);
        for (const name of line.split(/[\s,]+/).filter((w) => /^[apl]\d$/.test(w))) expect(nodeIdOf({ ...ex.config, bugs: [] }, name)).not.toBeNull();
      }
    }
  });

  for (const ex of PAXOS_BUGS) {
    describe(ex.bug, () => {
      for (const { label, opts } of NETWORK_VARIANTS) {
        it(`turns ${ex.invariant} red with the switch on, keeps all green with it off (${label})`, () => {
          const on = new TestNet({ ...ex.config, bugs: [ex.bug] }, opts).script(ex.schedule);
          expect(on.red()).toContain(ex.invariant);
          for (const other of ex.alsoRed) expect(on.red()).toContain(other);
          const off = new TestNet({ ...ex.config, bugs: [] }, opts).script(ex.schedule);
          expect(off.violations).toEqual([]);
          // Off, the run is not merely quiet: a value is chosen (x, already chosen before p2 starts, where p1 goes first).
          expect(off.chosen()).not.toBeNull();
          if (ex.bug !== 'sameBallot') expect(off.chosen()!.value).toBe('x');
        });
      }
    });
  }

  it('reports Agreement as the brief asks: both values, ballots and acceptors in one sentence', () => {
    const ex = PAXOS_BUGS.find((e) => e.bug === 'ignoreAcceptedValues')!;
    const on = new TestNet({ ...ex.config, bugs: [ex.bug] }, { latency: 40 }).script(ex.schedule);
    const v = on.violations.find((x) => x.invariant === 'Agreement')!;
    expect(v.message).toBe('x chosen at ballot 1.1 by a1,a2 and y chosen at ballot 1.2 by a2,a3');
    expect(v.servers).toEqual([1, 2, 3]);
    expect(on.trace[v.traceIndex]).toMatchObject({ kind: 'event', event: { kind: 'accepted', value: 'y' } });
    expect(v.t).toBe(on.trace[v.traceIndex]!.t);
  });

  it('forgetPromise shows its amnesia as an event and as a PromiseMonotonic violation at the restart', () => {
    const ex = PAXOS_BUGS.find((e) => e.bug === 'forgetPromise')!;
    const on = new TestNet({ ...ex.config, bugs: [ex.bug] }, { latency: 40 }).script(ex.schedule);
    const forgot = on.events('forgot');
    expect(forgot.map((f) => f.event)).toEqual([{ kind: 'forgot', node: 'a1', promised: { round: 1, proposer: 1 }, accepted: { ballot: { round: 1, proposer: 1 }, value: 'x' } }]);
    const v = on.violations.find((x) => x.invariant === 'PromiseMonotonic')!;
    expect(v.t).toBe(500);
    expect(v.message).toBe('a1 restarted and forgot its promise of ballot 1.1 and its accepted ballot 1.1');
  });
});
