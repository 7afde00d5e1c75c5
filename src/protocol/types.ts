/**
 * Shared vocabulary of the pure ZooKeeper core. Names follow ZooKeeper's own source
 * (QuorumPeer, Vote, Notification, QuorumPacket …) so a student can find the same word there.
 *
 * Everything here is plain structured-clonable data: a server's whole state can be snapshotted,
 * posted to a Web Worker, restored, diffed and shown in an inspector (docs/architecture.md).
 */

import type { DynamicConfig } from './quorum/reconfig.ts';

export type Sid = number;

/** QuorumPeer.ServerState. DOWN is not a ZooKeeper state: the lab uses it for a dead process. */
export type ServerState = 'LOOKING' | 'FOLLOWING' | 'LEADING' | 'OBSERVING';
export type LearnerType = 'PARTICIPANT' | 'OBSERVER';

/** Which connection a packet travels on: the election port, the quorum (learner) port, or a client port. */
export type Channel = 'election' | 'quorum' | 'client';

/** Java's Long.MIN_VALUE, used by observers for their vote (FastLeaderElection.getInitId). */
export const LONG_MIN_VALUE = -9223372036854775808;

/** The ensemble's settings, named as in zoo.cfg and ZooKeeper's system properties. */
export interface QuorumConfig {
  /** Voting members (participants), by sid. */
  voters: Sid[];
  /** Observers, by sid. */
  observers: Sid[];
  /** zoo.cfg tickTime, in ms (default 2000). */
  tickTime: number;
  /** zoo.cfg initLimit, in ticks (default 10). */
  initLimit: number;
  /** zoo.cfg syncLimit, in ticks (default 5). */
  syncLimit: number;
  /** zookeeper.fastleader.minNotificationInterval, ms (default 200); also finalizeWait. */
  minNotificationInterval: number;
  /** zookeeper.fastleader.maxNotificationInterval, ms (default 60000). */
  maxNotificationInterval: number;
  /** zookeeper.observer.election.DelayMs (default 200). */
  observerElectionDelayMs: number;
  /** zookeeper.commitLogCount: committed proposals a leader keeps in memory to DIFF learners (default 500). */
  commitLogCount: number;
  /** zookeeper.snapshotSizeFactor: sync from the txn log while it is smaller than this × the snapshot (default 0.33; 0 = never). */
  snapshotSizeFactor: number;
  /** zookeeper.extendedTypesEnabled (TTL nodes). The conformance ensemble runs with it on. */
  extendedTypesEnabled: boolean;
  /** Learner.leaderConnectDelayDuringRetryMs (default 100): pause between connection attempts. */
  leaderConnectDelayDuringRetryMs: number;
  /**
   * The wall-clock instant (ms since 1970) that simulated time 0 stands for: txn times (ctime,
   * mtime) are this plus the simulated ms, so they read like real dates and stay deterministic.
   */
  clockOriginMs: number;
  /** znode.container.checkIntervalMs: how often the leader's ContainerManager looks for empty containers and expired TTL nodes (default 60000). */
  containerCheckIntervalMs: number;
  /** jute.maxbuffer: the largest request a server accepts (default 0xfffff); larger closes the connection. */
  juteMaxBuffer: number;
  /** Protocol-bug switches (the bug museum, src/protocol/bugs.ts); none by default. */
  bugs?: BugName[];
  /**
   * -Dzookeeper.DigestAuthenticationProvider.superDigest, e.g. `super:xQJmxLMiHGwaqBvst5y6rkB6HQs=`
   * (`addauth digest super:admin` then also gives the connection `super:`, which passes every ACL
   * check); none by default.
   */
  superDigest?: string;
  /** zoo.cfg reconfigEnabled (QuorumPeerConfig; default false in 3.8): `reconfig` is allowed. */
  reconfigEnabled?: boolean;
  /**
   * The active dynamic config (QuorumPeer.getQuorumVerifier()) once one was activated
   * (src/protocol/quorum/reconfig.ts); absent = the static voters/observers, version 0.
   */
  dynamic?: DynamicConfig;
}

/**
 * Bug switches: each breaks one rule of the protocol on purpose, at the place marked
 * "BUG SWITCH" in the code, so a learner can watch the matching invariant go red.
 */
export const BUG_NAMES = ['commitWithoutQuorum', 'electOnSidAlone', 'skipTrunc', 'forgetAcceptedEpoch', 'countObserverAcks', 'applyBeforeLogging', 'reconfigWithoutOldQuorum'] as const;
export type BugName = (typeof BUG_NAMES)[number];

export function hasBug(config: QuorumConfig, bug: BugName): boolean {
  return config.bugs !== undefined && config.bugs.includes(bug);
}

export const DEFAULT_QUORUM_CONFIG: Omit<QuorumConfig, 'voters' | 'observers'> = {
  tickTime: 2000,
  initLimit: 10,
  syncLimit: 5,
  minNotificationInterval: 200,
  maxNotificationInterval: 60000,
  observerElectionDelayMs: 200,
  commitLogCount: 500,
  snapshotSizeFactor: 0.33,
  extendedTypesEnabled: true,
  leaderConnectDelayDuringRetryMs: 100,
  // Sun Nov 22 2026 00:00:00 UTC
  clockOriginMs: 1795305600000,
  containerCheckIntervalMs: 60000,
  juteMaxBuffer: 0xfffff,
};

/** What a server keeps on disk. It survives a crash; `wipe` erases it (docs/architecture.md). */
export interface PeerDisk {
  /** The acceptedEpoch file. */
  acceptedEpoch: number;
  /** The currentEpoch file. */
  currentEpoch: number;
  /** The transaction log, in zxid order. */
  log: LoggedTxn[];
  /** Zxid of the latest snapshot on disk (0 = the empty initial tree). */
  snapshotZxid: number;
  /** The snapshot itself, opaque to the kernel (the DataTree's serialized form). */
  snapshot: unknown;
  /**
   * zoo.cfg.dynamic.<version> (QuorumPeer.writeDynamicConfig): the last activated dynamic config,
   * when a reconfig (or the leader's first-epoch version) has written one.
   */
  dynamicConfig?: DynamicConfig;
}

/** One entry of the transaction log: the TxnHeader fields plus the txn body. */
export interface LoggedTxn {
  zxid: number;
  /** When the leader created the txn (TxnHeader.time): clockOriginMs + the simulated ms. */
  time: number;
  /** The txn body; its shape belongs to the DataTree. */
  txn: unknown;
}

export function emptyDisk(): PeerDisk {
  return { acceptedEpoch: 0, currentEpoch: 0, log: [], snapshotZxid: 0, snapshot: null };
}

/** A change a server makes to its disk. The host applies the same op to the copy it owns. */
export type DiskOp =
  | { op: 'acceptedEpoch'; value: number }
  | { op: 'currentEpoch'; value: number }
  | { op: 'append'; txns: LoggedTxn[] }
  | { op: 'truncate'; zxid: number }
  | { op: 'snapshot'; zxid: number; snapshot: unknown; keepLogAfter: boolean }
  | { op: 'dynamicConfig'; config: DynamicConfig };

export function applyDiskOp(disk: PeerDisk, op: DiskOp): void {
  switch (op.op) {
    case 'acceptedEpoch':
      disk.acceptedEpoch = op.value;
      return;
    case 'currentEpoch':
      disk.currentEpoch = op.value;
      return;
    case 'append':
      for (const t of op.txns) disk.log.push(t);
      return;
    case 'truncate':
      disk.log = disk.log.filter((t) => t.zxid <= op.zxid);
      return;
    case 'snapshot':
      disk.snapshotZxid = op.zxid;
      disk.snapshot = op.snapshot;
      if (!op.keepLogAfter) disk.log = [];
      else disk.log = disk.log.filter((t) => t.zxid > op.zxid);
      return;
    case 'dynamicConfig':
      disk.dynamicConfig = structuredClone(op.config);
      return;
  }
}

/** The last zxid on disk: the log's tail, else the snapshot's zxid. */
export function lastLoggedZxid(disk: PeerDisk): number {
  const last = disk.log[disk.log.length - 1];
  return last ? last.zxid : disk.snapshotZxid;
}
