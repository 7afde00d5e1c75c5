/**
 * The trace: every event of a run, in order. Its running hash identifies a run; two runs with
 * the same (config, seed, actions) have the same hash, byte for byte (DESIGN.md §1).
 */
import type { PeerEvent, WireMessage } from '../protocol/QuorumPeer.ts';
import type { ClientReply, ClientRequest } from '../protocol/zab/Zab.ts';
import type { ClientNotice } from '../protocol/client/ClientCnxn.ts';
import type { Channel, Sid } from '../protocol/types.ts';

export type TraceEntry =
  | { t: number; kind: 'send'; id: number; from: Sid; to: Sid; channel: Channel; msg: WireMessage; deliverAt: number }
  | { t: number; kind: 'deliver'; id: number; from: Sid; to: Sid; channel: Channel; msg: WireMessage; sentAt: number }
  | { t: number; kind: 'drop'; id: number; from: Sid; to: Sid; channel: Channel; msg: WireMessage | null; reason: DropReason }
  | { t: number; kind: 'hold'; id: number; from: Sid; to: Sid }
  | { t: number; kind: 'reset'; from: Sid; to: Sid; channel: Channel }
  | { t: number; kind: 'timer'; sid: Sid; name: string }
  | { t: number; kind: 'crash'; sid: Sid; reason: string }
  | { t: number; kind: 'start'; sid: Sid }
  | { t: number; kind: 'wipe'; sid: Sid }
  | { t: number; kind: 'action'; text: string }
  | { t: number; kind: 'event'; sid: Sid; event: PeerEvent }
  | { t: number; kind: 'request'; sid: Sid; req: ClientRequest }
  | { t: number; kind: 'reply'; sid: Sid; reply: ClientReply }
  | { t: number; kind: 'notice'; cid: number; notice: ClientNotice };

export type DropReason = 'down' | 'connection-closed' | 'restarted';

export function packetType(msg: WireMessage | null): string {
  if (msg === null) return 'FIN';
  return msg.type;
}
