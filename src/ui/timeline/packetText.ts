/** One packet of the diagram as a line of text, the way `lab log` prints it (tooltips, text view). */
import { formatTime } from '../../cli/lab.ts';
import { packetLogLine, useLabStore } from '../../store/index.ts';
import { t } from '../strings.ts';
import { endpointLabel } from './spaceTimeDrawer.ts';
import type { PacketRec } from './traceIndex.ts';

export function packetText(p: PacketRec): string {
  const at = p.status === 'delivered' ? p.end : p.sentAt;
  const names = useLabStore.getState().protocol.names;
  const line =
    p.msg === null
      ? `${formatTime(at)} ${endpointLabel(p.from, names)}->${endpointLabel(p.to, names)} ${p.type}`
      : packetLogLine({ t: at, kind: 'deliver', id: p.id, from: p.from, to: p.to, channel: p.channel, msg: p.msg, sentAt: p.sentAt });
  switch (p.status) {
    case 'delivered':
      return line;
    case 'flight':
      return line + t.timelineInFlight(formatTime(p.deliverAt));
    case 'held':
      return line + t.timelineHeld;
    case 'dropped':
      return line + t.timelineDropped(formatTime(p.end), p.dropReason ?? '');
  }
}
