/**
 * A packet's colour and the group it is filtered and named by: its protocol phase where the
 * protocol's description names its packets (Paxos: phase 1, phase 2, NACK …; the colours are the
 * description's), else ZooKeeper's packet families (./packetStyle.ts), whose description lists none.
 */
import type { ProtocolInfo } from '../../store/index.ts';
import { FAMILY_COLORS, FAMILY_EXAMPLES, packetFamily } from './packetStyle.ts';
import { t, tr } from '../strings.ts';

export interface PacketGroup {
  id: string;
  colour: string;
  /** Its name in the current language. */
  label(): string;
  /** Packet types of the group, for a hover title. */
  examples: string;
}

export interface PacketPalette {
  /** The group of a packet type (`phase1`, `election` …). */
  group(type: string): string;
  colour(type: string): string;
  groups: PacketGroup[];
}

const zkPalette: PacketPalette = {
  group: packetFamily,
  colour: (type) => FAMILY_COLORS[packetFamily(type)],
  groups: FAMILY_EXAMPLES.map(([family, examples]) => ({ id: family, colour: FAMILY_COLORS[family], label: () => t.packetFamilies[family], examples })),
};

const cache = new WeakMap<ProtocolInfo, PacketPalette>();

export function paletteOf(info: ProtocolInfo): PacketPalette {
  if (info.phases.length === 0) return zkPalette;
  let p = cache.get(info);
  if (p) return p;
  const colours = new Map(info.phases.map((ph) => [ph.id, ph.colour]));
  const fallback = info.phases[0]!.id;
  const group = (type: string) => info.packetPhase[type] ?? fallback;
  p = {
    group,
    colour: (type) => colours.get(group(type)) ?? '#64748b',
    groups: info.phases.map((ph) => ({
      id: ph.id,
      colour: ph.colour,
      label: () => tr(ph.key),
      examples: Object.entries(info.packetPhase).filter(([, phase]) => phase === ph.id).map(([type]) => type).join(' · '),
    })),
  };
  cache.set(info, p);
  return p;
}
