/**
 * PaxosNode: one Basic Paxos process — an acceptor, a proposer or a learner (Paxos Made Simple
 * §2.1 names the three agents) — as a pure state machine, shaped like the ZooKeeper peer of
 * src/protocol/QuorumPeer.ts:
 *
 *   stepNode(node, input, now) -> outputs
 *
 * Inputs are a start, a datagram on the `paxos` channel, a timer the process asked for, or a
 * `propose` request; outputs (sends, timers, disk writes, events, replies) are collected, never
 * performed. The node is plain data; the host may structuredClone it at any time.
 */
import { NodeContext, takeTimer, type NodeId, type NodeInput, type NodeOutput } from '../../sim/node.ts';
import type { NodeInit } from '../../sim/module.ts';
import { deepClone } from '../../sim/clone.ts';
import { formatBallot, formatProposal } from './ballot.ts';
import { acceptorStart, onAccept, onPrepare } from './acceptor.ts';
import { createLearnerState, onLearnerAccepted } from './learner.ts';
import { createProposerState, highestReported, onAccepted, onNack, onPromise, onPropose, onProposerTimer } from './proposer.ts';
import {
  applyPaxosDiskOp, nodeName, roleOf, type PaxosChannel, type PaxosConfig, type PaxosContext, type PaxosDisk,
  type PaxosDiskOp, type PaxosEvent, type PaxosMsg, type PaxosNode, type PaxosReply, type PaxosRequest, type PaxosView,
} from './types.ts';

export type PaxosInput = NodeInput<PaxosMsg, PaxosRequest, PaxosChannel>;
export type PaxosOutput = NodeOutput<PaxosMsg, PaxosEvent, PaxosDiskOp, PaxosReply, PaxosChannel>;

export function createNode(init: NodeInit<PaxosConfig, PaxosDisk>): PaxosNode {
  const cfg = init.config;
  const role = roleOf(cfg, init.myid);
  return {
    id: init.myid,
    name: nodeName(cfg, init.myid),
    role,
    config: cfg,
    disk: deepClone(init.disk),
    timers: {},
    nextTimerToken: 0,
    now: 0,
    proposer: role === 'proposer' ? createProposerState(cfg, init.myid) : null,
    learner: role === 'learner' ? createLearnerState() : null,
  };
}

/** The one entry point: feed an input, get the outputs. Mutates `node`. */
export function stepNode(node: PaxosNode, input: PaxosInput, now: number): PaxosOutput[] {
  node.now = now;
  const ctx: PaxosContext = new NodeContext(node, now, (op: PaxosDiskOp) => applyPaxosDiskOp(node.disk, op));
  switch (input.type) {
    case 'start':
      if (node.role === 'acceptor') acceptorStart(node, ctx);
      break;
    case 'message':
      onMessage(node, input.from, input.msg, ctx);
      break;
    case 'timer':
      if (takeTimer(node, input) && node.role === 'proposer') onProposerTimer(node, input.name, ctx);
      break;
    case 'connectionLost':
      break; // datagrams: there are no connections to lose
    case 'request':
      if (node.role === 'proposer' && input.req.type === 'propose') onPropose(node, input.req.value, ctx);
      else ctx.reply({ type: 'rejected', reason: 'not-a-proposer' });
      break;
  }
  return ctx.out;
}

/** Each role handles the messages meant for it and ignores the rest. */
function onMessage(node: PaxosNode, from: NodeId, msg: PaxosMsg, ctx: PaxosContext): void {
  switch (node.role) {
    case 'acceptor':
      if (msg.type === 'PREPARE') onPrepare(node, from, msg, ctx);
      else if (msg.type === 'ACCEPT') onAccept(node, from, msg, ctx);
      break;
    case 'proposer':
      if (msg.type === 'PROMISE') onPromise(node, from, msg, ctx);
      else if (msg.type === 'ACCEPTED') onAccepted(node, from, msg, ctx);
      else if (msg.type === 'NACK') onNack(node, from, msg, ctx);
      break;
    case 'learner':
      if (msg.type === 'ACCEPTED') onLearnerAccepted(node, from, msg, ctx);
      break;
  }
}

/** A small summary of a process for the ring cards and `lab status`. */
export function viewNode(node: PaxosNode): PaxosView {
  const cfg = node.config;
  if (node.role === 'acceptor') return { role: 'acceptor', name: node.name, promised: node.disk.promised, accepted: node.disk.accepted };
  if (node.role === 'learner') return { role: 'learner', name: node.name, learned: node.learner?.learned ?? null };
  const p = node.proposer!;
  const highest = highestReported(cfg, p.promises);
  return {
    role: 'proposer',
    name: node.name,
    value: p.value,
    ballot: p.ballot,
    phase: p.phase,
    proposal: p.proposal,
    promises: p.promises.map((x) => nodeName(cfg, x.from)),
    highestAccepted: highest && { ballot: highest.proposal.ballot, value: highest.proposal.value, from: highest.from.map((a) => nodeName(cfg, a)) },
    acceptedBy: p.acceptedBy.map((a) => nodeName(cfg, a)),
    chosen: p.chosen,
  };
}

/**
 * One line for `lab status`:
 *   `a1 acceptor promised=2.1 accepted=(2.1, x)`
 *   `p1 proposer phase=accept ballot=2.1 value=x promises=a1,a2 accepted-by=a1`
 *   `l1 learner learned=x (ballot 2.1)`
 * and `a3 acceptor down` for a process that is not running (view null).
 */
export function statusLine(cfg: PaxosConfig, id: NodeId, view: PaxosView | null): string {
  const head = `${nodeName(cfg, id)} ${roleOf(cfg, id)}`;
  if (view === null) return `${head} down`;
  switch (view.role) {
    case 'acceptor':
      return `${head} promised=${formatBallot(view.promised)} accepted=${formatProposal(view.accepted)}`;
    case 'learner':
      return `${head} learned=${view.learned === null ? 'none' : `${view.learned.value} (ballot ${formatBallot(view.learned.ballot)})`}`;
    case 'proposer': {
      if (view.phase === 'idle' && view.value === null) return `${head} phase=idle`;
      const value = view.phase === 'done' ? view.chosen?.value : view.phase === 'accept' ? view.proposal : view.value;
      const parts = [`phase=${view.phase}`, `ballot=${formatBallot(view.ballot)}`, `value=${value ?? 'none'}`];
      if (view.phase === 'prepare' || view.phase === 'accept') {
        parts.push(`promises=${view.promises.join(',') || 'none'}`);
        const h = view.highestAccepted;
        if (h) parts.push(`highest-accepted=(${formatBallot(h.ballot)}, ${h.value})@${h.from.join(',')}`);
      }
      if (view.phase === 'accept') parts.push(`accepted-by=${view.acceptedBy.join(',') || 'none'}`);
      if (view.phase === 'idle') parts.push('(waiting to retry)');
      if (view.phase === 'done') parts.push('(knows it is chosen)');
      return `${head} ${parts.join(' ')}`;
    }
  }
}
