/**
 * What a server card shows, built from the simulation's slots: plain, formatted data (zxids as
 * ZooKeeper prints them), so src/ui needs nothing from src/protocol at run time. Cards keep their
 * identity while their content is unchanged, so React re-renders only the servers that changed.
 */
import { describeServer, serverName } from '../cli/lab.ts';
import { lastLoggedZxid, type ServerState, type Sid } from '../protocol/types.ts';
import type { ZabPhase } from '../protocol/zab/Zab.ts';
import { hex } from '../protocol/zxid.ts';
import type { QuorumConfig } from '../protocol/types.ts';
import { activeConfig, observersOf, votersOf, type DynamicConfig } from '../protocol/quorum/reconfig.ts';
import type { ServerSlot } from '../sim/simulation.ts';
import type { PeerView } from '../protocol/QuorumPeer.ts';
import type { PeerDisk } from '../protocol/types.ts';
import type { ZkSimulation } from '../protocol/zookeeper.ts';

/** A server's role as the lab shows it: ZooKeeper's ServerState, or DOWN for a dead process. */
export type ServerDisplayState = ServerState | 'DOWN';

export interface VoteCard {
  /** `zk3`, or null for "no leader" (an observer's initial vote). */
  leader: string | null;
  zxid: string;
  peerEpoch: string;
  electionEpoch: number;
}

export interface ServerCard {
  sid: Sid;
  name: string;
  /**
   * Its role now: an observer of the ensemble's live configuration ({@link liveMembers}); a server
   * the configuration does not name, by its own zoo.cfg (a new server before its `reconfig -add`).
   */
  observer: boolean;
  /** Named by the ensemble's live configuration (false before `reconfig -add`, after `-remove`). */
  member: boolean;
  /**
   * A participant its own configuration does not count as a voter (PeerView.nonVoting: `lab add
   * voter` before `reconfig -add`); `lab status` prints it `(non-voting)`. False while down.
   */
  nonVoting: boolean;
  up: boolean;
  /** Why it is down when its code threw; null when killed or running. */
  crashReason: string | null;
  state: ServerDisplayState;
  /** LOOKING: the vote it proposes in its notifications; otherwise the vote it stands by. */
  vote: VoteCard | null;
  voteKind: 'proposal' | 'vote';
  logicalclock: number | null;
  /** From the running server, or from its disk while it is down. */
  acceptedEpoch: number;
  currentEpoch: number;
  lastZxid: string;
  phase: ZabPhase | null;
  serving: boolean;
  leader: string | null;
  lastProcessedZxid: string | null;
  /** Highest committed zxid it knows of (the leader's lastCommitted; a learner's last processed). */
  lastCommittedZxid: string | null;
  nodeCount: number | null;
  syncMode: string | null;
  /** Leader only. */
  learners: Array<{ name: string; stage: string; syncMode: string | null; synced: boolean }>;
  /** Leader only: proposals waiting for a quorum of ACKs. */
  outstanding: Array<{ zxid: string; acks: string[] }>;
  /** One line, as `lab status` prints it. */
  summary: string;
}

function epochText(e: number): string {
  return e < 0 ? hex(e) : String(e);
}

export function buildServerCard(slot: ServerSlot<PeerView, PeerDisk>, observer: boolean, member = true): ServerCard {
  const v = slot.up ? slot.view : null;
  const base = {
    sid: slot.sid,
    name: serverName(slot.sid),
    observer,
    member,
    up: slot.up,
    crashReason: slot.up ? null : slot.crashReason,
    nonVoting: v?.nonVoting === true,
    summary: describeServer(slot.sid, slot.up, slot.view),
  };
  if (!v) {
    return {
      ...base,
      state: slot.up ? 'LOOKING' : 'DOWN',
      vote: null,
      voteKind: 'vote',
      logicalclock: null,
      acceptedEpoch: slot.disk.acceptedEpoch,
      currentEpoch: slot.disk.currentEpoch,
      lastZxid: hex(lastLoggedZxid(slot.disk)),
      phase: null,
      serving: false,
      leader: null,
      lastProcessedZxid: null,
      lastCommittedZxid: null,
      nodeCount: null,
      syncMode: null,
      learners: [],
      outstanding: [],
    };
  }
  const looking = v.state === 'LOOKING';
  const raw = looking && v.proposal
    ? { leader: v.proposal.leader, zxid: v.proposal.zxid, peerEpoch: v.proposal.peerEpoch, electionEpoch: v.logicalclock }
    : { leader: v.currentVote.id, zxid: v.currentVote.zxid, peerEpoch: v.currentVote.peerEpoch, electionEpoch: v.currentVote.electionEpoch };
  const vote: VoteCard | null = raw.leader < 0
    ? null
    : { leader: serverName(raw.leader), zxid: hex(raw.zxid), peerEpoch: epochText(raw.peerEpoch), electionEpoch: raw.electionEpoch };
  const z = v.zab;
  return {
    ...base,
    state: v.state,
    vote: looking && !v.proposal ? null : vote,
    voteKind: looking ? 'proposal' : 'vote',
    logicalclock: v.logicalclock,
    acceptedEpoch: v.acceptedEpoch,
    currentEpoch: v.currentEpoch,
    lastZxid: hex(v.lastLoggedZxid),
    phase: z.phase === 'NONE' ? null : z.phase,
    serving: z.serving,
    leader: z.leaderSid === null ? null : serverName(z.leaderSid),
    lastProcessedZxid: hex(z.lastProcessedZxid),
    lastCommittedZxid: hex(Math.max(z.lastCommittedZxid, z.lastProcessedZxid)),
    nodeCount: z.nodeCount,
    syncMode: z.lastSyncMode,
    learners: z.learners.map((l) => ({ name: serverName(l.sid), stage: l.stage, syncMode: l.syncMode, synced: l.synced })),
    outstanding: z.outstanding.map((p) => ({ zxid: hex(p.zxid), acks: p.acks.map(serverName) })),
  };
}

/** The ensemble's members as its live configuration names them. */
export interface LiveMembers {
  voters: Sid[];
  observers: Sid[];
  /** The configuration's version (0: the static zoo.cfg, before any reconfig). */
  version: number;
}

/**
 * The ensemble's live configuration: the newest dynamic config any server has activated (its
 * zoo.cfg.dynamic on disk: the highest version, a reconfig txn's zxid — QuorumPeer.processReconfig
 * writes it on commit), else the lab's static members. What `config` prints from a server that
 * has caught up; the ring's header and its + buttons count from it.
 */
export function liveConfig(sim: ZkSimulation): DynamicConfig {
  let best = activeConfig(sim.setup.config as QuorumConfig);
  for (const slot of sim.servers.values()) {
    const d = slot.disk.dynamicConfig;
    if (d && d.version > best.version) best = d;
  }
  return best;
}

export function liveMembers(sim: ZkSimulation): LiveMembers {
  const d = liveConfig(sim);
  return { voters: votersOf(d), observers: observersOf(d), version: d.version };
}

/** Cards already built, by server: reused while its slot shows the same view (it has not stepped). */
export type CardCache = Map<Sid, { view: PeerView; card: ServerCard }>;

export function buildServerCards(sim: ZkSimulation, cache?: CardCache): ServerCard[] {
  const live = liveConfig(sim);
  const roles = new Map(live.servers.map((s) => [s.sid, s.role]));
  return [...sim.servers.values()].map((slot) => {
    const view = slot.up ? slot.view : null;
    const role = roles.get(slot.sid);
    // A server the configuration does not name has a zoo.cfg of its own (Simulation.addProcess).
    const observer = role !== undefined ? role === 'observer' : ((slot.config ?? sim.setup.config) as QuorumConfig).observers.includes(slot.sid);
    const kept = view && cache?.get(slot.sid);
    if (kept && kept.view === view && kept.card.observer === observer && kept.card.member === (role !== undefined)) return kept.card;
    const card = buildServerCard(slot, observer, role !== undefined);
    if (cache) {
      if (view) cache.set(slot.sid, { view, card });
      else cache.delete(slot.sid);
    }
    return card;
  });
}

/**
 * Merges fresh cards into the previous ones, keeping each unchanged card's identity. Returns
 * null when nothing changed at all.
 */
export function mergeServerCards(prev: Readonly<Record<Sid, ServerCard>>, next: ServerCard[]): Record<Sid, ServerCard> | null {
  let changed = Object.keys(prev).length !== next.length;
  const out: Record<Sid, ServerCard> = {};
  for (const card of next) {
    const old = prev[card.sid];
    if (old && (old === card || JSON.stringify(old) === JSON.stringify(card))) {
      out[card.sid] = old;
    } else {
      out[card.sid] = card;
      changed = true;
    }
  }
  return changed ? out : null;
}

/** The cut links as `[from, to]` pairs in a stable order, and a key that changes when they do. */
export function cutLinksOf(sim: ZkSimulation): { links: Array<[Sid, Sid]>; key: string } {
  const links = sim.cutLinks().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { links, key: links.map(([a, b]) => `${a}>${b}`).join(' ') };
}
