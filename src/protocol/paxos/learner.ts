/**
 * The Learner (Paxos Made Simple §2.3 "Learning a Chosen Value"): every acceptor sends it an
 * ACCEPTED whenever it accepts a proposal; once a quorum of distinct acceptors has accepted the
 * same ballot, that ballot's value is chosen and the learner has learned it. Nothing is on disk:
 * a restarted learner learns again from the ACCEPTED messages that reach it after its start (this
 * lab has no catch-up message).
 */
import type { NodeId } from '../../sim/node.ts';
import { ballotKey } from './ballot.ts';
import { nodeName, quorumSize, type LearnerState, type PaxosContext, type PaxosMsg, type PaxosNode } from './types.ts';

export function createLearnerState(): LearnerState {
  return { votes: {}, learned: null };
}

export function onLearnerAccepted(node: PaxosNode, from: NodeId, msg: Extract<PaxosMsg, { type: 'ACCEPTED' }>, ctx: PaxosContext): void {
  const l = node.learner;
  if (l === null) return;
  const key = ballotKey(msg.ballot);
  const votes = l.votes[key] ?? (l.votes[key] = { ballot: msg.ballot, value: msg.value, from: [] });
  // One ballot has one value (its proposer sends one); a duplicate ACCEPTED counts once.
  if (votes.value !== msg.value || votes.from.includes(from)) return;
  votes.from.push(from);
  if (votes.from.length !== quorumSize(node.config)) return;
  const previous = l.learned;
  if (previous !== null && previous.value === msg.value) return; // the same value, chosen again at a higher ballot
  l.learned = { ballot: msg.ballot, value: msg.value };
  ctx.event({
    kind: 'learned', node: node.name, ballot: msg.ballot, value: msg.value,
    acceptors: [...votes.from].sort((a, b) => a - b).map((a) => nodeName(node.config, a)), previous: previous?.value ?? null,
  });
}
