/**
 * Ballots (提案编号): `(round, proposer)` compared lexicographically — Paxos Made Simple §2.2
 * asks for totally ordered proposal numbers, and §2.5 ("The Implementation") for different
 * proposers to choose their numbers from disjoint sets: the proposer index breaks ties between rounds.
 */
import { hasBug, type AcceptedProposal, type Ballot, type PaxosConfig } from './types.ts';

/** The true order: negative, zero or positive as a < b, a = b, a > b; null (no ballot) is lowest. */
export function compareBallots(a: Ballot | null, b: Ballot | null): number {
  if (a === null || b === null) return (a === null ? 0 : 1) - (b === null ? 0 : 1);
  return a.round !== b.round ? a.round - b.round : a.proposer - b.proposer;
}

/**
 * The order the processes use: the true one, unless the sameBallot switch makes ballots compare
 * by round alone.
 */
export function compareAs(cfg: PaxosConfig, a: Ballot | null, b: Ballot | null): number {
  // BUG SWITCH sameBallot: ballots compare by round alone, ignoring the proposer part, so two
  // proposers that both pick round 1 hold "the same" ballot and an acceptor promises and accepts
  // both (correct: (round, proposer) lexicographically — no two proposers share a number).
  if (hasBug(cfg, 'sameBallot') && a !== null && b !== null) return a.round - b.round;
  return compareBallots(a, b);
}

/** The same ballot (identity, never the bug's order): a process recognises its own ballot by this. */
export function sameBallot(a: Ballot | null, b: Ballot | null): boolean {
  return a !== null && b !== null && a.round === b.round && a.proposer === b.proposer;
}

export function maxBallot(a: Ballot | null, b: Ballot | null): Ballot | null {
  return compareBallots(a, b) >= 0 ? a : b;
}

/** `2.1`; `none` for no ballot. */
export function formatBallot(b: Ballot | null): string {
  return b === null ? 'none' : `${b.round}.${b.proposer}`;
}

/** A key for maps keyed by ballot (`2.1`). */
export function ballotKey(b: Ballot): string {
  return `${b.round}.${b.proposer}`;
}

/** `(2.1, x)`; `none` for nothing accepted. */
export function formatProposal(p: AcceptedProposal | null): string {
  return p === null ? 'none' : `(${formatBallot(p.ballot)}, ${p.value})`;
}
