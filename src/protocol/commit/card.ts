/**
 * How the lab's page shows 2PC and 3PC (src/protocol/registry.ts LabProtocolViews): each process's
 * card (role, the newest transaction, its vote, the outcome and whether it holds its locks), its
 * packets' fields, the event log's categories and the step buttons. Pure helpers over the world's data.
 */
import type { LabSetup, Simulation } from '../../sim/simulation.ts';
import type { NodeId } from '../../sim/node.ts';
import type { CardField, LabProtocolViews, ProcessCardData } from '../registry.ts';
import { commitDescription } from './module.ts';
import { statusLine } from './view.ts';
import {
  COMMIT_LIMITS, COORDINATOR, nodeIdOf, type CommitConfig, type CommitDisk, type CommitEvent, type CommitMsg, type CommitVariant,
  type CommitView,
} from './types.ts';

const range = ([lo, hi]: readonly [number, number]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/** The role a process's card and lane show: the coordinator, or a participant's state in its newest transaction. */
export function commitRole(view: CommitView): string {
  if (view.role === 'coordinator') return 'coordinator';
  const last = view.txns.at(-1);
  if (!last) return 'idle';
  if (last.blocked) return 'blocked';
  return last.state;
}

export function commitCard(sim: Simulation, sid: NodeId): ProcessCardData {
  const cfg = sim.setup.config as CommitConfig;
  const slot = sim.slot(sid);
  const view = slot.up ? (slot.view as CommitView | null) : null;
  const disk = slot.disk as CommitDisk;
  const summary = statusLine(cfg, sid, view, disk);
  if (!slot.up) {
    const last = disk.order.at(-1);
    const log = last === undefined ? undefined : disk.log[last];
    const fields: CardField[] = [{ label: 'card.txn', value: last ?? '—', title: 'disk' }];
    if (log && sid !== COORDINATOR) fields.push({ label: 'card.vote', value: log.vote ?? '—', title: 'disk' });
    if (log) fields.push({ label: 'card.decision', value: log.decision ?? '—', title: 'disk' });
    return { role: 'DOWN', summary, fields };
  }
  if (view === null) return { role: sid === COORDINATOR ? 'coordinator' : 'idle', fields: [], summary };
  const role = commitRole(view);
  const last = view.txns.at(-1);
  if (!last) return { role, summary, fields: [{ label: 'card.txn', value: '—' }] };
  const fields: CardField[] = [
    { label: 'card.txn', value: last.txn },
    { label: 'card.phase', value: view.role === 'coordinator' ? last.state : { key: `commit.role.${last.blocked ? 'blocked' : last.state}` } },
  ];
  if (view.role === 'coordinator') fields.push({ label: 'card.vote', value: last.votes ?? '—' });
  else {
    fields.push({ label: 'card.vote', value: last.vote ?? '—' });
    fields.push({ label: 'card.locks', value: { key: last.locks ? 'card.locksHeld' : 'card.locksFree' } });
  }
  fields.push({ label: 'card.decision', value: last.decision ?? '—' });
  return { role, fields, summary };
}

function describe(msg: unknown): string {
  const m = msg as CommitMsg;
  if (m.type === 'ACK') return `txn=${m.txn} of=${m.of}`;
  if (m.type === 'DECISION') return `txn=${m.txn} state=${m.state}`;
  return `txn=${m.txn}`;
}

const CATEGORY: Record<CommitEvent['kind'], string> = {
  begin: 'vote',
  voted: 'vote',
  'vote-armed': 'vote',
  'vote-timeout': 'vote',
  precommit: 'decision',
  decided: 'decision',
  completed: 'decision',
  ask: 'termination',
  recovered: 'termination',
};

function eventProcesses(event: unknown, setup: LabSetup): NodeId[] {
  const cfg = setup.config as CommitConfig;
  const ev = event as CommitEvent;
  const names: string[] = [];
  if (ev.kind === 'decided' && ev.from !== null) names.push(ev.from);
  if (ev.kind === 'ask') names.push(...ev.asked);
  if (ev.kind === 'vote-timeout') names.push(...ev.missing);
  return names.map((n) => nodeIdOf(cfg, n)).filter((id): id is NodeId => id !== null);
}

function roleAfter(event: unknown): string | null {
  const ev = event as CommitEvent;
  if (ev.node === 'c') return 'coordinator';
  switch (ev.kind) {
    case 'voted':
      return ev.vote === 'yes' ? 'uncertain' : null;
    case 'precommit':
      return 'precommitted';
    case 'ask':
      return 'blocked';
    case 'decided':
      return ev.outcome === 'commit' ? 'committed' : 'aborted';
    default:
      return null;
  }
}

export function commitViews(variant: CommitVariant): LabProtocolViews {
  const description = commitDescription(variant);
  return {
    title: variant === '2pc' ? '2PC' : '3PC',
    settings: [{ key: 'participants', values: range(COMMIT_LIMITS.participants) }],
    stepTargets: [
      { id: 'vote', lab: variant === '2pc' ? 'VOTE-REQUEST' : 'CAN-COMMIT' },
      ...(variant === '3pc' ? [{ id: 'precommit', lab: 'PRE-COMMIT' }] : []),
      { id: 'decided', matcher: () => (e) => e.kind === 'event' && (e.event as CommitEvent).kind === 'decided' },
    ],
    breakpointKinds: ['role', ...description.packets.map((p) => p.type)],
    commands: ['begin', 'vote'],
    usage: [
      'begin T   (coordinator c starts transaction T: logs it and asks every participant to vote; T: 1-32 letters, digits, _ . -)',
      'vote pK no   (participant pK votes no on the next transaction it is asked about, so that transaction aborts)',
      'vote pK yes   (undoes vote pK no: pK votes yes again, as every participant does by default)',
    ],
    processCard: commitCard,
    describeMessage: describe,
    laneRoles: { atStart: (_setup, sid) => (sid === COORDINATOR ? 'coordinator' : 'idle'), after: roleAfter },
    eventCategories: ['vote', 'decision', 'termination', 'fault'],
    eventCategory: (event) => CATEGORY[(event as CommitEvent).kind] ?? 'vote',
    eventProcesses,
    panels: [],
    roleKey: (role) => `commit.role.${role}`,
    phaseKey: (phase) => `commit.phase.${phase}`,
  };
}
