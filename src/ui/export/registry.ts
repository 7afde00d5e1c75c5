/**
 * The drawers on the page that an export reads (the ring's packet canvas, the space-time
 * diagram): each registers itself while it is mounted, so the export draws exactly what they show.
 */
import type { PacketDrawer } from '../cluster/packetDrawer.ts';
import type { SpaceTimeDrawer } from '../timeline/spaceTimeDrawer.ts';

let packets: PacketDrawer | null = null;
let spaceTime: SpaceTimeDrawer | null = null;

/** Registers the ring's packet drawer; the returned function unregisters it. */
export function registerPacketDrawer(d: PacketDrawer): () => void {
  packets = d;
  return () => {
    if (packets === d) packets = null;
  };
}

/** Registers the space-time diagram's drawer; the returned function unregisters it. */
export function registerSpaceTime(d: SpaceTimeDrawer): () => void {
  spaceTime = d;
  return () => {
    if (spaceTime === d) spaceTime = null;
  };
}

export function packetDrawer(): PacketDrawer | null {
  return packets;
}

export function spaceTimeDrawer(): SpaceTimeDrawer | null {
  return spaceTime;
}
