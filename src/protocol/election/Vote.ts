import type { ServerState, Sid } from '../types.ts';

/** Notification wire format version FastLeaderElection sends in 3.8 (CURRENTVERSION). */
export const NOTIFICATION_VERSION = 0x2;

/** Q/Vote.java: a vote for a leader, as carried in notifications and kept in recvset. */
export interface Vote {
  id: Sid;
  zxid: number;
  electionEpoch: number;
  peerEpoch: number;
  state: ServerState;
  version: number;
}

/** The election message (FastLeaderElection.Notification / ToSend). The sender's sid comes from the connection. */
export interface Notification {
  type: 'NOTIFICATION';
  state: ServerState;
  leader: Sid;
  zxid: number;
  electionEpoch: number;
  peerEpoch: number;
  version: number;
  /** Version 2's QuorumVerifier text (the sender's committed config), with reconfigEnabled only. */
  config?: string;
}

/**
 * Vote.equals (ZooKeeper 3.8 "Vote equality for quorum counting"): if either vote is LOOKING,
 * id, zxid, electionEpoch and peerEpoch must all match; otherwise only id and peerEpoch
 * (ZOOKEEPER-1805), or only id when exactly one side is a pre-0x1 version (ZOOKEEPER-1732).
 */
export function voteEquals(a: Vote, b: Vote): boolean {
  if (a.state === 'LOOKING' || b.state === 'LOOKING') {
    return a.id === b.id && a.zxid === b.zxid && a.electionEpoch === b.electionEpoch && a.peerEpoch === b.peerEpoch;
  }
  if (a.version > 0 !== b.version > 0) return a.id === b.id;
  return a.id === b.id && a.peerEpoch === b.peerEpoch;
}

export function voteOf(n: Notification): Vote {
  return { id: n.leader, zxid: n.zxid, electionEpoch: n.electionEpoch, peerEpoch: n.peerEpoch, state: n.state, version: n.version };
}
