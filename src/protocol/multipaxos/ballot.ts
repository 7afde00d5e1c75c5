/**
 * Ballots (提案编号) `(round, replica)` compared lexicographically, and the slot values' text.
 */
import type { Ballot, MpValue } from './types.ts';

/** Negative, zero or positive as a < b, a = b, a > b; null (no ballot) is lowest. */
export function compareBallots(a: Ballot | null, b: Ballot | null): number {
  if (a === null || b === null) return (a === null ? 0 : 1) - (b === null ? 0 : 1);
  return a.round !== b.round ? a.round - b.round : a.replica - b.replica;
}

export function sameBallot(a: Ballot | null, b: Ballot | null): boolean {
  return a !== null && b !== null && a.round === b.round && a.replica === b.replica;
}

export function maxBallot(a: Ballot | null, b: Ballot | null): Ballot | null {
  return compareBallots(a, b) >= 0 ? a : b;
}

/** `3.2`; `none` for no ballot. */
export function formatBallot(b: Ballot | null): string {
  return b === null ? 'none' : `${b.round}.${b.replica}`;
}

/** A slot's value as printed: the string itself, or `no-op`. */
export function formatValue(v: MpValue): string {
  return v === null ? 'no-op' : v;
}

/** `3, 5, 7` for a list of slots (empty string for none). */
export function formatSlots(slots: readonly number[]): string {
  return slots.join(', ');
}
