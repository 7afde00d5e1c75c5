/**
 * A server's role and ZAB phase as a statechart (docs/architecture.md): DOWN → LOOKING →
 * FOLLOWING / LEADING / OBSERVING, and inside each role ZAB's DISCOVERY → SYNCHRONIZATION →
 * BROADCAST. The inspector draws it from this definition and lights the current state.
 *
 * It is driven from what the server shows (its PeerView's state and ZAB phase), never from
 * timers: one `VIEW` event per change, through xstate's pure `transition()` (`roleStateFor`).
 * The transitions a server takes in ZooKeeper are the drawn ones; a root-level catch-all keeps
 * the chart in step when the lab jumps (a rewind, or several changes between two looks).
 */
import { initialTransition, setup, transition, type SnapshotFrom } from 'xstate';
import type { ServerState } from '../protocol/types.ts';
import type { ZabPhase } from '../protocol/zab/Zab.ts';

export type RoleViewState = ServerState | 'DOWN';

export interface RoleView {
  state: RoleViewState;
  /** ZAB's phase; null (or NONE) while LOOKING or down. */
  phase: ZabPhase | null;
}

export type RoleEvent = { type: 'VIEW' } & RoleView;

const ROLES = ['FOLLOWING', 'LEADING', 'OBSERVING'] as const;
export type RoleName = (typeof ROLES)[number];
export const PHASES = ['DISCOVERY', 'SYNCHRONIZATION', 'BROADCAST'] as const;
export type PhaseName = (typeof PHASES)[number];

const phaseOf = (e: RoleEvent): PhaseName => (e.phase === null || e.phase === 'NONE' ? 'DISCOVERY' : e.phase);

/** The phases inside one role: forward through ZAB, each step guarded by the view's phase. */
function phaseStates() {
  return {
    initial: 'DISCOVERY' as const,
    states: {
      DISCOVERY: { on: { VIEW: { guard: 'inSynchronization' as const, target: 'SYNCHRONIZATION' } } },
      SYNCHRONIZATION: { on: { VIEW: { guard: 'inBroadcast' as const, target: 'BROADCAST' } } },
      BROADCAST: {},
    },
  };
}

/** Where a view belongs, as a state path (`LEADING.BROADCAST`). */
export function statePathOf(view: RoleView): string {
  if (view.state === 'DOWN' || view.state === 'LOOKING') return view.state;
  return `${view.state}.${phaseOf({ type: 'VIEW', ...view })}`;
}

const leave = [
  { guard: 'isDown' as const, target: '#serverRole.DOWN' },
  { guard: 'isLooking' as const, target: '#serverRole.LOOKING' },
];

export const serverRoleMachine = setup({
  types: {
    events: {} as RoleEvent,
  },
  guards: {
    isDown: ({ event }) => event.state === 'DOWN',
    isLooking: ({ event }) => event.state === 'LOOKING',
    isFollowing: ({ event }) => event.state === 'FOLLOWING',
    isLeading: ({ event }) => event.state === 'LEADING',
    isObserving: ({ event }) => event.state === 'OBSERVING',
    inSynchronization: ({ event }) => phaseOf(event) === 'SYNCHRONIZATION' || phaseOf(event) === 'BROADCAST',
    inBroadcast: ({ event }) => phaseOf(event) === 'BROADCAST',
  },
}).createMachine({
  id: 'serverRole',
  initial: 'DOWN',
  states: {
    DOWN: {
      description: 'process not running (its disk survives)',
      on: { VIEW: { guard: 'isLooking', target: 'LOOKING' } },
    },
    LOOKING: {
      description: 'FastLeaderElection: exchanging votes',
      on: {
        VIEW: [
          { guard: 'isDown', target: 'DOWN' },
          { guard: 'isFollowing', target: 'FOLLOWING' },
          { guard: 'isLeading', target: 'LEADING' },
          { guard: 'isObserving', target: 'OBSERVING' },
        ],
      },
    },
    FOLLOWING: { description: 'a voter following the elected leader', on: { VIEW: leave }, ...phaseStates() },
    LEADING: { description: 'the elected leader', on: { VIEW: leave }, ...phaseStates() },
    OBSERVING: { description: 'a non-voting learner', on: { VIEW: leave }, ...phaseStates() },
  },
  // A jump the drawn transitions do not cover (LEADING → FOLLOWING after a rewind, say).
  on: {
    VIEW: [
      { guard: 'isDown', target: '.DOWN', meta: { hidden: true } },
      { guard: 'isLooking', target: '.LOOKING', meta: { hidden: true } },
      { guard: 'isFollowing', target: '.FOLLOWING', meta: { hidden: true } },
      { guard: 'isLeading', target: '.LEADING', meta: { hidden: true } },
      { guard: 'isObserving', target: '.OBSERVING', meta: { hidden: true } },
    ],
  },
});

export type ServerRoleSnapshot = SnapshotFrom<typeof serverRoleMachine>;

export function initialRoleSnapshot(): ServerRoleSnapshot {
  return initialTransition(serverRoleMachine)[0];
}

/** The active state as a dotted path (`DOWN`, `LOOKING`, `LEADING.BROADCAST`). */
export function activePath(snap: ServerRoleSnapshot): string {
  const v = snap.value;
  if (typeof v === 'string') return v;
  const [role, phase] = Object.entries(v)[0]!;
  return `${role}.${String(phase)}`;
}

/**
 * Feeds a view to the chart: takes the drawn transitions where they lead, several steps if the
 * server moved on more than one (LOOKING → LEADING → … BROADCAST). Pure.
 */
export function roleStateFor(snap: ServerRoleSnapshot, view: RoleView): ServerRoleSnapshot {
  const want = statePathOf(view);
  let s = snap;
  for (let i = 0; i < 5 && activePath(s) !== want; i++) {
    const [next] = transition(serverRoleMachine, s, { type: 'VIEW', ...view });
    if (next === s || activePath(next) === activePath(s)) break;
    s = next;
  }
  return s;
}

export const ROLE_STATES = ROLES;

/** The chart's states as dotted paths, parents before children (from the definition). */
export function roleChartStates(): string[] {
  const out: string[] = [];
  const walk = (node: { path: string[]; states: Record<string, unknown> }) => {
    for (const child of Object.values(node.states) as Array<{ path: string[]; states: Record<string, unknown> }>) {
      out.push(child.path.join('.'));
      walk(child);
    }
  };
  walk(serverRoleMachine.root as unknown as { path: string[]; states: Record<string, unknown> });
  return out;
}

/** The drawn transitions `from → to` (dotted paths), read from the definition; the root's catch-all is not drawn. */
export function roleChartEdges(): Array<{ from: string; to: string }> {
  const edges: Array<{ from: string; to: string }> = [];
  const seen = new Set<string>();
  for (const path of roleChartStates()) {
    const node = path.split('.').reduce((n, k) => n.states[k]!, serverRoleMachine.root);
    for (const defs of node.transitions.values()) {
      for (const d of defs) {
        for (const target of d.target ?? []) {
          const to = target.path.join('.');
          const key = `${path}>${to}`;
          if (!seen.has(key)) {
            seen.add(key);
            edges.push({ from: path, to });
          }
        }
      }
    }
  }
  return edges;
}
