/**
 * The trace: every event of a run, in order. Its running hash identifies a run; two runs with
 * the same (config, seed, actions) have the same hash, byte for byte (docs/architecture.md). The kernel's
 * entries are the same for every protocol; a protocol fills in its messages, events, requests,
 * replies and (where it has clients stepped by the lab) its clients' notices.
 */
import type { NodeId } from './node.ts';

export type TraceEntryOf<Msg, Ev, Req = unknown, Reply = unknown, Notice = unknown, Ch extends string = string, Act = unknown> =
  | { t: number; kind: 'send'; id: number; from: NodeId; to: NodeId; channel: Ch; msg: Msg; deliverAt: number }
  | { t: number; kind: 'deliver'; id: number; from: NodeId; to: NodeId; channel: Ch; msg: Msg; sentAt: number }
  | { t: number; kind: 'drop'; id: number; from: NodeId; to: NodeId; channel: Ch; msg: Msg | null; reason: DropReason }
  | { t: number; kind: 'hold'; id: number; from: NodeId; to: NodeId }
  | { t: number; kind: 'reset'; from: NodeId; to: NodeId; channel: Ch }
  | { t: number; kind: 'timer'; sid: NodeId; name: string }
  | { t: number; kind: 'crash'; sid: NodeId; reason: string }
  | { t: number; kind: 'start'; sid: NodeId }
  | { t: number; kind: 'wipe'; sid: NodeId }
  /** A user action: its text, and the action itself as data (what views read; the text is for people). */
  | { t: number; kind: 'action'; text: string; action?: Act }
  | { t: number; kind: 'event'; sid: NodeId; event: Ev }
  | { t: number; kind: 'request'; sid: NodeId; req: Req }
  | { t: number; kind: 'reply'; sid: NodeId; reply: Reply }
  | { t: number; kind: 'notice'; cid: number; notice: Notice };

/** Why a packet never arrived: its target was down, its connection closed, or (datagrams) the network lost it. */
export type DropReason = 'down' | 'connection-closed' | 'restarted' | 'lost' | 'cut';

export function packetType(msg: { type: string } | null): string {
  if (msg === null) return 'FIN';
  return msg.type;
}
