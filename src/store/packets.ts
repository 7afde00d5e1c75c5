/**
 * Packets in flight as the cluster view draws them: read straight from `sim.inFlight()` by the
 * frame loop (never through React state), with the formatting that needs src/protocol kept here:
 * the protocol names its processes and says what a packet carries (registry describeMessage).
 */
import type { InFlight } from '../sim/simulation.ts';
import { currentSession } from './session.ts';

export type { InFlight };

/** The packet's type as the protocol names it; FIN is a closed connection. */
export function packetTypeOf(p: InFlight): string {
  return p.msg === null ? 'FIN' : p.msg.type;
}

/** One line about a packet, like `lab log` prints it (for tooltips and inspectors). */
export function describePacket(p: InFlight): string {
  const rt = currentSession()?.runtime;
  const name = (id: number) => rt?.setup.name(id) ?? `zk${id}`;
  const head = `${name(p.from)} → ${name(p.to)} ${packetTypeOf(p)}`;
  if (p.msg === null) return `${head} (${p.channel} connection closed)`;
  const detail = rt ? rt.protocol.describeMessage(p.msg) : '';
  return detail === '' ? head : `${head} ${detail}`;
}
