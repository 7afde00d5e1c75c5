/**
 * The Multi-Paxos replica's behaviour on the test network (testNet.test-helper.ts): elections,
 * phase 1 once then phase 2 only, leader change with re-proposals and no-ops, slots chosen out of
 * order but executed in order, catch-up after partitions and restarts, datagram faults, disk, and
 * determinism. The checker runs after every step; every run here must stay green.
 */
import { describe, expect, test } from 'vitest';
import { Rng } from '../../sim/rng.ts';
import { applyMpDiskOp, emptyMpDisk } from './disk.ts';
import { MP_PRESETS, presetConfig } from './presets.ts';
import { CATCHUP_BATCH, createReplica, electionOrder, stepReplica } from './Replica.ts';
import { TestNet } from './testNet.test-helper.ts';
import { multiPaxosConfig, nodeIdOf, nodeName, quorumSize, trueQuorum, validateMultiPaxosConfig, type MultiPaxosConfig } from './types.ts';
import { multiPaxosModule } from './module.ts';

const cfg3 = multiPaxosConfig({ replicas: 3, seed: 2 });
const cfg5 = multiPaxosConfig({ replicas: 5, seed: 28 });

function green(net: TestNet): void {
  expect(net.violations.map((v) => `${v.invariant}: ${v.message}`)).toEqual([]);
}

/** Every live replica's executed log is the same (and returns it). */
function converged(net: TestNet): Array<string | null> {
  const logs = net.ids.filter((id) => net.node(id)).map((id) => net.executedLog(id));
  for (const l of logs) expect(l).toEqual(logs[0]);
  return logs[0] ?? [];
}

describe('configuration', () => {
  test('names r1…rN, quorums of the configured replicas, validation', () => {
    expect(nodeName(cfg5, 3)).toBe('r3');
    expect(nodeIdOf(cfg5, 'r3')).toBe(3);
    expect(nodeIdOf(cfg5, 'R5')).toBe(5);
    expect(nodeIdOf(cfg5, 'r6')).toBeNull();
    expect(nodeIdOf(cfg5, 'zk1')).toBeNull();
    expect(nodeIdOf(cfg5, 'r0')).toBeNull();
    expect(trueQuorum(cfg5)).toBe(3);
    expect(quorumSize(cfg5)).toBe(3);
    expect(quorumSize({ ...cfg5, bugs: ['minorityQuorum'] })).toBe(2);
    expect(quorumSize(multiPaxosConfig({ replicas: 4 }))).toBe(3);
    expect(validateMultiPaxosConfig(cfg5)).toEqual([]);
    expect(validateMultiPaxosConfig(multiPaxosConfig({ replicas: 2 }))).toHaveLength(1);
    expect(validateMultiPaxosConfig(multiPaxosConfig({ replicas: 10 }))).toHaveLength(1);
    expect(validateMultiPaxosConfig({ ...cfg5, bugs: ['nope' as never] })).toHaveLength(1);
    expect(validateMultiPaxosConfig({ ...cfg5, heartbeatMs: 2000 })).toHaveLength(1);
  });

  test('the election order is a seeded permutation', () => {
    for (let seed = 1; seed < 30; seed++) {
      const o = electionOrder(multiPaxosConfig({ replicas: 7, seed }));
      expect([...o].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(electionOrder(multiPaxosConfig({ replicas: 7, seed }))).toEqual(o);
    }
    expect(electionOrder(cfg3)[0]).toBe(1);
    expect(electionOrder(cfg5)[0]).toBe(1);
  });
});

describe('election', () => {
  test.each([
    ['3 replicas', 3],
    ['5 replicas', 5],
    ['7 replicas', 7],
  ])('%s elect one leader, the first in the election order, and everyone follows it', (_, n) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const cfg = multiPaxosConfig({ replicas: n, seed });
      const net = new TestNet(cfg);
      net.run(4000);
      const leaders = net.views().filter((v) => v?.role === 'leader');
      expect(leaders).toHaveLength(1);
      const leader = leaders[0]!;
      expect(leader.id).toBe(electionOrder(cfg)[0]);
      expect(leader.ballot).toBe(`1.${leader.id}`);
      for (const v of net.views()) {
        expect(v?.leader).toBe(leader.name);
        expect(v?.leaderBallot).toBe(leader.ballot);
      }
      expect(net.events('prepare')).toHaveLength(1);
      green(net);
    }
  });

  test('a quorum of promises suffices: with a minority down the rest still elect', () => {
    const net = new TestNet(cfg5);
    net.kill(1);
    net.kill(3);
    net.run(6000);
    expect(net.leader()).toBe(electionOrder(cfg5).find((id) => id !== 1 && id !== 3));
    const [leaderEv] = net.events('leader');
    expect(leaderEv!.event.promises).toHaveLength(3);
    green(net);
  });

  test('without a majority nobody leads, and candidates keep trying with higher ballots', () => {
    const net = new TestNet(cfg5);
    net.kill(1);
    net.kill(2);
    net.kill(3);
    net.run(15000);
    expect(net.leader()).toBeNull();
    const rounds = net.events('prepare').map((e) => e.event.ballot.round);
    expect(rounds.length).toBeGreaterThan(3);
    expect(new Set(net.events('prepare').map((e) => `${e.event.ballot.round}.${e.event.ballot.replica}`)).size).toBe(rounds.length);
    green(net);
  });
});

describe('phase 1 once, then phase 2 only', () => {
  test('twenty values go through ACCEPT/ACCEPTED without another PREPARE, chosen and executed in order everywhere', () => {
    const net = new TestNet(cfg5);
    net.run(3000);
    expect(net.sent('PREPARE')).toBe(4);
    const leader = net.leader()!;
    for (let i = 0; i < 20; i++) {
      net.propose(`v${i}`);
      net.run(20);
    }
    net.run(2000);
    expect(net.sent('PREPARE')).toBe(4);
    expect(net.events('prepare')).toHaveLength(1);
    expect(net.events('accept-sent').filter((e) => !e.event.again)).toHaveLength(20);
    expect(net.sent('ACCEPT')).toBe(20 * 4);
    const log = converged(net);
    expect(log).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
    expect(net.replies.map((r) => r.reply)).toEqual(Array.from({ length: 20 }, (_, i) => ({ type: 'chosen', slot: i + 1, value: `v${i}` })));
    expect(net.replies.every((r) => r.sid === leader)).toBe(true);
    // Every replica executes slots 1, 2, 3 … in order.
    for (const id of net.ids) expect(net.events('executed', id).map((e) => e.event.slot)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    green(net);
  });

  test('a follower redirects a propose to the leader it follows; with no leader it names none', () => {
    const net = new TestNet(cfg3);
    net.request(2, { type: 'propose', value: 'early' });
    expect(net.replies.at(-1)?.reply).toEqual({ type: 'redirect', value: 'early', leader: null });
    net.run(3000);
    net.exec('propose r3 x');
    expect(net.replies.at(-1)).toMatchObject({ sid: 3, reply: { type: 'redirect', value: 'x', leader: 'r1' } });
    expect(net.events('redirect').at(-1)?.event).toMatchObject({ node: 'r3', leader: 'r1' });
    net.exec('propose x');
    net.run(500);
    expect(net.replies.at(-1)).toMatchObject({ sid: 1, reply: { type: 'chosen', slot: 1, value: 'x' } });
    green(net);
  });
});

describe('leader change', () => {
  test('the new leader re-proposes the accepted value and fills the hole with a no-op; prefixes agree', () => {
    const p = MP_PRESETS.leaderChange;
    const net = new TestNet(presetConfig(p, false));
    net.execAll(p.lines);
    const leaders = net.events('leader');
    expect(leaders).toHaveLength(2);
    expect(leaders[1]!.event).toMatchObject({ fromSlot: 2, reproposed: [3], noops: [2], nextSlot: 4, skippedPhase1: false });
    expect(net.events('reproposed').map((e) => e.event)).toEqual([
      expect.objectContaining({ slot: 3, value: 'c', from: { round: 1, replica: 1 }, reportedBy: ['r2'] }),
    ]);
    expect(net.events('noop-filled').map((e) => e.event.slot)).toEqual([2]);
    expect(converged(net)).toEqual(['a', null, 'c', 'd']);
    // r1 still holds b as accepted in slot 2 (ballot 1.1): accepted, never chosen.
    expect(net.disk(1).accepted[2]).toEqual({ ballot: { round: 1, replica: 1 }, value: 'b' });
    const r1 = net.view(1)!;
    expect(r1.slots.find((s) => s.slot === 2)).toEqual({ slot: 2, accepted: { ballot: '1.1', value: 'b' }, chosen: { value: null }, executed: true, inFlight: false });
    green(net);
  });

  test('for any network seed the outcome is the same', () => {
    const p = MP_PRESETS.leaderChange;
    for (let ns = 1; ns <= 10; ns++) {
      const net = new TestNet(presetConfig(p, false), { netSeed: ns });
      net.execAll(p.lines);
      expect(converged(net)).toEqual(['a', null, 'c', 'd']);
      green(net);
    }
  });

  test('a deposed leader steps down when it hears the higher ballot, and learns what it missed', () => {
    const net = new TestNet(cfg5);
    net.execAll(['run 3s', 'propose a', 'run 1s', 'partition r1,r2 r3,r4,r5', 'propose lost', 'run 6s']);
    const newLeader = net.leader();
    expect(newLeader).not.toBe(1);
    expect(net.view(1)?.role).toBe('leader');
    net.execAll(['propose b', 'run 500ms', 'heal', 'run 2s']);
    expect(net.view(1)?.role).toBe('follower');
    expect(net.events('stepped-down', 1)).toHaveLength(1);
    expect(converged(net)).toEqual(['a', 'b']);
    // r1 had put `lost` in slot 2; b was chosen there instead: its client hears not-chosen.
    expect(net.replies.filter((r) => r.sid === 1).map((r) => r.reply)).toEqual([
      { type: 'chosen', slot: 1, value: 'a' },
      { type: 'not-chosen', slot: 2, value: 'lost', chosen: 'b' },
    ]);
    green(net);
  });
});

describe('out of order', () => {
  test('slot 2 is chosen before slot 1; every replica executes slot 1 first', () => {
    const p = MP_PRESETS.outOfOrder;
    const net = new TestNet(presetConfig(p, false));
    net.execAll(p.lines);
    const ooo = net.events('chosen-out-of-order');
    expect(ooo.map((e) => ({ sid: e.sid, slot: e.event.slot, waitingFor: e.event.waitingFor }))).toEqual([{ sid: 1, slot: 2, waitingFor: 1 }]);
    const chosenAtLeader = net.events('chosen', 1).map((e) => e.event.slot);
    expect(chosenAtLeader).toEqual([2, 1]);
    for (const id of net.ids) expect(net.events('executed', id).map((e) => e.event.slot)).toEqual([1, 2]);
    // Slot 1 is executed only once it is chosen, after slot 2 was chosen.
    const exec1 = net.events('executed', 1).find((e) => e.event.slot === 1)!;
    expect(exec1.t).toBeGreaterThan(ooo[0]!.t);
    expect(converged(net)).toEqual(['a', 'b']);
    expect(net.replies.map((r) => r.reply)).toEqual([
      { type: 'chosen', slot: 2, value: 'b' },
      { type: 'chosen', slot: 1, value: 'a' },
    ]);
    green(net);
  });

  test('lost ACCEPTs for slot 1 are retransmitted a heartbeat later; slot 2 is chosen first', () => {
    const net = new TestNet(cfg3);
    net.execAll(['run 3s', 'cut r1 r2', 'cut r1 r3', 'propose a', 'heal', 'propose b', 'run 300ms']);
    expect(net.view(1)?.slots.map((s) => [s.slot, s.chosen?.value, s.executed])).toEqual([[1, undefined, false], [2, 'b', false]]);
    expect(net.view(2)?.executed).toBe(0);
    net.run(1000);
    expect(net.events('accept-sent', 1).filter((e) => e.event.again).map((e) => e.event.slot)).toEqual([1]);
    expect(net.events('chosen-out-of-order')).toHaveLength(1);
    expect(converged(net)).toEqual(['a', 'b']);
    green(net);
  });
});

describe('catch-up', () => {
  test('a restarted replica relearns the whole chosen log (more than one CATCHUP batch)', () => {
    const net = new TestNet(cfg3);
    net.run(3000);
    net.kill(3);
    const n = CATCHUP_BATCH * 2 + 5;
    for (let i = 0; i < n; i++) {
      net.propose(`v${i}`);
      net.run(10);
    }
    net.run(1000);
    net.start(3);
    expect(net.view(3)?.executed).toBe(0);
    // The disk kept what r3 accepted before the crash (nothing here) and its promise.
    expect(net.view(3)?.promised).toBe('1.1');
    net.run(3000);
    expect(net.view(3)?.leader).toBe('r1');
    expect(converged(net)).toHaveLength(n);
    expect(net.sent('CATCHUP')).toBeGreaterThanOrEqual(3);
    green(net);
  });

  test('a replica whose CHOSEN was lost catches up from the heartbeat', () => {
    const net = new TestNet(cfg5);
    net.run(3000);
    net.exec('propose a');
    net.run(55);
    // r4 has accepted slot 1; now it is cut off from the leader, so CHOSEN never reaches it.
    expect(net.disk(4).accepted[1]?.value).toBe('a');
    net.exec('cut r1 r4');
    net.run(300);
    expect(net.view(1)?.executed).toBe(1);
    expect(net.view(4)?.executed).toBe(0);
    expect(net.view(4)?.slots[0]).toMatchObject({ slot: 1, accepted: { value: 'a' }, chosen: null });
    net.exec('heal');
    net.run(1000);
    expect(net.trace.some((e) => e.kind === 'send' && e.from === 4 && e.msg.type === 'CATCHUP')).toBe(true);
    expect(net.view(4)?.executed).toBe(1);
    expect(converged(net)).toEqual(['a']);
    green(net);
  });

  test('after partitions, heals, kills and restarts every executed prefix converges', () => {
    const net = new TestNet(cfg5);
    net.execAll([
      'run 3s', 'propose a', 'propose b', 'run 500ms',
      'partition r1,r2 r3,r4,r5', 'propose c', 'run 6s', 'propose d', 'propose e', 'run 500ms',
      'kill r4', 'propose f', 'run 500ms', 'heal', 'run 2s',
      'kill r1', 'start r4', 'run 6s', 'propose g', 'run 500ms', 'start r1', 'run 3s',
    ]);
    const log = converged(net);
    expect(log.filter((v) => v !== null)).toEqual(['a', 'b', 'd', 'e', 'f', 'g']);
    expect(net.ids.every((id) => net.node(id))).toBe(true);
    green(net);
  });
});

describe('datagram faults', () => {
  test('duplicates and loss change nothing safe, and the logs converge once the loss stops', () => {
    for (const ns of [1, 2, 3, 4]) {
      const net = new TestNet(cfg5, { netSeed: ns, dupRate: 0.3, lossRate: 0.15 });
      net.run(4000);
      for (let i = 0; i < 15; i++) {
        if (!net.propose(`v${i}`)) net.run(2000);
        net.run(150);
      }
      net.exec('loss 0');
      net.run(8000);
      const log = converged(net);
      const values = log.filter((v): v is string => v !== null);
      expect(new Set(values).size).toBe(values.length);
      expect(net.trace.some((e) => e.kind === 'drop' && e.reason === 'lost')).toBe(true);
      green(net);
    }
  });

  test('every message delivered twice: the same log as without duplicates', () => {
    const run = (dupRate: number) => {
      const net = new TestNet(cfg3, { dupRate });
      net.run(3000);
      for (let i = 0; i < 8; i++) net.propose(`v${i}`);
      net.run(2000);
      green(net);
      return converged(net);
    };
    expect(run(1)).toEqual(run(0));
  });
});

describe('random schedules stay safe', () => {
  test.each([3, 4, 5, 7])('%i replicas, 12 seeds of random kills, starts, partitions, cuts, delays and proposals', (n) => {
    const stats = { leaders: 0, chosen: 0 };
    for (let seed = 1; seed <= 12; seed++) {
      const cfg = multiPaxosConfig({ replicas: n, seed });
      const net = new TestNet(cfg, { netSeed: seed * 7, dupRate: 0.05, lossRate: 0.05 });
      const rng = new Rng(`schedule-${n}-${seed}`);
      const r = () => `r${rng.int(1, n)}`;
      let v = 0;
      for (let step = 0; step < 40; step++) {
        const k = rng.int(0, 9);
        if (k <= 3) net.exec(`propose v${v++}`);
        else if (k === 4) net.exec(`kill ${r()}`);
        else if (k === 5) net.exec(`start ${r()}`);
        else if (k === 6) {
          const side = net.ids.map(() => rng.int(0, 1));
          const group = (g: number) => net.ids.filter((_, i) => side[i] === g).map((id) => `r${id}`).join(',');
          net.exec(side.includes(0) && side.includes(1) ? `partition ${group(0)} ${group(1)}` : 'heal');
        }
        else if (k === 7) net.exec(`cut ${r()} ${r()}`);
        else if (k === 8) net.exec(`delay ${r()} ${r()} ${rng.int(0, 800)}`);
        net.run(rng.int(50, 1500));
      }
      net.execAll(['heal', 'loss 0', 'dup 0']);
      for (const id of net.ids) net.start(id);
      net.run(15000);
      expect(net.leader()).not.toBeNull();
      stats.leaders += net.events('leader').length;
      stats.chosen += converged(net).length;
      green(net);
    }
    // The schedules do exercise leader changes and get values chosen.
    expect(stats.leaders).toBeGreaterThan(24);
    expect(stats.chosen).toBeGreaterThan(12 * 5);
  });
});

describe('disk and state', () => {
  test('kill/start keeps the promise, the accepted slots and the round; wipe erases them', () => {
    const net = new TestNet(cfg3);
    net.execAll(['run 3s', 'propose a', 'run 500ms', 'kill r2']);
    expect(net.disk(2)).toEqual({ promised: { round: 1, replica: 1 }, accepted: { 1: { ballot: { round: 1, replica: 1 }, value: 'a' } }, maxRound: 0 });
    expect(net.disk(1).maxRound).toBe(1);
    net.exec('start r2');
    expect(net.node(2)?.disk).toEqual(net.disk(2));
    net.exec('wipe r2');
    expect(net.disk(2)).toEqual(emptyMpDisk());
    expect(net.node(2)).toBeUndefined();
    net.exec('start r2');
    net.run(2000);
    expect(net.executedLog(2)).toEqual(['a']);
    green(net);
  });

  test('the replica is plain structured-clonable data, and copyNode is independent', () => {
    const net = new TestNet(cfg3);
    net.execAll(['run 3s', 'propose a', 'run 500ms']);
    const node = net.node(1)!;
    expect(structuredClone(node)).toEqual(node);
    const copy = multiPaxosModule.copyNode(node);
    expect(copy).toEqual(node);
    stepReplica(copy, { type: 'request', req: { type: 'propose', value: 'z' } }, net.now);
    expect(copy.nextSlot).toBe(3);
    expect(node.nextSlot).toBe(2);
    expect(node.disk.accepted[2]).toBeUndefined();
    const d = multiPaxosModule.shareDisk(node.disk);
    applyMpDiskOp(d, { op: 'accept', slot: 9, ballot: { round: 5, replica: 2 }, value: 'q' });
    expect(node.disk.accepted[9]).toBeUndefined();
    expect(node.disk.promised).toEqual({ round: 1, replica: 1 });
  });

  test('a new ballot is above every round used, promised or seen — also after a restart', () => {
    const cfg: MultiPaxosConfig = multiPaxosConfig({ replicas: 3, seed: 2 });
    const disk = emptyMpDisk();
    applyMpDiskOp(disk, { op: 'round', round: 4 });
    applyMpDiskOp(disk, { op: 'promise', ballot: { round: 6, replica: 3 } });
    const node = createReplica({ myid: 1, config: cfg, disk });
    stepReplica(node, { type: 'start' }, 0);
    const out = stepReplica(node, { type: 'timer', name: 'election', token: node.timers.election! }, 2000);
    expect(node.ballot).toEqual({ round: 7, replica: 1 });
    expect(out.filter((o) => o.type === 'disk')).toEqual([
      { type: 'disk', op: { op: 'round', round: 7 } },
      { type: 'disk', op: { op: 'promise', ballot: { round: 7, replica: 1 } } },
    ]);
    // A stale timer token is ignored.
    expect(stepReplica(node, { type: 'timer', name: 'election', token: 999 }, 2001)).toEqual([]);
  });
});

describe('determinism', () => {
  test('the same seed and lines give the same trace, byte for byte', () => {
    const run = () => {
      const p = MP_PRESETS.leaderChange;
      const net = new TestNet(presetConfig(p, false), { dupRate: 0.1, lossRate: 0.05 });
      net.execAll(p.lines);
      return JSON.stringify(net.trace);
    };
    expect(run()).toBe(run());
  });

  test('the replicas draw randomness only from their own seeded state', () => {
    const a = new TestNet(cfg5, { netSeed: 1 });
    const b = new TestNet(cfg5, { netSeed: 1 });
    a.run(5000);
    b.run(5000);
    expect(a.node(3)).toEqual(b.node(3));
    const c = new TestNet(multiPaxosConfig({ replicas: 5, seed: 29 }), { netSeed: 1 });
    c.run(5000);
    expect(c.node(3)?.rng).not.toEqual(a.node(3)?.rng);
  });
});
