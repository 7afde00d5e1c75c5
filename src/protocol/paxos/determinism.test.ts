import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng.ts';
import { PAXOS_DUELING } from './bugs.ts';
import { paxosDescription, paxosModule } from './module.ts';
import { TestNet } from './testNet.test-helper.ts';
import { paxosConfig, paxosIds, type PaxosMsg, type PaxosNode } from './types.ts';

const schedule = ['propose p1 x', 'run 20ms', 'propose p2 y', 'run 2s', 'kill a1', 'propose p1 z', 'run 1s', 'start a1', 'run 5s'];

/** True when a value holds only plain data: objects, arrays, strings, numbers, booleans, null. */
function plain(v: unknown): boolean {
  if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return true;
  if (Array.isArray(v)) return v.every(plain);
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.values(v).every(plain);
}

describe('determinism', () => {
  it('the same seed gives the same run, byte for byte', () => {
    for (const retry of ['immediate', 'backoff', 'leader'] as const) {
      const a = new TestNet(paxosConfig({ retry, seed: 'same' }), { latencySeed: 7, duplicate: true, lossRate: 0.1 }).script(schedule);
      const c = new TestNet(paxosConfig({ retry, seed: 'same' }), { latencySeed: 7, duplicate: true, lossRate: 0.1 }).script(schedule);
      expect(JSON.stringify(c.trace)).toBe(JSON.stringify(a.trace));
      expect(a.trace.length).toBeGreaterThan(50);
    }
  });

  it('under retry=backoff a different seed draws different delays (each proposer from its own generator)', () => {
    const delays = (seed: number) => {
      const net = new TestNet({ ...PAXOS_DUELING.config, retry: 'backoff', seed, bugs: [] }, { latency: 40 }).script(PAXOS_DUELING.schedule);
      return net.events('retry').map((r) => `${r.sid}:${r.event.delay}`);
    };
    expect(delays(1)).toEqual(delays(1));
    expect(delays(1)).not.toEqual(delays(2));
    // The first backoff draw of proposer p1 (id 4) is the first draw of Rng(`${seed}:4`) in [0, T].
    const net = new TestNet(paxosConfig({ retry: 'backoff', seed: 9 }), { latency: 40 }).script(['propose p2 y', 'run 60ms', 'propose p1 x', 'run 3s']);
    const first = net.events('retry').find((r) => r.sid === 4)!;
    expect(first.event.delay).toBe(new Rng('9:4').int(0, 1000));
  });

  it('keeps every process as plain structured-clonable data, and copies are independent', () => {
    const cfg = paxosConfig({ retry: 'backoff' });
    const net = new TestNet(cfg).script(['propose p1 x', 'propose p2 y', 'run 120ms']);
    for (const id of paxosIds(cfg)) {
      const node = net.nodes.get(id)!;
      expect(plain(node), node.name).toBe(true);
      expect(structuredClone(node)).toEqual(node);
      expect(plain(paxosModule.viewNode(node))).toBe(true);
    }
    // A copy (a checkpoint) stepped with the same input gives the same outputs and leaves the original alone.
    const p1 = net.node('p1')!;
    const before = JSON.stringify(p1);
    const copy: PaxosNode = paxosModule.copyNode(p1);
    const msg: PaxosMsg = { type: 'NACK', ballot: p1.proposer!.ballot!, promised: { round: 9, proposer: 2 } };
    const input = { type: 'message' as const, from: 1, channel: 'paxos' as const, msg };
    const out1 = paxosModule.stepNode(copy, input, 200);
    expect(JSON.stringify(p1)).toBe(before);
    const out2 = paxosModule.stepNode(paxosModule.copyNode(p1), input, 200);
    expect(out2).toEqual(out1);
  });

  it('the host\'s disks follow the processes\' own through the disk operations', () => {
    const cfg = paxosConfig({ acceptors: 5, proposers: 3 });
    const net = new TestNet(cfg, { duplicate: true }).script(['propose p1 x', 'propose p2 y', 'propose p3 z', 'run 5s', 'kill a1', 'start a1', 'run 10ms']);
    for (const id of paxosIds(cfg)) expect(net.disks.get(id)).toEqual(net.nodes.get(id)!.disk);
    const d = paxosModule.emptyDisk();
    paxosModule.applyDiskOp(d, { op: 'accept', ballot: { round: 2, proposer: 1 }, value: 'v' });
    paxosModule.applyDiskOp(d, { op: 'round', round: 3 });
    paxosModule.applyDiskOp(d, { op: 'round', round: 2 });
    expect(d).toEqual({ promised: { round: 2, proposer: 1 }, accepted: { ballot: { round: 2, proposer: 1 }, value: 'v' }, round: 3 });
    const shared = paxosModule.shareDisk(d);
    paxosModule.applyDiskOp(shared, { op: 'forget' });
    expect(d.accepted).not.toBeNull();
  });
});

describe('the module', () => {
  it('describes itself: one unreliable channel, three roles, five packets in three phases', () => {
    expect(paxosModule.id).toBe('paxos');
    expect(paxosModule.channels).toEqual({ paxos: { reliable: false, finOnCrash: false, resendLastOnStart: false } });
    expect(paxosModule.refuseRequest?.({ type: 'propose', value: 'x' })).toEqual({ type: 'rejected', reason: 'down' });
    expect(paxosModule.isRoleChange?.({ kind: 'propose', node: 'p1', value: 'x' })).toBe(false);
    expect(paxosDescription.id).toBe('paxos');
    expect(paxosDescription.roles.map((r) => r.id)).toEqual(['acceptor', 'proposer', 'learner']);
    expect(Object.fromEntries(paxosDescription.packets.map((p) => [p.type, p.phase]))).toEqual({
      PREPARE: 'phase1', PROMISE: 'phase1', ACCEPT: 'phase2', ACCEPTED: 'phase2', NACK: 'nack',
    });
    const phases = paxosDescription.phases.map((p) => p.id);
    for (const p of paxosDescription.packets) expect(phases).toContain(p.phase);
    for (const c of [...paxosDescription.roles, ...paxosDescription.phases]) expect(c.colour).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('every packet type the processes send is described', () => {
    // (In the duel under retry=immediate no acceptor ever accepts anything: no ACCEPTED. Here p1 is refused once.)
    const net = new TestNet(paxosConfig(), { latency: 40 }).script(['propose p2 y', 'run 60ms', 'propose p1 x', 'run 3s']);
    const sent = new Set(net.trace.flatMap((e) => (e.kind === 'send' ? [e.msg.type] : [])));
    expect([...sent].sort()).toEqual(paxosDescription.packets.map((p) => p.type).sort());
  });
});
