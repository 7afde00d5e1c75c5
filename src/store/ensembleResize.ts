/**
 * Resizing a running ensemble from the Voters / Observers pickers (reconfigEnabled): raising a
 * count adds servers one at a time as + Observer / + Voter do (`lab add`, then `reconfig -add`);
 * lowering it removes the newest members of that role in one `reconfig -remove a,b`. A choice is
 * refused here when ZooKeeper's reconfig would refuse it now (PrepRequestProcessor's reconfig case:
 * src/protocol/quorum/reconfig.ts prepareReconfig) or `lab add` has no room left.
 */
import type { Sid } from '../protocol/types.ts';

export type ResizeKey = 'voters' | 'observers';

/** What a resize is planned from: the live configuration and the leader's view of its followers. */
export interface ResizeInput {
  /** The live configuration's members. */
  voters: readonly Sid[];
  observers: readonly Sid[];
  /** The serving leader, or null while there is none. */
  leader: Sid | null;
  /** Leader.isQuorumSynced's candidates: the leader and the followers it forwards to that are in sync. */
  synced: readonly Sid[];
  /** How many more servers of each role `lab add` may start (src/cli/lab.ts addServerRoom). */
  room: { participant: number; observer: number };
}

export type ResizeRefusal = 'noLeader' | 'noVoter' | 'noQuorum' | 'noRoom';

export type ResizeSteps = { add: 'voter' | 'observer'; count: number } | { remove: Sid[] };

/** The steps that take the live `key` count to `target` (null: it is already there). */
export function resizeSteps(input: ResizeInput, key: ResizeKey, target: number): ResizeSteps | null {
  const members = [...input[key]].sort((a, b) => a - b);
  if (target === members.length) return null;
  if (target > members.length) return { add: key === 'voters' ? 'voter' : 'observer', count: target - members.length };
  return { remove: members.slice(target).reverse() };
}

/** Why reconfig (or `lab add`) would refuse to take the live `key` count to `target` now; null: it would not. */
export function resizeRefusal(input: ResizeInput, key: ResizeKey, target: number): ResizeRefusal | null {
  const steps = resizeSteps(input, key, target);
  if (steps === null) return null;
  if ('add' in steps && steps.count > input.room[steps.add === 'voter' ? 'participant' : 'observer']) return 'noRoom';
  // A reconfig is a write: without a leader it waits for one, and zkCli's call times out.
  if (input.leader === null) return 'noLeader';
  // The voters of the new configuration. A new voter joins as a non-voting follower and + Voter
  // waits until it is in sync before its `reconfig -add` (src/store/actions.ts addToEnsemble), so
  // it counts as synced: Leader.isQuorumSynced counts synced followers that are voters of the new
  // config. Only the leader's synced voters and the new servers themselves count.
  const voters = key !== 'voters' ? [...input.voters] : 'remove' in steps ? input.voters.filter((s) => !steps.remove.includes(s)) : [...input.voters];
  const added = key === 'voters' && 'add' in steps ? steps.count : 0;
  const newVoters = voters.length + added;
  // standaloneEnabled=false: "new configuration must include at least 1 follower" (BadArguments)
  if (newVoters < 1) return 'noVoter';
  // Leader.isQuorumSynced(newQV), else NewConfigNoQuorum
  const synced = input.synced.filter((s) => voters.includes(s)).length + added;
  if (!(synced > Math.floor(newVoters / 2))) return 'noQuorum';
  return null;
}
