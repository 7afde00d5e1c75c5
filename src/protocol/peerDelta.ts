/**
 * A ZooKeeper server's state sent again without what did not change (NodeModule.diffNode and
 * patchNode; src/worker/workerHost.ts `peek`). The bulk of a server's state only grows: the
 * transaction log (FileTxnLog), the in-memory window of committed proposals (ZKDatabase's
 * committedLog) and the DataTree's znodes. A view or checker in the page reads every server's
 * state several times a second; copying all of it out of the workers each time grew with the
 * run (half a megabyte per server after a minute of writes). The rest of the state is small and
 * goes as it is.
 *
 * Identity tells what changed: logged txns are never changed once written, and `base` is a
 * copyPeer, which shares znodes with the live tree until either changes one (shareDataTree): a
 * znode the server changed since is another object.
 */
import { arrayDelta, mapDelta, patchArray, patchMap, type ArrayDelta, type MapDelta } from '../sim/delta.ts';
import type { QuorumPeer } from './QuorumPeer.ts';
import type { DataNode } from './datatree/types.ts';
import type { LoggedTxn } from './types.ts';

export interface PeerDelta {
  /** The state with the log, the snapshot, the committed-log window and the znodes left empty. */
  rest: QuorumPeer;
  log: ArrayDelta<LoggedTxn>;
  /** The snapshot on disk, when it is not base's (a snapshot is written whole, never changed). */
  snapshot: { value: unknown } | null;
  committedLog: ArrayDelta<LoggedTxn> | null;
  nodes: MapDelta<string, DataNode> | null;
}

export function diffPeer(base: QuorumPeer, peer: QuorumPeer): PeerDelta {
  const db = peer.zab.db;
  const baseDb = base.zab.db;
  return {
    rest: {
      ...peer,
      disk: { ...peer.disk, log: [], snapshot: null },
      zab: { ...peer.zab, db: db && { ...db, committedLog: [], tree: { ...db.tree, nodes: new Map() } } },
    },
    log: arrayDelta(base.disk.log, peer.disk.log),
    snapshot: peer.disk.snapshot === base.disk.snapshot ? null : { value: peer.disk.snapshot },
    committedLog: db && arrayDelta(baseDb?.committedLog ?? [], db.committedLog),
    nodes: db && mapDelta(baseDb?.tree.nodes ?? new Map<string, DataNode>(), db.tree.nodes),
  };
}

export function patchPeer(base: QuorumPeer, d: PeerDelta): QuorumPeer {
  const { rest } = d;
  const db = rest.zab.db;
  const baseDb = base.zab.db;
  return {
    ...rest,
    disk: { ...rest.disk, log: patchArray(base.disk.log, d.log), snapshot: d.snapshot ? d.snapshot.value : base.disk.snapshot },
    zab: {
      ...rest.zab,
      db: db && {
        ...db,
        committedLog: d.committedLog ? patchArray(baseDb?.committedLog ?? [], d.committedLog) : [],
        tree: { ...db.tree, nodes: d.nodes ? patchMap(baseDb?.tree.nodes ?? new Map<string, DataNode>(), d.nodes) : new Map() },
      },
    },
  };
}
