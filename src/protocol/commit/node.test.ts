/**
 * The coordinator's ACK bookkeeping and its recovery, step by step on the pure state machine
 * (node.ts): an ACK counts only for the round and the outcome it names, and a restarted
 * coordinator sends again only decisions not yet ACKed by every participant (the `end` record).
 */
import { describe, expect, test } from 'vitest';
import { applyCommitDiskOp, emptyCommitDisk } from './disk.ts';
import { createCommitNode, stepCommitNode, type CommitInput, type CommitOutput } from './node.ts';
import { statusLine, viewCommitNode } from './view.ts';
import { commitConfig, COORDINATOR, type CommitDisk, type CommitMsg, type CommitNode, type CommitVariant, type Outcome } from './types.ts';

const P = [2, 3, 4];

function coordinator(variant: CommitVariant, disk: CommitDisk = emptyCommitDisk()): { node: CommitNode; step: (input: CommitInput) => CommitOutput[] } {
  const node = createCommitNode({ myid: COORDINATOR, config: commitConfig({ variant, participants: 3 }), disk });
  let now = 0;
  return {
    node,
    step: (input) => {
      now += 1;
      const out = stepCommitNode(node, input, now);
      // The host's copy of the disk: the node applies its ops to its own; this keeps the test's.
      for (const o of out) if (o.type === 'disk') applyCommitDiskOp(disk, o.op);
      return out;
    },
  };
}

const msg = (from: number, m: CommitMsg): CommitInput => ({ type: 'message', from, channel: 'commit', msg: m });
const ack = (from: number, of: 'PRE-COMMIT' | Outcome): CommitInput => msg(from, { type: 'ACK', txn: 'T1', of });
const sends = (out: CommitOutput[]) => out.flatMap((o) => (o.type === 'send' ? [`${o.to}:${o.msg.type}`] : []));
const completed = (out: CommitOutput[]) => out.some((o) => o.type === 'event' && o.event.kind === 'completed');

/** c begins T1 and every participant votes yes: 2PC has committed, 3PC has pre-committed. */
function allVotedYes(variant: CommitVariant, disk?: CommitDisk) {
  const c = coordinator(variant, disk);
  c.step({ type: 'request', req: { type: 'propose', value: 'T1' } });
  for (const p of P) c.step(msg(p, { type: 'VOTE-COMMIT', txn: 'T1' }));
  return c;
}

describe('an ACK counts only for the round and outcome it answers', () => {
  test('3PC: an ACK of abort (a participant that aborted alone across a partition) is not an ACK of the commit', () => {
    const c = allVotedYes('3pc');
    c.step(ack(2, 'PRE-COMMIT'));
    c.step(ack(3, 'PRE-COMMIT'));
    // p3's PRE-COMMIT never arrives; the ACK timeout decides commit.
    const decided = c.step({ type: 'timer', name: 'ack:T1', token: c.node.timers['ack:T1']! });
    expect(sends(decided)).toEqual(['2:DO-COMMIT', '3:DO-COMMIT', '4:DO-COMMIT']);
    expect(completed(c.step(ack(2, 'commit')))).toBe(false);
    expect(completed(c.step(ack(3, 'commit')))).toBe(false);
    // After the heal p3 answers DO-COMMIT with its own decision: abort.
    expect(completed(c.step(ack(4, 'abort')))).toBe(false);
    expect(c.node.coord.T1!.acks).toEqual([2, 3]);
    expect(c.node.coord.T1!.contrary).toEqual([4]);
    expect(c.node.disk.log.T1!.end).toBeUndefined();
    expect(statusLine(c.node.config, COORDINATOR, viewCommitNode(c.node), null)).toBe('c: coordinator, T1 committed (votes p1:yes p2:yes p3:yes, acks 2, p3 ACKed abort)');
    // It will never ACK the commit: the coordinator stops sending it, and nothing else is pending.
    expect(c.node.timers.resend).toBeDefined();
    const resent = c.step({ type: 'timer', name: 'resend', token: c.node.timers.resend! });
    expect(sends(resent)).toEqual([]);
    expect(c.node.timers.resend).toBeUndefined();
  });

  test('3PC: a late ACK of PRE-COMMIT after the decision is not an ACK of the commit', () => {
    const c = allVotedYes('3pc');
    c.step(ack(2, 'PRE-COMMIT'));
    c.step(ack(3, 'PRE-COMMIT'));
    c.step({ type: 'timer', name: 'ack:T1', token: c.node.timers['ack:T1']! });
    c.step(ack(4, 'PRE-COMMIT'));
    expect(c.node.coord.T1!.acks).toEqual([]);
    expect(c.node.coord.T1!.contrary).toEqual([]);
    const resent = c.step({ type: 'timer', name: 'resend', token: c.node.timers.resend! });
    expect(sends(resent)).toEqual(['2:DO-COMMIT', '3:DO-COMMIT', '4:DO-COMMIT']);
  });

  test('3PC: an ACK of the commit while pre-committing does not count as an ACK of PRE-COMMIT', () => {
    const c = allVotedYes('3pc');
    c.step(ack(2, 'commit'));
    expect(c.node.coord.T1!.phase).toBe('precommit');
    expect(c.node.coord.T1!.acks).toEqual([]);
  });

  test('2PC: every ACK of the commit completes the transaction, once, and logs its end', () => {
    const c = allVotedYes('2pc');
    expect(c.node.coord.T1!.phase).toBe('committed');
    c.step(ack(2, 'commit'));
    c.step(ack(2, 'commit'));
    c.step(ack(3, 'commit'));
    const last = c.step(ack(4, 'commit'));
    expect(completed(last)).toBe(true);
    expect(last.filter((o) => o.type === 'disk').map((o) => o.type === 'disk' && o.op)).toEqual([{ op: 'end', txn: 'T1' }]);
    expect(c.node.disk.log.T1!.end).toBe(true);
  });
});

describe('a restarted coordinator sends again only decisions not ACKed by everyone', () => {
  for (const variant of ['2pc', '3pc'] as const) {
    test(`${variant}: a complete transaction is not sent again; an incomplete one is, to every participant`, () => {
      const disk = emptyCommitDisk();
      const c = allVotedYes(variant, disk);
      if (variant === '3pc') for (const p of P) c.step(ack(p, 'PRE-COMMIT'));
      for (const p of P) c.step(ack(p, 'commit'));
      expect(disk.log.T1).toMatchObject({ decision: 'commit', end: true });
      // T2: decided commit, one ACK short of complete, when the coordinator dies.
      c.step({ type: 'request', req: { type: 'propose', value: 'T2' } });
      for (const p of P) c.step(msg(p, { type: 'VOTE-COMMIT', txn: 'T2' }));
      if (variant === '3pc') for (const p of P) c.step(msg(p, { type: 'ACK', txn: 'T2', of: 'PRE-COMMIT' }));
      for (const p of [2, 3]) c.step(msg(p, { type: 'ACK', txn: 'T2', of: 'commit' }));
      expect(disk.log.T2!.end).toBeUndefined();

      const restarted = coordinator(variant, disk);
      const out = restarted.step({ type: 'start' });
      const commitMsg = variant === '2pc' ? 'GLOBAL-COMMIT' : 'DO-COMMIT';
      expect(out.flatMap((o) => (o.type === 'send' ? [`${o.to}:${o.msg.type}:${o.msg.txn}`] : []))).toEqual(P.map((p) => `${p}:${commitMsg}:T2`));
      expect(restarted.node.coord.T1).toMatchObject({ phase: 'committed', acks: P });
      expect(restarted.node.coord.T2).toMatchObject({ phase: 'committed', acks: [] });
      // Its ACK answers (or a DECISION-REQUEST) about T1 still get the logged outcome.
      const asked = restarted.step(msg(3, { type: 'DECISION-REQUEST', txn: 'T1' }));
      expect(asked.flatMap((o) => (o.type === 'send' ? [o.msg] : []))).toEqual([{ type: 'DECISION', txn: 'T1', state: 'commit' }]);
      // Once T2 is ACKed by all, nothing is pending: no resend timer.
      for (const p of P) restarted.step(msg(p, { type: 'ACK', txn: 'T2', of: 'commit' }));
      expect(disk.log.T2!.end).toBe(true);
      const resent = restarted.step({ type: 'timer', name: 'resend', token: restarted.node.timers.resend! });
      expect(sends(resent)).toEqual([]);
    });
  }
});
