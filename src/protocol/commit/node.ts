/**
 * One process of an atomic-commit run — the coordinator `c` or a participant `pK` — as a pure
 * state machine (the shape of src/protocol/paxos/PaxosNode.ts):
 *
 *   stepCommitNode(node, input, now) -> outputs
 *
 * The coordinator logs `begin`, asks every participant to vote, and decides: commit only if every
 * vote is yes, abort on a no or when its vote timeout runs out (3PC: a PreCommit round first). It
 * logs its decision before it sends it and sends it again until every participant ACKs it — an ACK
 * counts only for the round and the outcome it names — and then logs the transaction's end. A
 * coordinator that restarts with a transaction begun and undecided aborts it (3PC: one it had
 * pre-committed it commits); one decided and not ended it sends again; one ended it leaves alone.
 *
 * A participant logs its vote before it sends it. A no vote aborts at once; a yes vote makes it
 * uncertain — it holds its locks — until it hears the outcome. When its wait runs out, the rule of
 * the protocol (rules.ts) says what it does: 2PC asks the others (DECISION-REQUEST — the
 * cooperative termination protocol: one that knows the outcome tells it; one that has not voted
 * aborts and says abort; one that is uncertain too cannot help) and waits again; 3PC decides alone.
 * A participant that restarts with an open transaction in its log always asks: it never decides
 * alone, as it does not know what it missed while it was down.
 */
import type { NodeInit } from '../../sim/module.ts';
import { NodeContext, takeTimer, type NodeId, type NodeInput, type NodeOutput } from '../../sim/node.ts';
import { deepClone } from '../../sim/clone.ts';
import { applyCommitDiskOp } from './disk.ts';
import { rulesOf } from './rules.ts';
import {
  COORDINATOR, TXN_NAME, hasBug, nodeName, participantIds, type CommitChannel, type CommitConfig, type CommitContext,
  type CommitDisk, type CommitDiskOp, type CommitEvent, type CommitMsg, type CommitNode, type CommitReply,
  type CommitRequest, type CoordinatorTxn, type DecisionSource, type Outcome, type ParticipantTxn, type Vote,
} from './types.ts';

export type CommitInput = NodeInput<CommitMsg, CommitRequest, CommitChannel>;
export type CommitOutput = NodeOutput<CommitMsg, CommitEvent, CommitDiskOp, CommitReply, CommitChannel>;

export const RESEND_TIMER = 'resend';
const voteTimer = (txn: string) => `vote:${txn}`;
const ackTimer = (txn: string) => `ack:${txn}`;
const waitTimer = (txn: string) => `wait:${txn}`;

export function createCommitNode(init: NodeInit<CommitConfig, CommitDisk>): CommitNode {
  return {
    id: init.myid,
    name: nodeName(init.config, init.myid),
    config: init.config,
    disk: deepClone(init.disk),
    coord: {},
    part: {},
    nextVote: 'yes',
    timers: {},
    nextTimerToken: 0,
    now: 0,
  };
}

export function stepCommitNode(node: CommitNode, input: CommitInput, now: number): CommitOutput[] {
  node.now = now;
  const ctx: CommitContext = new NodeContext(node, now, (op: CommitDiskOp) => applyCommitDiskOp(node.disk, op));
  const coordinator = node.id === COORDINATOR;
  switch (input.type) {
    case 'start':
      if (coordinator) coordinatorStart(node, ctx);
      else participantStart(node, ctx);
      break;
    case 'message':
      if (coordinator) coordinatorMessage(node, input.from, input.msg, ctx);
      else participantMessage(node, input.from, input.msg, ctx);
      break;
    case 'timer':
      if (!takeTimer(node, input)) break;
      if (coordinator) coordinatorTimer(node, input.name, ctx);
      else participantTimer(node, input.name, ctx);
      break;
    case 'connectionLost':
      break; // datagrams: there are no connections to lose
    case 'request':
      if (coordinator) begin(node, input.req.value, ctx);
      else armVote(node, input.req.value, ctx);
      break;
  }
  return ctx.out;
}

const names = (node: CommitNode, ids: readonly NodeId[]) => ids.map((id) => nodeName(node.config, id));

function outcomeMsg(node: CommitNode, txn: string, outcome: Outcome): CommitMsg {
  return outcome === 'commit' ? { type: rulesOf(node.config).commitMsg, txn } : { type: 'GLOBAL-ABORT', txn };
}

// ---------------------------------------------------------------- coordinator

function begin(node: CommitNode, txn: string, ctx: CommitContext): void {
  if (!TXN_NAME.test(txn)) {
    ctx.reply({ type: 'rejected', txn, reason: 'bad-name' });
    return;
  }
  if (node.disk.log[txn] !== undefined) {
    ctx.reply({ type: 'rejected', txn, reason: 'exists' });
    return;
  }
  const ps = participantIds(node.config);
  ctx.persist({ op: 'begin', txn });
  node.coord[txn] = { phase: 'voting', votes: {}, acks: [], contrary: [], replyPending: true };
  ctx.event({ kind: 'begin', node: node.name, txn, participants: names(node, ps) });
  const ask = rulesOf(node.config).voteRequest;
  for (const p of ps) ctx.send(p, 'commit', { type: ask, txn });
  ctx.setTimer(voteTimer(txn), node.config.voteTimeoutMs);
}

function coordinatorStart(node: CommitNode, ctx: CommitContext): void {
  const open = node.disk.order.filter((txn) => node.disk.log[txn]!.decision === undefined);
  if (open.length > 0) ctx.event({ kind: 'recovered', node: node.name, open });
  for (const txn of node.disk.order) {
    const log = node.disk.log[txn]!;
    // An ended transaction: every participant ACKed its outcome before the crash.
    const acks = log.end ? participantIds(node.config) : [];
    node.coord[txn] = { phase: log.decision === undefined ? 'voting' : log.decision === 'commit' ? 'committed' : 'aborted', votes: {}, acks, contrary: [], replyPending: false };
    // An undecided transaction: if the coordinator had pre-committed it (3PC), every vote was yes
    // and participants may already have committed on their timeout, so it commits; otherwise it
    // never sent a commit, and abort is safe.
    if (log.decision === undefined) decide(node, txn, log.precommit ? 'commit' : 'abort', 'recovery', ctx);
    // Decided and not ended: some participant may not know the outcome, so it goes to everyone
    // again (which ACKs came in before the crash is not in the log). An ended one needs nothing.
    else if (!log.end) for (const p of participantIds(node.config)) ctx.send(p, 'commit', outcomeMsg(node, txn, log.decision));
  }
  armResend(node, ctx);
}

function coordinatorMessage(node: CommitNode, from: NodeId, msg: CommitMsg, ctx: CommitContext): void {
  const t = node.coord[msg.txn];
  if (!t) return;
  switch (msg.type) {
    case 'VOTE-COMMIT':
    case 'VOTE-ABORT': {
      if (t.phase !== 'voting') return;
      t.votes[from] = msg.type === 'VOTE-COMMIT' ? 'yes' : 'no';
      if (msg.type === 'VOTE-ABORT') decide(node, msg.txn, 'abort', 'no-vote', ctx);
      else if (participantIds(node.config).every((p) => t.votes[p] === 'yes')) allYes(node, msg.txn, 'votes', ctx);
      return;
    }
    case 'ACK': {
      if (t.phase === 'voting' || t.acks.includes(from) || t.contrary.includes(from)) return;
      // An ACK answers one round: PRE-COMMIT while pre-committing, then the outcome. A late ACK
      // of PRE-COMMIT after the decision is not an ACK of the decision.
      const answers: Extract<CommitMsg, { type: 'ACK' }>['of'] = t.phase === 'precommit' ? 'PRE-COMMIT' : t.phase === 'committed' ? 'commit' : 'abort';
      if (msg.of !== answers) {
        // A participant that ACKs the other outcome decided it alone (3PC across a partition):
        // it will never ACK this one, so the coordinator stops sending it, and it never counts.
        if (t.phase !== 'precommit' && msg.of !== 'PRE-COMMIT') t.contrary.push(from);
        return;
      }
      t.acks.push(from);
      if (t.acks.length < node.config.participants) return;
      if (t.phase === 'precommit') decide(node, msg.txn, 'commit', 'votes', ctx);
      else {
        ctx.persist({ op: 'end', txn: msg.txn });
        ctx.event({ kind: 'completed', node: node.name, txn: msg.txn, outcome: t.phase === 'committed' ? 'commit' : 'abort' });
      }
      return;
    }
    case 'DECISION-REQUEST': {
      const d = node.disk.log[msg.txn]?.decision;
      if (d !== undefined) ctx.send(from, 'commit', { type: 'DECISION', txn: msg.txn, state: d });
      return;
    }
    default:
      return;
  }
}

/** Every vote is yes (or, with commitWithoutVotes, no vote is no): 2PC commits, 3PC pre-commits. */
function allYes(node: CommitNode, txn: string, source: DecisionSource, ctx: CommitContext): void {
  if (!rulesOf(node.config).preCommit) {
    decide(node, txn, 'commit', source, ctx);
    return;
  }
  const t = node.coord[txn]!;
  ctx.persist({ op: 'precommit', txn });
  t.phase = 'precommit';
  t.acks = [];
  ctx.cancelTimer(voteTimer(txn));
  ctx.event({ kind: 'precommit', node: node.name, txn });
  for (const p of participantIds(node.config)) ctx.send(p, 'commit', { type: 'PRE-COMMIT', txn });
  ctx.setTimer(ackTimer(txn), node.config.voteTimeoutMs);
  armResend(node, ctx);
}

function decide(node: CommitNode, txn: string, outcome: Outcome, source: DecisionSource, ctx: CommitContext): void {
  const t = node.coord[txn]!;
  ctx.persist({ op: 'decide', txn, outcome });
  t.phase = outcome === 'commit' ? 'committed' : 'aborted';
  t.acks = [];
  t.contrary = [];
  ctx.cancelTimer(voteTimer(txn));
  ctx.cancelTimer(ackTimer(txn));
  ctx.event({ kind: 'decided', node: node.name, txn, outcome, source, from: null });
  for (const p of participantIds(node.config)) ctx.send(p, 'commit', outcomeMsg(node, txn, outcome));
  if (t.replyPending) {
    t.replyPending = false;
    ctx.reply({ type: 'outcome', txn, outcome });
  }
  armResend(node, ctx);
}

function coordinatorTimer(node: CommitNode, name: string, ctx: CommitContext): void {
  if (name === RESEND_TIMER) {
    resend(node, ctx);
    return;
  }
  const txn = name.slice(name.indexOf(':') + 1);
  const t = node.coord[txn];
  if (!t) return;
  if (name.startsWith('vote:') && t.phase === 'voting') {
    const missing = participantIds(node.config).filter((p) => t.votes[p] === undefined);
    ctx.event({ kind: 'vote-timeout', node: node.name, txn, missing: names(node, missing) });
    // BUG SWITCH commitWithoutVotes: silence counts as yes — the coordinator commits (3PC:
    // pre-commits) when no participant said no, though some never voted (correct: abort).
    const noneSaidNo = Object.values(t.votes).every((v) => v === 'yes');
    if (hasBug(node.config, 'commitWithoutVotes') && noneSaidNo) allYes(node, txn, 'vote-timeout', ctx);
    else decide(node, txn, 'abort', 'vote-timeout', ctx);
  } else if (name.startsWith('ack:') && t.phase === 'precommit') {
    // 3PC: every participant voted yes and those that got PRE-COMMIT commit on their own timeout.
    decide(node, txn, 'commit', 'ack-timeout', ctx);
  }
}

/** PRE-COMMIT or the outcome again to every participant that has not ACKed it. */
function resend(node: CommitNode, ctx: CommitContext): void {
  for (const [txn, t] of Object.entries(node.coord)) {
    if (t.phase === 'voting') continue;
    const msg: CommitMsg = t.phase === 'precommit' ? { type: 'PRE-COMMIT', txn } : outcomeMsg(node, txn, t.phase === 'committed' ? 'commit' : 'abort');
    for (const p of participantIds(node.config)) if (!t.acks.includes(p) && !t.contrary.includes(p)) ctx.send(p, 'commit', msg);
  }
  armResend(node, ctx);
}

function armResend(node: CommitNode, ctx: CommitContext): void {
  if (node.timers[RESEND_TIMER] !== undefined) return;
  const pending = Object.values(node.coord).some((t) => t.phase !== 'voting' && t.acks.length + t.contrary.length < node.config.participants);
  if (pending) ctx.setTimer(RESEND_TIMER, node.config.resendMs);
}

// ---------------------------------------------------------------- participant

function armVote(node: CommitNode, value: string, ctx: CommitContext): void {
  const vote: Vote = value === 'no' ? 'no' : 'yes';
  node.nextVote = vote;
  ctx.event({ kind: 'vote-armed', node: node.name, vote });
  ctx.reply({ type: 'vote', vote });
}

function participantStart(node: CommitNode, ctx: CommitContext): void {
  const open: string[] = [];
  for (const txn of node.disk.order) {
    const log = node.disk.log[txn]!;
    if (log.decision !== undefined) node.part[txn] = { state: log.decision === 'commit' ? 'committed' : 'aborted', vote: log.vote ?? null, recovering: false, asks: 0 };
    else if (log.vote === 'yes' || log.precommit) {
      node.part[txn] = { state: log.precommit ? 'precommitted' : 'uncertain', vote: log.vote ?? null, recovering: true, asks: 0 };
      open.push(txn);
    }
  }
  if (open.length > 0) ctx.event({ kind: 'recovered', node: node.name, open });
  for (const txn of open) ask(node, txn, 0, ctx);
}

function participantMessage(node: CommitNode, from: NodeId, msg: CommitMsg, ctx: CommitContext): void {
  const txn = msg.txn;
  const p = node.part[txn];
  switch (msg.type) {
    case 'VOTE-REQUEST':
    case 'CAN-COMMIT': {
      if (p) {
        // A duplicate (or a request sent again): the same answer.
        const vote = p.vote ?? (p.state === 'aborted' ? 'no' : 'yes');
        ctx.send(from, 'commit', { type: vote === 'yes' ? 'VOTE-COMMIT' : 'VOTE-ABORT', txn });
        return;
      }
      const vote = node.nextVote;
      node.nextVote = 'yes';
      ctx.persist({ op: 'vote', txn, vote });
      ctx.event({ kind: 'voted', node: node.name, txn, vote, armed: vote === 'no' });
      if (vote === 'no') {
        // A no vote decides: this transaction can only abort.
        ctx.persist({ op: 'decide', txn, outcome: 'abort' });
        node.part[txn] = { state: 'aborted', vote, recovering: false, asks: 0 };
        ctx.event({ kind: 'decided', node: node.name, txn, outcome: 'abort', source: 'own-no', from: null });
        ctx.send(from, 'commit', { type: 'VOTE-ABORT', txn });
        return;
      }
      node.part[txn] = { state: 'uncertain', vote, recovering: false, asks: 0 };
      ctx.send(from, 'commit', { type: 'VOTE-COMMIT', txn });
      ctx.setTimer(waitTimer(txn), node.config.waitTimeoutMs);
      return;
    }
    case 'PRE-COMMIT': {
      if (p && (p.state === 'committed' || p.state === 'precommitted')) {
        ctx.send(from, 'commit', { type: 'ACK', txn, of: 'PRE-COMMIT' });
        return;
      }
      if (p && p.state === 'aborted') return;
      ctx.persist({ op: 'precommit', txn });
      node.part[txn] = { state: 'precommitted', vote: p?.vote ?? null, recovering: false, asks: p?.asks ?? 0 };
      ctx.event({ kind: 'precommit', node: node.name, txn });
      ctx.send(from, 'commit', { type: 'ACK', txn, of: 'PRE-COMMIT' });
      ctx.setTimer(waitTimer(txn), node.config.waitTimeoutMs);
      return;
    }
    case 'GLOBAL-COMMIT':
    case 'DO-COMMIT':
    case 'GLOBAL-ABORT': {
      const outcome: Outcome = msg.type === 'GLOBAL-ABORT' ? 'abort' : 'commit';
      if (!p || p.state === 'uncertain' || p.state === 'precommitted') learn(node, txn, outcome, 'coordinator', from, ctx);
      // Decided already (perhaps otherwise, in 3PC under a partition): it keeps its decision and says so.
      ctx.send(from, 'commit', { type: 'ACK', txn, of: node.part[txn]!.state === 'committed' ? 'commit' : 'abort' });
      return;
    }
    case 'DECISION-REQUEST': {
      if (!p) {
        // Not voted yet: it may abort alone, and then the transaction cannot commit.
        ctx.persist({ op: 'decide', txn, outcome: 'abort' });
        node.part[txn] = { state: 'aborted', vote: null, recovering: false, asks: 0 };
        ctx.event({ kind: 'decided', node: node.name, txn, outcome: 'abort', source: 'unilateral', from: nodeName(node.config, from) });
        ctx.send(from, 'commit', { type: 'DECISION', txn, state: 'abort' });
        return;
      }
      const state = p.state === 'committed' ? 'commit' : p.state === 'aborted' ? 'abort' : p.state;
      ctx.send(from, 'commit', { type: 'DECISION', txn, state });
      return;
    }
    case 'DECISION': {
      if (!p || (p.state !== 'uncertain' && p.state !== 'precommitted')) return;
      if (msg.state === 'commit' || msg.state === 'abort') learn(node, txn, msg.state, from === COORDINATOR ? 'coordinator' : 'peer', from, ctx);
      return;
    }
    default:
      return;
  }
}

/** A participant learns the outcome from the coordinator or a peer. */
function learn(node: CommitNode, txn: string, outcome: Outcome, source: DecisionSource, from: NodeId, ctx: CommitContext): void {
  const prev: ParticipantTxn | undefined = node.part[txn];
  ctx.persist({ op: 'decide', txn, outcome });
  node.part[txn] = { state: outcome === 'commit' ? 'committed' : 'aborted', vote: prev?.vote ?? null, recovering: false, asks: prev?.asks ?? 0 };
  ctx.cancelTimer(waitTimer(txn));
  ctx.event({ kind: 'decided', node: node.name, txn, outcome, source, from: nodeName(node.config, from) });
}

function participantTimer(node: CommitNode, name: string, ctx: CommitContext): void {
  const txn = name.slice(name.indexOf(':') + 1);
  const p = node.part[txn];
  if (!p || (p.state !== 'uncertain' && p.state !== 'precommitted')) return;
  const action = p.recovering ? 'ask' : rulesOf(node.config).onWaitTimeout(p.state);
  if (action === 'ask') {
    ask(node, txn, node.config.waitTimeoutMs, ctx);
    return;
  }
  ctx.persist({ op: 'decide', txn, outcome: action });
  node.part[txn] = { ...p, state: action === 'commit' ? 'committed' : 'aborted' };
  ctx.event({ kind: 'decided', node: node.name, txn, outcome: action, source: 'timeout', from: null });
}

/** The termination protocol: ask the coordinator and every other participant, and wait again. */
function ask(node: CommitNode, txn: string, afterMs: number, ctx: CommitContext): void {
  const p = node.part[txn]!;
  p.asks += 1;
  const others = [COORDINATOR, ...participantIds(node.config).filter((id) => id !== node.id)];
  ctx.event({ kind: 'ask', node: node.name, txn, afterMs, asked: names(node, others), state: p.state === 'precommitted' ? 'precommitted' : 'uncertain', attempt: p.asks });
  for (const id of others) ctx.send(id, 'commit', { type: 'DECISION-REQUEST', txn });
  ctx.setTimer(waitTimer(txn), node.config.waitTimeoutMs);
}

export type { CoordinatorTxn };
