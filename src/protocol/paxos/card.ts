/**
 * How the lab's page shows Basic Paxos (src/protocol/registry.ts LabProtocolViews): each process's
 * card, its packets' fields, the event log's categories, the step buttons and the Paxos panel.
 * Pure helpers over the world's data; the views render them without knowing Paxos.
 */
import type { LabSetup, Simulation } from '../../sim/simulation.ts';
import type { NodeId } from '../../sim/node.ts';
import type { CardField, LabProtocolViews, ProcessCardData } from '../registry.ts';
import { formatBallot, formatProposal } from './ballot.ts';
import type { PaxosTraceEntry } from './checker.ts';
import { chosenMatcher } from './grid.ts';
import { paxosDescription } from './module.ts';
import { paxosPanel } from './panel.ts';
import { statusLine } from './PaxosNode.ts';
import {
  nodeIdOf, PAXOS_LIMITS, RETRY_POLICIES, roleOf, type PaxosConfig, type PaxosDisk, type PaxosEvent, type PaxosMsg, type PaxosView,
} from './types.ts';

const range = ([lo, hi]: readonly [number, number]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

export function paxosCard(sim: Simulation, sid: NodeId): ProcessCardData {
  const cfg = sim.setup.config as PaxosConfig;
  const slot = sim.slot(sid);
  const view = slot.up ? (slot.view as PaxosView | null) : null;
  const role = roleOf(cfg, sid);
  const summary = statusLine(cfg, sid, view);
  if (!slot.up) {
    // What it would come back with: an acceptor's promise and accepted proposal are on disk.
    const disk = slot.disk as PaxosDisk;
    const fields: CardField[] = role === 'acceptor'
      ? [
        { label: 'card.promised', value: formatBallot(disk.promised), title: 'disk' },
        { label: 'card.accepted', value: formatProposal(disk.accepted), title: 'disk' },
      ]
      : [];
    return { role: 'DOWN', fields, summary };
  }
  if (view === null) return { role, fields: [], summary };
  switch (view.role) {
    case 'acceptor':
      return {
        role,
        summary,
        fields: [
          { label: 'card.promised', value: formatBallot(view.promised) },
          { label: 'card.accepted', value: formatProposal(view.accepted) },
        ],
      };
    case 'learner':
      return {
        role,
        summary,
        fields: [{ label: 'card.learned', value: view.learned === null ? '—' : `${view.learned.value} (${formatBallot(view.learned.ballot)})` }],
      };
    case 'proposer': {
      const value = view.phase === 'done' ? view.chosen?.value ?? null : view.phase === 'accept' ? view.proposal : view.value;
      const fields: CardField[] = [
        { label: 'card.phase', value: { key: `paxos.proposerPhase.${view.phase}` } },
        { label: 'card.ballot', value: formatBallot(view.ballot) },
        { label: 'card.value', value: value ?? '—' },
        { label: 'card.promises', value: view.promises.length === 0 ? '—' : view.promises.join(',') },
      ];
      return { role, summary, fields };
    }
  }
}

function describe(msg: unknown): string {
  const m = msg as PaxosMsg;
  switch (m.type) {
    case 'PREPARE':
      return `ballot=${formatBallot(m.ballot)}`;
    case 'PROMISE':
      return `ballot=${formatBallot(m.ballot)} accepted=${formatProposal(m.accepted)}`;
    case 'ACCEPT':
    case 'ACCEPTED':
      return `ballot=${formatBallot(m.ballot)} value=${m.value}`;
    case 'NACK':
      return `ballot=${formatBallot(m.ballot)} promised=${formatBallot(m.promised)}`;
  }
}

const CATEGORY: Record<PaxosEvent['kind'], string> = {
  propose: 'phase1',
  prepare: 'phase1',
  promise: 'phase1',
  'nack-sent': 'nack',
  preempted: 'nack',
  retry: 'nack',
  'stand-back': 'nack',
  'accept-sent': 'phase2',
  'value-replaced': 'phase2',
  accepted: 'phase2',
  'chosen-known': 'chosen',
  learned: 'chosen',
  forgot: 'fault',
};

/** The other processes an event names (its `to`, `by`, `acceptors`, `promises`, `reportedBy`). */
function eventProcesses(event: unknown, setup: LabSetup): NodeId[] {
  const cfg = setup.config as PaxosConfig;
  const ev = event as PaxosEvent;
  const names: string[] = [];
  if ('to' in ev && typeof ev.to === 'string' && ev.kind !== 'value-replaced') names.push(ev.to);
  if ('by' in ev) names.push(ev.by);
  if ('acceptors' in ev) names.push(...ev.acceptors);
  if ('promises' in ev) names.push(...ev.promises);
  if ('reportedBy' in ev) names.push(...ev.reportedBy);
  if ('leader' in ev) names.push(ev.leader);
  return names.map((n) => nodeIdOf(cfg, n)).filter((id): id is NodeId => id !== null);
}

export const paxosViews: LabProtocolViews = {
  title: 'Paxos',
  settings: [
    { key: 'acceptors', values: range(PAXOS_LIMITS.acceptors) },
    { key: 'proposers', values: range(PAXOS_LIMITS.proposers) },
    { key: 'learners', values: range(PAXOS_LIMITS.learners) },
    { key: 'retry', values: RETRY_POLICIES },
  ],
  stepTargets: [
    { id: 'prepare', lab: 'PREPARE' },
    { id: 'accept', lab: 'ACCEPT' },
    { id: 'chosen', matcher: (sim) => chosenMatcher(sim.trace as readonly PaxosTraceEntry[], sim.setup.config as PaxosConfig) as (e: unknown) => boolean },
  ],
  breakpointKinds: paxosDescription.packets.map((p) => p.type),
  commands: ['propose'],
  usage: ['propose P VALUE   (P a proposer: p1, p2 …; it starts a ballot with its next ballot number)'],
  processCard: paxosCard,
  describeMessage: describe,
  laneRoles: {
    atStart: (setup, sid) => roleOf(setup.config as PaxosConfig, sid),
    after: () => null,
  },
  eventCategories: ['phase1', 'phase2', 'nack', 'chosen', 'fault'],
  eventCategory: (event) => CATEGORY[(event as PaxosEvent).kind] ?? 'phase1',
  eventProcesses,
  panels: [{ id: 'paxos', create: paxosPanel }],
  roleKey: (role) => `paxos.role.${role}`,
  phaseKey: (phase) => `paxos.packetPhase.${phase}`,
};
