/**
 * Liveness, judged at one moment (the soak asks it repeatedly after the faults heal): every
 * server runs, exactly one leader is established and serving, every other server serves under
 * it in the same epoch, and all DataTrees are equal. Returns null when that holds, else why not.
 */
import type { QuorumPeer } from '../QuorumPeer.ts';
import type { Sid } from '../types.ts';
import type { ZkSimulation } from '../zookeeper.ts';
import { sameJson } from './invariants.ts';

export function livenessProblem(sim: ZkSimulation, peers: (sid: Sid) => QuorumPeer | undefined, allowDown: readonly Sid[] = []): { servers: Sid[]; message: string } | null {
  const down = [...sim.servers.values()].filter((s) => !s.up && !allowDown.includes(s.sid)).map((s) => s.sid);
  if (down.length > 0) return { servers: down, message: `${down.map((s) => `zk${s}`).join(', ')} not running` };
  const all = [...sim.servers.values()].filter((s) => s.up).map((s) => ({ sid: s.sid, peer: peers(s.sid) }));
  const leaders = all.filter((x) => x.peer?.zab.leader && x.peer.zab.phase === 'BROADCAST' && x.peer.zab.serving);
  if (leaders.length !== 1) {
    return { servers: leaders.map((l) => l.sid), message: leaders.length === 0 ? 'no leader is established and serving' : `${leaders.length} leaders are serving` };
  }
  const leader = leaders[0]!;
  const epoch = leader.peer!.zab.epoch;
  const lagging = all.filter((x) => !x.peer || !x.peer.zab.serving || x.peer.zab.epoch !== epoch || (x.sid !== leader.sid && x.peer.zab.leaderSid !== leader.sid));
  if (lagging.length > 0) return { servers: lagging.map((x) => x.sid), message: `${lagging.map((x) => `zk${x.sid}`).join(', ')} not serving under leader zk${leader.sid} in epoch ${epoch}` };
  // /zookeeper/config is written when each server loads its database (its ctime differs), not by a txn.
  const treeOf = (p: QuorumPeer) => [...(p.zab.db?.tree.nodes ?? [])].filter(([path]) => path !== '/zookeeper/config');
  const ref = treeOf(leader.peer!);
  // Compared as their stableJson texts would be, without building them.
  const differ = all.filter((x) => x.sid !== leader.sid && !sameJson(treeOf(x.peer!), ref));
  if (differ.length > 0) return { servers: differ.map((x) => x.sid), message: `${differ.map((x) => `zk${x.sid}`).join(', ')} DataTree differs from leader zk${leader.sid}'s` };
  return null;
}
