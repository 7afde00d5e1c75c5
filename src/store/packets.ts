/**
 * Packets in flight as the cluster view draws them: read straight from `sim.inFlight()` by the
 * frame loop (never through React state), with the formatting that needs src/protocol kept here.
 */
import { serverName } from '../cli/lab.ts';
import { hex } from '../protocol/zxid.ts';
import type { InFlight } from '../sim/simulation.ts';
import type { WireMessage } from '../protocol/QuorumPeer.ts';

export type { InFlight };

/** The packet's type as ZooKeeper names it; FIN is a closed connection. */
export function packetTypeOf(p: InFlight): string {
  return p.msg === null ? 'FIN' : p.msg.type;
}

/** One line about a packet, like `lab log` prints it (for tooltips and inspectors). */
export function describePacket(p: InFlight): string {
  const head = `${serverName(p.from)} → ${serverName(p.to)} ${packetTypeOf(p)}`;
  // (Client connections, once they travel the bus, are described by their packet type.)
  const m = p.msg as WireMessage | null;
  if (m === null) return `${head} (${p.channel} connection closed)`;
  if (m.type === 'NOTIFICATION') {
    const leader = m.leader < 0 ? 'none' : serverName(m.leader);
    const peerEpoch = m.peerEpoch < 0 ? hex(m.peerEpoch) : String(m.peerEpoch);
    return `${head} ${m.state} leader=${leader} zxid=${hex(m.zxid)} electionEpoch=${m.electionEpoch} peerEpoch=${peerEpoch}`;
  }
  return 'zxid' in m && typeof m.zxid === 'number' ? `${head} zxid=${hex(m.zxid)}` : head;
}
