/**
 * How the lab's page shows Multi-Paxos (src/protocol/registry.ts LabProtocolViews): each replica's
 * card (role, ballot, leader, promise and its watermarks), its packets' fields, the event log's
 * categories, the step buttons and the slot grid. Pure helpers over the world's data.
 */
import type { StructuredText } from '../../sim/module.ts';
import type { LabSetup, Simulation } from '../../sim/simulation.ts';
import type { NodeId } from '../../sim/node.ts';
import type { CardField, LabProtocolViews, ProcessCardData } from '../registry.ts';
import { formatBallot, formatValue } from './ballot.ts';
import { slotGridPanel } from './grid.ts';
import { multiPaxosDescription } from './module.ts';
import { statusLines } from './view.ts';
import {
  MULTIPAXOS_LIMITS, nodeIdOf, type MpDisk, type MpEvent, type MpMsg, type MultiPaxosConfig, type MultiPaxosView,
} from './types.ts';

const range = ([lo, hi]: readonly [number, number]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

export function multiPaxosCard(sim: Simulation, sid: NodeId): ProcessCardData {
  const cfg = sim.setup.config as MultiPaxosConfig;
  const slot = sim.slot(sid);
  const view = slot.up ? (slot.view as MultiPaxosView | null) : null;
  const summary = statusLines(cfg, sid, view).map((l) => l.trim()).join(' · ');
  if (!slot.up) {
    const disk = slot.disk as MpDisk;
    const top = Math.max(0, ...Object.keys(disk.accepted).map(Number));
    return {
      role: 'DOWN',
      summary,
      fields: [
        { label: 'card.promised', value: formatBallot(disk.promised), title: 'disk' },
        { label: 'card.acceptedUpTo', value: String(top), title: 'disk' },
      ],
    };
  }
  if (view === null) return { role: 'follower', fields: [], summary };
  const chosen: StructuredText = view.highestChosen > view.chosenUpTo
    ? { key: 'card.chosenAheadValue', values: { chosen: view.chosenUpTo, highest: view.highestChosen, executed: view.executed } }
    : { key: 'card.chosenValue', values: { chosen: view.chosenUpTo, executed: view.executed } };
  // Its own ballot as candidate or leader is the one it promised; the role chip says which it is.
  const fields: CardField[] = [
    { label: 'card.leader', value: view.leader === null ? '—' : `${view.leader} (${view.leaderBallot ?? '—'})` },
    { label: 'card.promised', value: view.promised ?? '—' },
    { label: 'card.acceptedUpTo', value: String(view.highestAccepted) },
    { label: 'card.chosenUpTo', value: chosen },
  ];
  return { role: view.role, fields, summary };
}

function describe(msg: unknown): string {
  const m = msg as MpMsg;
  switch (m.type) {
    case 'PREPARE':
      return `ballot=${formatBallot(m.ballot)} fromSlot=${m.fromSlot}`;
    case 'PROMISE':
      return `ballot=${formatBallot(m.ballot)} fromSlot=${m.fromSlot} accepted=[${m.accepted.map((a) => `${a.slot}:(${formatBallot(a.ballot)}, ${formatValue(a.value)})`).join(' ')}] chosenUpTo=${m.chosenUpTo}`;
    case 'NACK':
      return `ballot=${formatBallot(m.ballot)} promised=${formatBallot(m.promised)}`;
    case 'ACCEPT':
      return `ballot=${formatBallot(m.ballot)} slot=${m.slot} value=${formatValue(m.value)}`;
    case 'ACCEPTED':
      return `ballot=${formatBallot(m.ballot)} slot=${m.slot}`;
    case 'CHOSEN':
      return `slot=${m.slot} value=${formatValue(m.value)}`;
    case 'HEARTBEAT':
      return `ballot=${formatBallot(m.ballot)} chosenUpTo=${m.chosenUpTo}`;
    case 'CATCHUP':
      return `fromSlot=${m.fromSlot}`;
  }
}

const CATEGORY: Record<MpEvent['kind'], string> = {
  'election-timeout': 'election',
  prepare: 'election',
  promise: 'election',
  nack: 'election',
  leader: 'election',
  'stepped-down': 'election',
  follow: 'election',
  reproposed: 'phase2',
  'noop-filled': 'phase2',
  'accept-sent': 'phase2',
  accepted: 'phase2',
  chosen: 'chosen',
  'chosen-out-of-order': 'chosen',
  executed: 'chosen',
  redirect: 'client',
};

function eventProcesses(event: unknown, setup: LabSetup): NodeId[] {
  const cfg = setup.config as MultiPaxosConfig;
  const ev = event as MpEvent;
  const names: string[] = [];
  if ('to' in ev) names.push(ev.to);
  if ('from' in ev && typeof ev.from === 'string') names.push(ev.from);
  if ('leader' in ev && typeof ev.leader === 'string') names.push(ev.leader);
  if ('lastLeader' in ev && ev.lastLeader !== null) names.push(ev.lastLeader);
  if ('promises' in ev) names.push(...ev.promises);
  if ('by' in ev) names.push(...ev.by);
  if ('reportedBy' in ev) names.push(...ev.reportedBy);
  return names.map((n) => nodeIdOf(cfg, n)).filter((id): id is NodeId => id !== null);
}

function roleAfter(event: unknown): string | null {
  switch ((event as MpEvent).kind) {
    case 'election-timeout':
      return 'candidate';
    case 'leader':
      return 'leader';
    case 'stepped-down':
    case 'follow':
      return 'follower';
    default:
      return null;
  }
}

export const multiPaxosViews: LabProtocolViews = {
  title: 'Multi-Paxos',
  settings: [{ key: 'replicas', values: range(MULTIPAXOS_LIMITS.replicas) }],
  stepTargets: [
    { id: 'prepare', lab: 'PREPARE' },
    { id: 'accept', lab: 'ACCEPT' },
    { id: 'chosen', lab: 'CHOSEN' },
    { id: 'leader', matcher: () => (e) => e.kind === 'event' && (e.event as MpEvent).kind === 'leader' },
  ],
  breakpointKinds: multiPaxosDescription.packets.map((p) => p.type),
  commands: ['propose'],
  usage: ['propose VALUE   (to the leader)', 'propose rK VALUE   (to replica rK: a follower answers with its leader)'],
  processCard: multiPaxosCard,
  describeMessage: describe,
  laneRoles: { atStart: () => 'follower', after: roleAfter },
  eventCategories: ['election', 'phase2', 'chosen', 'client', 'fault'],
  eventCategory: (event) => CATEGORY[(event as MpEvent).kind] ?? 'election',
  eventProcesses,
  panels: [{ id: 'multipaxos', create: slotGridPanel }],
  roleKey: (role) => `multipaxos.role.${role}`,
  phaseKey: (phase) => `multipaxos.phase.${phase}`,
};
