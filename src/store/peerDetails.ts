/**
 * What the inspector shows beyond a server's card, read from a full snapshot of the server
 * (`sim.peek(sid)`, fetched through the operation queue): FastLeaderElection's variables
 * (logicalclock, current vote, proposal, recvset, outofelection), its client connections with
 * their sessions and watches, and how it differs from the leader (epochs, last zxid, znodes).
 * `buildPeerDetails` is pure and unit-tested; `fetchPeerDetails` does the fetching.
 */
import { hexLong } from '../cli/zkcli/format.ts';
import { serverName } from '../cli/lab.ts';
import type { Vote } from '../protocol/election/Vote.ts';
import type { QuorumPeer } from '../protocol/QuorumPeer.ts';
import { lastLoggedZxid, type Sid } from '../protocol/types.ts';
import { useLabStore } from './labStore.ts';
import { currentSession } from './session.ts';
import { zkSim } from '../protocol/zookeeper.ts';
import { buildZnodeModel } from './znodeModel.ts';

export interface VoteRow {
  /** `zk3`, or `—` for no leader (an observer's vote). */
  leader: string;
  zxid: string;
  peerEpoch: string;
  round: number;
  state: string;
}

export interface FleDetails {
  logicalclock: number;
  currentVote: VoteRow;
  /** LOOKING: what it proposes in its notifications. */
  proposal: VoteRow | null;
  recvset: Array<{ from: string; vote: VoteRow }>;
  outofelection: Array<{ from: string; vote: VoteRow }>;
}

export interface SessionRow {
  conn: string;
  session: string | null;
  timeOutMs: number;
  connecting: boolean;
  dataWatches: string[];
  childWatches: string[];
}

export interface LeaderDiff {
  leader: string | null;
  isLeader: boolean;
  /** Fields that differ: [name, here, on the leader]. */
  fields: Array<[string, string, string]>;
  znodes: { missing: string[]; extra: string[]; changed: string[] } | null;
}

export interface PeerDetails {
  sid: Sid;
  up: boolean;
  fle: FleDetails | null;
  sessions: SessionRow[];
  diff: LeaderDiff;
}

const epochText = (v: number): string => (v < 0 ? hexLong(v) : String(v));

export function voteRow(v: Vote): VoteRow {
  return { leader: v.id < 0 ? '—' : serverName(v.id), zxid: hexLong(v.zxid), peerEpoch: epochText(v.peerEpoch), round: v.electionEpoch, state: v.state };
}

function votes(rec: Record<number, Vote>): Array<{ from: string; vote: VoteRow }> {
  return Object.entries(rec)
    .map(([sid, v]) => ({ sid: Number(sid), v }))
    .sort((a, b) => a.sid - b.sid)
    .map(({ sid, v }) => ({ from: serverName(sid), vote: voteRow(v) }));
}

function pathsOf(table: Map<string, string[]>, conn: string): string[] {
  const out: string[] = [];
  for (const [path, conns] of table) if (conns.includes(conn)) out.push(path);
  return out.sort();
}

/** The inspector's details of `peer` (null: down), compared with `leader` (null: none known). Pure. */
export function buildPeerDetails(sid: Sid, peer: QuorumPeer | null, leader: QuorumPeer | null): PeerDetails {
  if (!peer) return { sid, up: false, fle: null, sessions: [], diff: { leader: null, isLeader: false, fields: [], znodes: null } };
  const f = peer.fle;
  const fle: FleDetails = {
    logicalclock: f.logicalclock,
    currentVote: voteRow(peer.currentVote),
    proposal: peer.state === 'LOOKING' && f.proposedLeader !== -1
      ? { leader: f.proposedLeader < 0 ? '—' : serverName(f.proposedLeader), zxid: hexLong(f.proposedZxid), peerEpoch: epochText(f.proposedEpoch), round: f.logicalclock, state: 'LOOKING' }
      : null,
    recvset: votes(f.recvset),
    outofelection: votes(f.outofelection),
  };
  const w = peer.server.watches;
  const sessions: SessionRow[] = Object.values(peer.server.cnxns)
    .sort((a, b) => a.cid - b.cid)
    .map((c) => ({
      conn: c.conn,
      session: c.sessionId === null ? null : hexLong(c.sessionId),
      timeOutMs: c.timeOut,
      connecting: c.connecting,
      dataWatches: pathsOf(w.dataWatches.watchTable, c.conn),
      childWatches: pathsOf(w.childWatches.watchTable, c.conn),
    }));
  const isLeader = peer.state === 'LEADING';
  const diff: LeaderDiff = { leader: leader ? serverName(leader.myid) : null, isLeader, fields: [], znodes: null };
  if (leader && !isLeader && leader.myid !== peer.myid) {
    const field = (name: string, mine: string, theirs: string) => {
      if (mine !== theirs) diff.fields.push([name, mine, theirs]);
    };
    field('acceptedEpoch', String(peer.disk.acceptedEpoch), String(leader.disk.acceptedEpoch));
    field('currentEpoch', String(peer.disk.currentEpoch), String(leader.disk.currentEpoch));
    field('last logged zxid', hexLong(lastLoggedZxid(peer.disk)), hexLong(lastLoggedZxid(leader.disk)));
    const myTree = peer.zab.db?.tree;
    const theirTree = leader.zab.db?.tree;
    if (myTree && theirTree) {
      field('last processed zxid', hexLong(myTree.lastProcessedZxid), hexLong(theirTree.lastProcessedZxid));
      const model = buildZnodeModel(peer.myid, myTree, null, { sid: leader.myid, tree: theirTree });
      const z = { missing: [] as string[], extra: [] as string[], changed: [] as string[] };
      for (const n of Object.values(model.nodes)) if (n.diff) z[n.diff].push(n.path);
      for (const k of ['missing', 'extra', 'changed'] as const) z[k].sort();
      diff.znodes = z;
    }
  }
  return { sid, up: true, fle, sessions, diff };
}

/**
 * Fetches server `sid`'s details (and the leader's state to compare with) through the operation
 * queue. Null when there is no lab.
 */
export async function fetchPeerDetails(sid: Sid): Promise<PeerDetails | null> {
  const session = currentSession();
  if (!session) return null;
  const leaderSid = Object.values(useLabStore.getState().servers).find((c) => c.state === 'LEADING')?.sid ?? null;
  return session.ops.run(async () => {
    const sim = zkSim(session.runtime.sim);
    if (!sim.servers.has(sid)) return null;
    const peer = await sim.peek(sid);
    const leader = leaderSid === null || leaderSid === sid ? (peer?.state === 'LEADING' ? peer : null) : await sim.peek(leaderSid);
    return buildPeerDetails(sid, peer, leader && leader.state === 'LEADING' ? leader : null);
  });
}
