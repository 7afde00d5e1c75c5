/**
 * The Acceptor (Paxos Made Simple §2.2, §2.5). Its whole state is on disk: the highest ballot it
 * has promised and the highest-numbered proposal it has accepted — "an acceptor must remember
 * this information even if it fails and then restarts" (§2.2), on stable storage (§2.5).
 *
 *  - PREPARE n: if n is higher than every ballot it has promised, it promises n (承诺不再接受编号
 *    小于 n 的提案) and reports the proposal it has accepted, if any (§2.2, phase 1b).
 *    PREPARE of exactly the ballot it has promised (a duplicate, or a retransmission) gets the
 *    same PROMISE again: promising n twice promises nothing new, so duplicates are harmless and a
 *    lost PROMISE can be recovered. A lower one gets a NACK naming the promise.
 *  - ACCEPT (n, v): accepted iff n ≥ its promise — P1a: "an acceptor can accept a proposal
 *    numbered n iff it has not responded to a prepare request having a number greater than n"
 *    (§2.2). It then also promises n, and sends ACCEPTED to n's proposer and to every learner
 *    (§2.3, "the acceptors respond to … each learner"). Otherwise a NACK.
 */
import { compareAs, sameBallot } from './ballot.ts';
import {
  hasBug, learnerIds, nodeName, proposerId, type Ballot, type PaxosContext, type PaxosMsg, type PaxosNode,
} from './types.ts';
import type { NodeId } from '../../sim/node.ts';

/** An acceptor starts (or restarts): its promise and accepted proposal come from its disk. */
export function acceptorStart(node: PaxosNode, ctx: PaxosContext): void {
  const { promised, accepted } = node.disk;
  // BUG SWITCH forgetPromise: the acceptor has no stable storage — at every (re)start it forgets
  // its promise and the proposal it accepted (correct: both survive a crash, §2.2 and §2.5; a wipe of the
  // disk is the only way to lose them).
  if (hasBug(node.config, 'forgetPromise') && (promised !== null || accepted !== null)) {
    ctx.persist({ op: 'forget' });
    ctx.event({ kind: 'forgot', node: node.name, promised, accepted });
  }
}

export function onPrepare(node: PaxosNode, from: NodeId, msg: Extract<PaxosMsg, { type: 'PREPARE' }>, ctx: PaxosContext): void {
  const b = msg.ballot;
  const promised = node.disk.promised;
  const cmp = promised === null ? 1 : compareAs(node.config, b, promised);
  const to = nodeName(node.config, from);
  if (cmp > 0) {
    ctx.persist({ op: 'promise', ballot: b });
    ctx.event({ kind: 'promise', node: node.name, ballot: b, to, accepted: node.disk.accepted, again: false });
    ctx.send(from, 'paxos', { type: 'PROMISE', ballot: b, accepted: node.disk.accepted });
  } else if (cmp === 0) {
    // The ballot it has promised: promise it again. (With sameBallot, another proposer's ballot
    // of the same round compares equal too: the acceptor promises that one as well.)
    const again = sameBallot(b, promised);
    if (!again) ctx.persist({ op: 'promise', ballot: b });
    ctx.event({ kind: 'promise', node: node.name, ballot: b, to, accepted: node.disk.accepted, again });
    ctx.send(from, 'paxos', { type: 'PROMISE', ballot: b, accepted: node.disk.accepted });
  } else {
    nack(node, from, b, promised!, 'PREPARE', ctx);
  }
}

export function onAccept(node: PaxosNode, from: NodeId, msg: Extract<PaxosMsg, { type: 'ACCEPT' }>, ctx: PaxosContext): void {
  const b = msg.ballot;
  const promised = node.disk.promised;
  if (promised !== null && compareAs(node.config, b, promised) < 0) {
    nack(node, from, b, promised, 'ACCEPT', ctx);
    return;
  }
  const had = node.disk.accepted;
  const again = had !== null && sameBallot(had.ballot, b) && had.value === msg.value && sameBallot(promised, b);
  if (!again) ctx.persist({ op: 'accept', ballot: b, value: msg.value });
  ctx.event({ kind: 'accepted', node: node.name, ballot: b, value: msg.value, again });
  const cfg = node.config;
  const proposer = b.proposer >= 1 && b.proposer <= cfg.proposers ? proposerId(cfg, b.proposer) : from;
  const accepted: PaxosMsg = { type: 'ACCEPTED', ballot: b, value: msg.value };
  ctx.send(proposer, 'paxos', accepted);
  for (const l of learnerIds(cfg)) ctx.send(l, 'paxos', accepted);
}

function nack(node: PaxosNode, from: NodeId, ballot: Ballot, promised: Ballot, refused: 'PREPARE' | 'ACCEPT', ctx: PaxosContext): void {
  ctx.event({ kind: 'nack-sent', node: node.name, ballot, promised, to: nodeName(node.config, from), refused });
  ctx.send(from, 'paxos', { type: 'NACK', ballot, promised });
}
