/**
 * QuorumPeer.processReconfig / setQuorumVerifier: a server adopts a dynamic config — the reconfig
 * txn's on commit (Leader.processReconfig, Follower COMMITANDACTIVATE, Observer INFORMANDACTIVATE),
 * or the leader's first-epoch version `newEpoch<<32` (Leader.lead: a version-0 config gets the
 * NEWLEADER zxid; the NEWLEADER packet carries it to the learners).
 */
import type { QuorumPeer } from '../QuorumPeer.ts';
import type { PeerContext } from '../QuorumPeer.ts';
import { initConfigNode } from '../datatree/DataTree.ts';
import { activeConfig, configText, learnerTypeIn, parseLong, parseQuorumServer, withConfig, type DynamicConfig, type QuorumServerSpec } from '../quorum/reconfig.ts';
import type { LoggedTxn } from '../types.ts';
import type { Txn } from '../datatree/types.ts';

/** QuorumPeer.configFromString: the text of /zookeeper/config back into a QuorumMaj. */
export function configFromString(text: string): DynamicConfig {
  const servers: QuorumServerSpec[] = [];
  let version = 0;
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i < 0) continue;
    const key = line.substring(0, i);
    const value = line.substring(i + 1);
    if (key === 'version') version = parseInt(value, 16);
    else if (key.startsWith('server.')) servers.push(parseQuorumServer(parseLong(key.substring(7)), value));
  }
  return { servers, version };
}

/**
 * QuorumPeer.getLastSeenQuorumVerifier(): the newest config this server has seen — a reconfig
 * PROPOSAL it logged (Follower/Learner: setLastSeenQuorumVerifier on the PROPOSAL), the one its
 * leader proposed, or the NEWLEADER packet's — else its committed one (getQuorumVerifier()).
 * Ahead of the committed one while a reconfig is in flight.
 */
export function lastSeenConfig(peer: QuorumPeer): DynamicConfig {
  const active = activeConfig(peer.config);
  const seen = peer.lastSeen;
  return seen && seen.version > active.version ? seen : active;
}

/** QuorumPeer.setLastSeenQuorumVerifier: a newer config seen (zoo.cfg.dynamic.next in 3.8). */
export function seeConfig(peer: QuorumPeer, d: DynamicConfig): void {
  if (d.version > lastSeenConfig(peer).version) peer.lastSeen = d;
}

/** The last seen config a disk implies at start: the newest reconfig txn logged beyond the committed config. */
export function lastSeenOnDisk(log: readonly LoggedTxn[], active: DynamicConfig): DynamicConfig | undefined {
  let seen: DynamicConfig | undefined;
  for (const t of log) {
    if (t.zxid <= active.version) continue;
    const d = reconfigOf(t);
    if (d && d.version > (seen?.version ?? active.version)) seen = d;
  }
  return seen;
}

/** The reconfig txn's new config (its SetDataTxn data), or null for any other txn. */
export function reconfigOf(t: LoggedTxn): DynamicConfig | null {
  const r = (t.txn as Txn).record;
  if (r.type !== 'setData' || r.reconfig !== true || r.data === null) return null;
  return configFromString(new TextDecoder().decode(r.data));
}

/**
 * Adopt `d` (if newer than the active config): the peer's voters/observers and learner type change,
 * zoo.cfg.dynamic is written, /zookeeper/config is rewritten (initConfigInZKDatabase). Returns
 * whether this server's own role changed (processReconfig's "majorChange": the learner then
 * reconnects in its new role).
 */
export function activateConfig(peer: QuorumPeer, d: DynamicConfig, ctx: PeerContext): boolean {
  if (d.version <= activeConfig(peer.config).version && peer.config.dynamic) return false;
  peer.config = withConfig(peer.config, d);
  if (peer.lastSeen && peer.lastSeen.version <= d.version) delete peer.lastSeen;
  ctx.persist({ op: 'dynamicConfig', config: d });
  const db = peer.zab.db;
  if (db) initConfigNode(db.tree, new TextEncoder().encode(configText(d)), d.version, peer.config.clockOriginMs + ctx.now);
  const type = learnerTypeIn(d, peer.myid, peer.learnerType);
  const changed = type !== peer.learnerType;
  peer.learnerType = type;
  return changed;
}
