/**
 * What differs between 2PC and 3PC — everything else (coordinator.ts, participant.ts, the disk,
 * the checker, the texts) is shared. Each rule is one small decision.
 */
import { hasBug, type CommitConfig, type CommitPacketType, type CommitVariant } from './types.ts';

export interface CommitRules {
  variant: CommitVariant;
  /** The coordinator's question of phase 1. */
  voteRequest: Extract<CommitPacketType, 'VOTE-REQUEST' | 'CAN-COMMIT'>;
  /** The message that tells the commit outcome. */
  commitMsg: Extract<CommitPacketType, 'GLOBAL-COMMIT' | 'DO-COMMIT'>;
  /** 3PC: a PreCommit round between the votes and the commit. */
  preCommit: boolean;
  /**
   * What a participant that has been up since it voted yes does when its wait for the outcome
   * runs out: ask the others (2PC: it may not decide alone), or decide (3PC: uncertain → abort,
   * pre-committed → commit).
   */
  onWaitTimeout(state: 'uncertain' | 'precommitted'): 'ask' | 'abort' | 'commit';
}

const TWO_PC: CommitRules = {
  variant: '2pc',
  voteRequest: 'VOTE-REQUEST',
  commitMsg: 'GLOBAL-COMMIT',
  preCommit: false,
  onWaitTimeout: () => 'ask',
};

const THREE_PC: CommitRules = {
  variant: '3pc',
  voteRequest: 'CAN-COMMIT',
  commitMsg: 'DO-COMMIT',
  preCommit: true,
  onWaitTimeout: (state) => (state === 'precommitted' ? 'commit' : 'abort'),
};

/** BUG SWITCH abortOnTimeout: a 2PC participant that voted yes guesses abort when its wait runs out. */
const TWO_PC_GUESSING: CommitRules = { ...TWO_PC, onWaitTimeout: () => 'abort' };

export function rulesOf(cfg: CommitConfig): CommitRules {
  if (cfg.variant === '3pc') return THREE_PC;
  return hasBug(cfg, 'abortOnTimeout') ? TWO_PC_GUESSING : TWO_PC;
}
