/**
 * ZooKeeper as a protocol module (src/sim/module.ts): the first module of the lab. Each process
 * is a QuorumPeer (FastLeaderElection + ZAB + its DataTree); its clients are zkCli's ClientCnxn,
 * stepped by the kernel as agents. The kernel runs it without knowing it is ZooKeeper.
 */
import type { LabSetup, AgentModule, Simulation } from '../sim/simulation.ts';
import type { TraceEntryOf } from '../sim/trace.ts';
import type { NodeModule } from '../sim/module.ts';
import { deepClone } from '../sim/clone.ts';
import { freezeDataTree, shareDataTree, thawDataTree, type FrozenDataTree } from './datatree/DataTree.ts';
import type { DataTree } from './datatree/types.ts';
import { createPeer, peerView, stepPeer, type PeerEvent, type PeerView, type QuorumPeer, type WireMessage } from './QuorumPeer.ts';
import { applyDiskOp, emptyDisk, type Channel, type DiskOp, type PeerDisk, type QuorumConfig } from './types.ts';
import type { ClientReply, ClientRequest } from './zab/Zab.ts';
import { createClient, stepClient, type ClientInput, type ClientCnxnState, type ClientNotice, type ZkClientArgs } from './client/ClientCnxn.ts';
import { allIds, quorumConfigOf, type LabConfig } from './config.ts';
import type { LabAction } from './actions.ts';
import { zookeeperLoad, zookeeperServiceCost } from './zkLoad.ts';
import { diffPeer, patchPeer, type PeerDelta } from './peerDelta.ts';

/**
 * A copy of a disk that shares its logged txns and snapshot: they are never changed once
 * written (applyDiskOp replaces the log array, never an entry), so checkpoints need not copy them.
 */
export function shareDisk(d: PeerDisk): PeerDisk {
  return { ...d, log: d.log.slice() };
}

/**
 * A copy of a server's whole state for checkpoints and rewinds: a deep copy, except the disk's
 * logged txns and snapshot, which are never changed once written and are shared, and the
 * DataTree's znodes, shared until changed (shareDataTree).
 */
export function copyPeer(peer: QuorumPeer): QuorumPeer {
  const copy = copyAllButTree(peer);
  const db = peer.zab.db;
  // The znodes are shared until either side changes one (copy on first change).
  if (db && copy.zab.db) copy.zab.db.tree = shareDataTree(db.tree);
  return copy;
}

/** copyPeer with the DataTree left out (null). */
function copyAllButTree(peer: QuorumPeer): QuorumPeer {
  const db = peer.zab.db;
  const copy = deepClone({ ...peer, disk: null, zab: { ...peer.zab, db: db && { ...db, tree: null as unknown as DataTree, committedLog: [] as typeof db.committedLog } } });
  // The committed-log window holds the same never-changed txns as the log.
  if (db && copy.zab.db) copy.zab.db.committedLog = db.committedLog.slice();
  return { ...copy, disk: shareDisk(peer.disk) };
}

/** A server's state as a checkpoint keeps it: copyPeer's copy, its DataTree frozen (freezeDataTree). */
interface PeerCheckpoint {
  checkpointOf: 'zookeeper';
  peer: QuorumPeer;
  tree: FrozenDataTree | null;
}

/** NodeModule.checkpointNode: copyPeer, with the znodes as a checkpoint keeps them (cheaper to take than a Map of them). */
export function checkpointPeer(peer: QuorumPeer): PeerCheckpoint {
  const db = peer.zab.db;
  return { checkpointOf: 'zookeeper', peer: copyAllButTree(peer), tree: db ? freezeDataTree(db.tree) : null };
}

/** NodeModule.nodeFromCheckpoint: a live state from a checkpointPeer (or a plain state a worker gave), which stays as it was. */
export function peerFromCheckpoint(cp: unknown): QuorumPeer {
  if (!isPeerCheckpoint(cp)) return copyPeer(cp as QuorumPeer);
  const copy = copyAllButTree(cp.peer);
  if (cp.tree && copy.zab.db) copy.zab.db.tree = thawDataTree(cp.tree);
  return copy;
}

function isPeerCheckpoint(x: unknown): x is PeerCheckpoint {
  return typeof x === 'object' && x !== null && (x as Partial<PeerCheckpoint>).checkpointOf === 'zookeeper';
}

export const zookeeperModule: NodeModule<QuorumConfig, QuorumPeer, WireMessage, ClientRequest, PeerEvent, DiskOp, PeerDisk, PeerView, ClientReply, Channel> = {
  id: 'zookeeper',
  // In this order: a crash resets the election, then the quorum connections (the order their FINs are sent in).
  channels: {
    // QuorumCnxManager: SendWorker sends lastMessageSent again on every new connection.
    election: { reliable: true, finOnCrash: false, resendLastOnStart: true },
    // A learner's socket to its leader: a crash is noticed at once (the peer reads EOF).
    quorum: { reliable: true, finOnCrash: true, resendLastOnStart: false },
    client: { reliable: true, finOnCrash: true, resendLastOnStart: false },
  },
  createNode: createPeer,
  stepNode: stepPeer,
  viewNode: peerView,
  copyNode: copyPeer,
  checkpointNode: checkpointPeer,
  nodeFromCheckpoint: peerFromCheckpoint,
  // A peek sends the log, the committed-log window and the znodes changed since the last (./peerDelta.ts).
  diffNode: diffPeer,
  patchNode: (base, delta) => patchPeer(base, delta as PeerDelta),
  emptyDisk,
  applyDiskOp,
  shareDisk,
  // A new server's zoo.cfg (`lab add observer|voter`): the members the operator knows — the
  // static members of the servers so far — plus itself as `server.N=…:observer` or `:participant`.
  // Its dynamic config file is empty, so the ensemble's newer one wins when it syncs (3.8.0).
  joinConfig: (c, id, role) => {
    const { dynamic: _dynamic, ...rest } = c;
    return role === 'observer'
      ? { ...rest, observers: [...c.observers.filter((s) => s !== id), id].sort((a, b) => a - b) }
      : { ...rest, voters: [...c.voters.filter((s) => s !== id), id].sort((a, b) => a - b) };
  },
  // `lab load`: what each input costs the server that handles it (src/protocol/zkLoad.ts).
  serviceCost: zookeeperServiceCost,
  // A client's request to a server that is not running: ConnectionLoss.
  refuseRequest: (req) => ({ sessionId: req.sessionId, cxid: req.cxid, zxid: -1, err: -4, type: 'error' }),
};

/** zkCli's ClientCnxn, stepped by the kernel (its clients are the lab's agents). */
export const zookeeperClients: AgentModule = {
  channel: 'client',
  create: (cid, args) => {
    const a = args as ZkClientArgs;
    return createClient(cid, a.server, a.sessionTimeout, a.hosts);
  },
  step: (state, input, now) => stepClient(state as ClientCnxnState, input as ClientInput, now),
};

/** Client endpoints are numbered from here (c1 = 1001 …); servers are 1..13. */
export const CLIENT_BASE = 1000;

/** `zk3` for a server, `c2` for a client. */
export function endpointName(id: number): string {
  return id > CLIENT_BASE ? `c${id - CLIENT_BASE}` : `zk${id}`;
}

/** The world of a ZooKeeper lab: its servers, the module, their zoo.cfg and the network. */
export function zookeeperSetup(config: LabConfig): LabSetup {
  return {
    seed: config.seed,
    latencyMs: config.latencyMs,
    latencySpreadMs: config.latencySpreadMs,
    ids: allIds(config),
    module: zookeeperModule as NodeModule,
    config: quorumConfigOf(config),
    name: endpointName,
    agents: zookeeperClients,
    load: zookeeperLoad,
  };
}

/** A ZooKeeper run's trace entries: the kernel's, filled with ZooKeeper's packets, events, requests, replies and client notices. */
export type TraceEntry = TraceEntryOf<WireMessage, PeerEvent, ClientRequest, ClientReply, ClientNotice, Channel, LabAction>;

/** A world running ZooKeeper: its slots hold PeerViews and its processes are QuorumPeers. */
export type ZkSimulation = Simulation<PeerView, QuorumPeer, PeerDisk, TraceEntry, ClientCnxnState>;

/** The same world, seen as running ZooKeeper (for code that only ever runs on a ZooKeeper lab). */
export function zkSim(sim: Simulation): ZkSimulation {
  return sim as unknown as ZkSimulation;
}
