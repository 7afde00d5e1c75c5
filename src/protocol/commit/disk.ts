/**
 * A process's write-ahead log of transactions (types.ts, CommitDisk): the coordinator's begin,
 * pre-commit, decision and end (every participant ACKed the decision), a participant's vote,
 * pre-commit and decision. A process writes the record before it sends what depends on it, so a
 * decision survives a crash; the host applies the same operations to the copy it keeps (kill/start
 * keeps it, wipe erases it).
 */
import type { CommitDisk, CommitDiskOp, TxnLog } from './types.ts';

export function emptyCommitDisk(): CommitDisk {
  return { order: [], log: {} };
}

export function applyCommitDiskOp(disk: CommitDisk, op: CommitDiskOp): void {
  const prev = disk.log[op.txn];
  if (prev === undefined) disk.order.push(op.txn);
  // A new entry each time: entries are never changed in place (shareCommitDisk relies on it).
  const next: TxnLog = { ...prev };
  switch (op.op) {
    case 'begin':
      next.begun = true;
      break;
    case 'vote':
      next.vote = op.vote;
      break;
    case 'precommit':
      next.precommit = true;
      break;
    case 'decide':
      next.decision = op.outcome;
      break;
    case 'end':
      next.end = true;
      break;
  }
  disk.log[op.txn] = next;
}

/** A copy for a checkpoint: entries are never changed once written, so they are shared. */
export function shareCommitDisk(disk: CommitDisk): CommitDisk {
  return { order: [...disk.order], log: { ...disk.log } };
}
