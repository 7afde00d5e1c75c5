import { describe, expect, it } from 'vitest';
import { compareAs, compareBallots, formatBallot, formatProposal } from './ballot.ts';
import { createNode, statusLine, stepNode, viewNode, type PaxosOutput } from './PaxosNode.ts';
import { TestNet } from './testNet.test-helper.ts';
import {
  emptyPaxosDisk, nodeIdOf, nodeName, paxosConfig, paxosIds, quorumSize, roleOf, trueQuorum, validatePaxosConfig,
  type Ballot, type PaxosConfig, type PaxosDisk, type PaxosMsg, type PaxosNode,
} from './types.ts';
import { eventText, PAXOS_TEXT_EN } from './text.ts';

const b = (round: number, proposer: number): Ballot => ({ round, proposer });

function boot(cfg: PaxosConfig, name: string, disk: PaxosDisk = emptyPaxosDisk()): PaxosNode {
  const id = nodeIdOf(cfg, name)!;
  const node = createNode({ myid: id, config: cfg, disk });
  stepNode(node, { type: 'start' }, 0);
  return node;
}

function deliver(cfg: PaxosConfig, node: PaxosNode, from: string, msg: PaxosMsg, now = 1): PaxosOutput[] {
  return stepNode(node, { type: 'message', from: nodeIdOf(cfg, from)!, channel: 'paxos', msg }, now);
}

const sends = (out: PaxosOutput[]) => out.flatMap((o) => (o.type === 'send' ? [{ to: o.to, msg: o.msg }] : []));
const disks = (out: PaxosOutput[]) => out.flatMap((o) => (o.type === 'disk' ? [o.op] : []));

describe('processes, names and quorums', () => {
  const cfg = paxosConfig({ acceptors: 5, proposers: 3, learners: 2 });

  it('numbers acceptors 1..N, proposers N+1..N+P, learners after them', () => {
    expect(paxosIds(cfg)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(paxosIds(cfg).map((id) => nodeName(cfg, id))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'p1', 'p2', 'p3', 'l1', 'l2']);
    expect(paxosIds(cfg).map((id) => roleOf(cfg, id))).toEqual([
      'acceptor', 'acceptor', 'acceptor', 'acceptor', 'acceptor', 'proposer', 'proposer', 'proposer', 'learner', 'learner',
    ]);
    expect(() => roleOf(cfg, 11)).toThrow(RangeError);
  });

  it('reads names back, and null for what is not a process', () => {
    expect(nodeIdOf(cfg, 'a2')).toBe(2);
    expect(nodeIdOf(cfg, 'p1')).toBe(6);
    expect(nodeIdOf(cfg, 'P3')).toBe(8);
    expect(nodeIdOf(cfg, 'l1')).toBe(9);
    for (const bad of ['a6', 'p4', 'l3', 'a0', 'zk1', 'x', '', 'a01', 'p']) expect(nodeIdOf(cfg, bad)).toBeNull();
  });

  it('counts a quorum from the configured acceptors; minorityQuorum makes it a minority', () => {
    for (const [n, q] of [[1, 1], [2, 2], [3, 2], [4, 3], [5, 3], [9, 5]] as const) {
      expect(trueQuorum(paxosConfig({ acceptors: n }))).toBe(q);
      expect(quorumSize(paxosConfig({ acceptors: n }))).toBe(q);
    }
    expect(quorumSize(paxosConfig({ acceptors: 3, bugs: ['minorityQuorum'] }))).toBe(1);
    expect(quorumSize(paxosConfig({ acceptors: 5, bugs: ['minorityQuorum'] }))).toBe(2);
    expect(trueQuorum(paxosConfig({ acceptors: 5, bugs: ['minorityQuorum'] }))).toBe(3);
  });

  it('validates a configuration', () => {
    expect(validatePaxosConfig(paxosConfig())).toEqual([]);
    expect(validatePaxosConfig(paxosConfig({ acceptors: 10, proposers: 0 }))).toHaveLength(2);
  });
});

describe('ballots', () => {
  it('compare lexicographically by (round, proposer); none is lowest', () => {
    expect(compareBallots(b(1, 2), b(2, 1))).toBeLessThan(0);
    expect(compareBallots(b(2, 1), b(2, 2))).toBeLessThan(0);
    expect(compareBallots(b(2, 2), b(2, 2))).toBe(0);
    expect(compareBallots(null, b(1, 1))).toBeLessThan(0);
    expect(compareBallots(null, null)).toBe(0);
    expect(formatBallot(b(2, 1))).toBe('2.1');
    expect(formatBallot(null)).toBe('none');
    expect(formatProposal({ ballot: b(2, 1), value: 'x' })).toBe('(2.1, x)');
  });

  it('compare by round alone under sameBallot', () => {
    const cfg = paxosConfig({ bugs: ['sameBallot'] });
    expect(compareAs(cfg, b(1, 1), b(1, 2))).toBe(0);
    expect(compareAs(paxosConfig(), b(1, 1), b(1, 2))).toBeLessThan(0);
  });
});

describe('acceptor', () => {
  const cfg = paxosConfig({ learners: 2 });

  it('promises a higher ballot, on disk, and reports what it accepted', () => {
    const a = boot(cfg, 'a1', { promised: b(1, 1), accepted: { ballot: b(1, 1), value: 'x' }, round: 0 });
    const out = deliver(cfg, a, 'p2', { type: 'PREPARE', ballot: b(2, 2) });
    expect(sends(out)).toEqual([{ to: nodeIdOf(cfg, 'p2'), msg: { type: 'PROMISE', ballot: b(2, 2), accepted: { ballot: b(1, 1), value: 'x' } } }]);
    expect(disks(out)).toEqual([{ op: 'promise', ballot: b(2, 2) }]);
    expect(a.disk.promised).toEqual(b(2, 2));
  });

  it('repeats the promise for the ballot it promised (a duplicate PREPARE), writing nothing', () => {
    const a = boot(cfg, 'a1');
    deliver(cfg, a, 'p1', { type: 'PREPARE', ballot: b(1, 1) });
    const out = deliver(cfg, a, 'p1', { type: 'PREPARE', ballot: b(1, 1) });
    expect(sends(out)).toEqual([{ to: nodeIdOf(cfg, 'p1'), msg: { type: 'PROMISE', ballot: b(1, 1), accepted: null } }]);
    expect(disks(out)).toEqual([]);
    expect(out.some((o) => o.type === 'event' && o.event.kind === 'promise' && o.event.again)).toBe(true);
  });

  it('NACKs a lower PREPARE with the higher ballot it promised', () => {
    const a = boot(cfg, 'a1');
    deliver(cfg, a, 'p2', { type: 'PREPARE', ballot: b(3, 2) });
    const out = deliver(cfg, a, 'p1', { type: 'PREPARE', ballot: b(2, 1) });
    expect(sends(out)).toEqual([{ to: nodeIdOf(cfg, 'p1'), msg: { type: 'NACK', ballot: b(2, 1), promised: b(3, 2) } }]);
    expect(disks(out)).toEqual([]);
    // Same round, lower proposer: lower too.
    expect(sends(deliver(cfg, a, 'p1', { type: 'PREPARE', ballot: b(3, 1) }))[0]!.msg.type).toBe('NACK');
  });

  it('accepts an ACCEPT at or above its promise and tells the proposer and every learner', () => {
    const a = boot(cfg, 'a2');
    deliver(cfg, a, 'p1', { type: 'PREPARE', ballot: b(1, 1) });
    const out = deliver(cfg, a, 'p1', { type: 'ACCEPT', ballot: b(1, 1), value: 'x' });
    const accepted = { type: 'ACCEPTED', ballot: b(1, 1), value: 'x' };
    expect(sends(out)).toEqual([
      { to: nodeIdOf(cfg, 'p1'), msg: accepted }, { to: nodeIdOf(cfg, 'l1'), msg: accepted }, { to: nodeIdOf(cfg, 'l2'), msg: accepted },
    ]);
    expect(disks(out)).toEqual([{ op: 'accept', ballot: b(1, 1), value: 'x' }]);
    // An ACCEPT above the promise (phase 1 of that ballot never reached this acceptor) is accepted too, and promises it.
    deliver(cfg, a, 'p2', { type: 'ACCEPT', ballot: b(2, 2), value: 'x' });
    expect(a.disk).toMatchObject({ promised: b(2, 2), accepted: { ballot: b(2, 2), value: 'x' } });
  });

  it('NACKs an ACCEPT below its promise', () => {
    const a = boot(cfg, 'a1');
    deliver(cfg, a, 'p2', { type: 'PREPARE', ballot: b(1, 2) });
    const out = deliver(cfg, a, 'p1', { type: 'ACCEPT', ballot: b(1, 1), value: 'x' });
    expect(sends(out)).toEqual([{ to: nodeIdOf(cfg, 'p1'), msg: { type: 'NACK', ballot: b(1, 1), promised: b(1, 2) } }]);
    expect(a.disk.accepted).toBeNull();
  });

  it('ignores messages meant for other roles', () => {
    const a = boot(cfg, 'a1');
    expect(deliver(cfg, a, 'a2', { type: 'ACCEPTED', ballot: b(1, 1), value: 'x' })).toEqual([]);
    expect(deliver(cfg, a, 'p1', { type: 'NACK', ballot: b(1, 1), promised: b(2, 2) })).toEqual([]);
  });

  it('rejects a propose request (only proposers propose)', () => {
    const a = boot(cfg, 'a1');
    expect(stepNode(a, { type: 'request', req: { type: 'propose', value: 'x' } }, 0)).toEqual([{ type: 'reply', reply: { type: 'rejected', reason: 'not-a-proposer' } }]);
  });
});

describe('happy path', () => {
  it('chooses the proposed value with 3 acceptors: reply, learners, status lines', () => {
    const cfg = paxosConfig();
    const net = new TestNet(cfg).script(['propose p1 x', 'run 1s']);
    expect(net.chosen()).toMatchObject({ value: 'x', ballot: b(1, 1) });
    expect(net.replies).toEqual([{ t: expect.any(Number), sid: net.id('p1'), reply: { type: 'chosen', value: 'x', ballot: b(1, 1) } }]);
    expect(net.node('l1')!.learner!.learned).toEqual({ ballot: b(1, 1), value: 'x' });
    expect(net.violations).toEqual([]);
    expect(net.sent('NACK')).toBe(0);
    const lines = paxosIds(cfg).map((id) => statusLine(cfg, id, viewNode(net.nodes.get(id)!)));
    expect(lines).toEqual([
      'a1 acceptor promised=1.1 accepted=(1.1, x)',
      'a2 acceptor promised=1.1 accepted=(1.1, x)',
      'a3 acceptor promised=1.1 accepted=(1.1, x)',
      'p1 proposer phase=done ballot=1.1 value=x (knows it is chosen)',
      'p2 proposer phase=idle',
      'l1 learner learned=x (ballot 1.1)',
    ]);
    // A later propose gets the chosen value at once: single-decree Paxos decides once.
    net.script(['propose p2 y', 'run 1s']);
    expect(net.replies.at(-1)!.reply).toEqual({ type: 'chosen', value: 'x', ballot: b(1, 2) });
    expect(net.violations).toEqual([]);
  });

  it('chooses with 5 acceptors, 3 proposers and 2 learners, each learner learning it', () => {
    const cfg = paxosConfig({ acceptors: 5, proposers: 3, learners: 2 });
    const net = new TestNet(cfg).script(['propose p3 v', 'run 1s']);
    expect(net.chosen()).toMatchObject({ value: 'v', ballot: b(1, 3) });
    expect(net.chosen()!.acceptors).toHaveLength(3);
    expect(net.events('learned').map((e) => net.name(e.sid))).toEqual(['l1', 'l2']);
    expect(net.events('accept-sent')[0]!.event.promises).toHaveLength(3);
    expect(net.violations).toEqual([]);
  });

  it('shows a proposer in the middle of phase 2 in its view and status line', () => {
    const cfg = paxosConfig();
    // Constant 40 ms links: all three promises land at 80 ms; the second starts phase 2, the third comes late.
    const net = new TestNet(cfg, { latency: 40 }).script(['propose p1 x', 'run 100ms']);
    const view = viewNode(net.node('p1')!);
    expect(view).toMatchObject({ role: 'proposer', phase: 'accept', ballot: b(1, 1), proposal: 'x', promises: ['a1', 'a2'], acceptedBy: [] });
    expect(statusLine(cfg, net.id('p1'), view)).toBe('p1 proposer phase=accept ballot=1.1 value=x promises=a1,a2 accepted-by=none');
    expect(statusLine(cfg, net.id('a1'), null)).toBe('a1 acceptor down');
  });
});

describe('P2c: the value of the highest-numbered accepted proposal', () => {
  it('makes a new proposer propose x, accepted by a1 at 1.1, instead of its own y — and says why', () => {
    const cfg = paxosConfig();
    // Constant 40 ms links: p1's ACCEPT leaves at 80 ms; cut it off from a2 and a3 before it lands.
    const net = new TestNet(cfg, { latency: 40 }).script(['propose p1 x', 'run 100ms', 'cut p1 a2', 'cut p1 a3', 'run 100ms', 'kill p1', 'run 1s']);
    expect(net.node('a1')!.disk.accepted).toEqual({ ballot: b(1, 1), value: 'x' });
    expect(net.node('a2')!.disk.accepted).toBeNull();
    expect(net.chosen()).toBeNull();
    net.script(['propose p2 y', 'run 1s']);
    const replaced = net.events('value-replaced');
    expect(replaced).toHaveLength(1);
    // p2 has seen no ballot yet: round 1, and 1.2 > 1.1.
    expect(replaced[0]!.event).toEqual({ kind: 'value-replaced', node: 'p2', ballot: b(1, 2), from: 'y', to: 'x', reportedBallot: b(1, 1), reportedBy: ['a1'] });
    const text = eventText(replaced[0]!.event);
    expect(text.key).toBe('paxos.ev.valueReplaced');
    expect(PAXOS_TEXT_EN[text.key]).toContain('P2c');
    expect(net.chosen()).toMatchObject({ value: 'x', ballot: b(1, 2) });
    expect(net.replies.at(-1)!.reply).toEqual({ type: 'chosen', value: 'x', ballot: b(1, 2) });
    expect(net.violations).toEqual([]);
  });

  it('picks the highest-numbered of several reported proposals', () => {
    const cfg = paxosConfig({ acceptors: 3, proposers: 3 });
    const p = boot(cfg, 'p3');
    stepNode(p, { type: 'request', req: { type: 'propose', value: 'mine' } }, 0);
    const ballot = p.proposer!.ballot!;
    expect(ballot).toEqual(b(1, 3));
    deliver(cfg, p, 'a1', { type: 'PROMISE', ballot, accepted: { ballot: b(1, 1), value: 'old' } });
    const out = deliver(cfg, p, 'a2', { type: 'PROMISE', ballot, accepted: { ballot: b(1, 2), value: 'newer' } });
    expect(sends(out).map((s) => s.msg)).toContainEqual({ type: 'ACCEPT', ballot, value: 'newer' });
  });
});

describe('NACK and retries', () => {
  it('a NACK carries the higher promise, and the proposer retries above it', () => {
    const cfg = paxosConfig({ retry: 'immediate' });
    const p = boot(cfg, 'p1');
    stepNode(p, { type: 'request', req: { type: 'propose', value: 'x' } }, 0);
    const out = deliver(cfg, p, 'a1', { type: 'NACK', ballot: b(1, 1), promised: b(5, 2) }, 10);
    const events = out.flatMap((o) => (o.type === 'event' ? [o.event] : []));
    expect(events.map((e) => e.kind)).toEqual(['preempted', 'retry', 'prepare']);
    expect(events[0]).toEqual({ kind: 'preempted', node: 'p1', ballot: b(1, 1), promised: b(5, 2), by: 'a1' });
    expect(sends(out)[0]!.msg).toEqual({ type: 'PREPARE', ballot: b(6, 1) });
    // A stale or duplicate NACK (for a ballot it gave up) changes nothing.
    expect(deliver(cfg, p, 'a2', { type: 'NACK', ballot: b(1, 1), promised: b(5, 2) }, 11)).toEqual([]);
  });

  it('in the network: p1 is refused after p2 promised higher, and still ends knowing the chosen value', () => {
    const net = new TestNet(paxosConfig(), { latency: 40 }).script(['propose p2 y', 'run 60ms', 'propose p1 x', 'run 3s']);
    const nacks = net.trace.filter((e) => e.kind === 'send' && e.msg.type === 'NACK');
    expect(nacks.length).toBeGreaterThan(0);
    for (const e of nacks) if (e.kind === 'send' && e.msg.type === 'NACK') expect(compareBallots(e.msg.promised, e.msg.ballot)).toBeGreaterThan(0);
    expect(net.events('preempted').length).toBeGreaterThan(0);
    expect(net.chosen()!.value).toBe('y');
    expect(net.replies.map((r) => [net.name(r.sid), r.reply])).toEqual([
      ['p2', { type: 'chosen', value: 'y', ballot: b(1, 2) }],
      ['p1', { type: 'chosen', value: 'y', ballot: expect.objectContaining({ proposer: 1 }) }],
    ]);
    expect(net.violations).toEqual([]);
  });

  it('counts the quorum from the configured acceptors: with 2 of 3 dead nothing is ever chosen', () => {
    const net = new TestNet(paxosConfig({ retry: 'immediate' }), { down: ['a2', 'a3'] }).script(['propose p1 x', 'run 20s']);
    expect(net.chosen()).toBeNull();
    expect(net.events('accept-sent')).toEqual([]);
    expect(net.events('learned')).toEqual([]);
    expect(net.replies).toEqual([]);
    const retries = net.events('retry');
    expect(retries.length).toBeGreaterThanOrEqual(19);
    expect(retries.every((r) => r.event.reason === 'timeout')).toBe(true);
    expect(net.violations).toEqual([]);
    // Bring one back: a quorum again, and x is chosen.
    net.script(['start a2', 'run 3s']);
    expect(net.chosen()!.value).toBe('x');
    expect(net.violations).toEqual([]);
  });
});

describe('disk', () => {
  it('an acceptor keeps its promise and accepted proposal across kill/start; a wipe erases them', () => {
    const net = new TestNet(paxosConfig()).script(['propose p1 x', 'run 1s', 'kill a1', 'start a1', 'run 10ms']);
    expect(net.node('a1')!.disk).toEqual({ promised: b(1, 1), accepted: { ballot: b(1, 1), value: 'x' }, round: 0 });
    expect(net.violations).toEqual([]);
    net.script(['wipe a1', 'run 10ms']);
    expect(net.disks.get(net.id('a1'))).toEqual(emptyPaxosDisk());
    net.script(['start a1', 'run 10ms']);
    expect(net.node('a1')!.disk).toEqual(emptyPaxosDisk());
    // Amnesia is what PromiseMonotonic watches for: a wiped acceptor broke its promise.
    expect(net.red()).toEqual(['PromiseMonotonic']);
  });

  it('a restarted proposer never reuses a ballot: its highest round is on disk', () => {
    const net = new TestNet(paxosConfig({ retry: 'immediate' }), { down: ['a2', 'a3'] }).script(['propose p1 x', 'run 3500ms']);
    const used = net.events('prepare').map((e) => e.event.ballot.round);
    expect(used).toEqual([1, 2, 3, 4]);
    net.script(['kill p1', 'start p1', 'start a2', 'propose p1 x', 'run 1s']);
    expect(net.events('prepare').at(-1)!.event.ballot).toEqual(b(5, 1));
    expect(net.chosen()).toMatchObject({ value: 'x', ballot: b(5, 1) });
  });

  it('a learner keeps nothing: restarted, it learns again from new ACCEPTED messages only', () => {
    const net = new TestNet(paxosConfig()).script(['propose p1 x', 'run 1s', 'kill l1', 'start l1', 'run 10ms']);
    expect(net.node('l1')!.learner!.learned).toBeNull();
    net.script(['propose p2 y', 'run 1s']);
    expect(net.node('l1')!.learner!.learned).toEqual({ ballot: b(1, 2), value: 'x' });
    expect(net.violations).toEqual([]);
  });
});
