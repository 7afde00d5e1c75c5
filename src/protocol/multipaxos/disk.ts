/**
 * A replica's stable storage (types.ts, MpDisk): the promise, what it accepted per slot and the
 * highest round it used. The replica applies each operation to its own copy as it persists it; the
 * host applies the same operation to the copy it keeps across crashes (kill/start keeps it, wipe
 * erases it).
 */
import { compareBallots } from './ballot.ts';
import type { MpDisk, MpDiskOp } from './types.ts';

export function emptyMpDisk(): MpDisk {
  return { promised: null, accepted: {}, maxRound: 0 };
}

export function applyMpDiskOp(disk: MpDisk, op: MpDiskOp): void {
  switch (op.op) {
    case 'promise':
      if (compareBallots(op.ballot, disk.promised) > 0) disk.promised = { ...op.ballot };
      break;
    case 'accept':
      // A new entry object each time: entries are never changed in place (shareMpDisk relies on it).
      disk.accepted[op.slot] = { ballot: { ...op.ballot }, value: op.value };
      if (compareBallots(op.ballot, disk.promised) > 0) disk.promised = { ...op.ballot };
      break;
    case 'round':
      disk.maxRound = Math.max(disk.maxRound, op.round);
      break;
  }
}

/** A copy for a checkpoint: accepted entries and ballots are never changed once written, so they are shared. */
export function shareMpDisk(disk: MpDisk): MpDisk {
  return { promised: disk.promised, accepted: { ...disk.accepted }, maxRound: disk.maxRound };
}

/** The slots ≥ fromSlot with an accepted proposal, ascending. */
export function acceptedSlotsFrom(disk: MpDisk, fromSlot: number): number[] {
  const out: number[] = [];
  for (const k of Object.keys(disk.accepted)) {
    const s = Number(k);
    if (s >= fromSlot) out.push(s);
  }
  return out.sort((a, b) => a - b);
}
