import type { Sid } from '../types.ts';

/**
 * QuorumMaj: a set of acks is a quorum when it holds more than half of the voting members.
 * Observers never count (ZooKeeper 3.8 "tryToCommit"; §6 "quorum by QuorumMaj over voters").
 */
export class QuorumMaj {
  private readonly voters: ReadonlySet<Sid>;
  readonly half: number;

  constructor(voters: readonly Sid[]) {
    this.voters = new Set(voters);
    this.half = Math.floor(voters.length / 2);
  }

  isVoter(sid: Sid): boolean {
    return this.voters.has(sid);
  }

  /** The weight of a server: 1 for a voter, 0 for anyone else. */
  getWeight(sid: Sid): number {
    return this.voters.has(sid) ? 1 : 0;
  }

  containsQuorum(acks: Iterable<Sid>): boolean {
    let n = 0;
    for (const sid of acks) if (this.voters.has(sid)) n++;
    return n > this.half;
  }
}
