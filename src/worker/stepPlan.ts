/**
 * Plans for the worker host (WorkerHost.planner): the inputs a process will get next, read from
 * the kernel's queue as the simulation would admit them (Simulation.admit), in (at, seq) order,
 * up to a time. A plan is a guess: the simulation still decides every input, and an input that
 * differs from the plan only costs the worker a rewind (WorkerHost) — never a different run.
 *
 * Guessing well: nothing another process sends now arrives sooner than the links' fixed latency
 * (`latencyMs`), so the inputs already queued for a process within that horizon are, as a rule,
 * exactly its next inputs; its own timers and messages to itself may still come between.
 */
import type { StepRequest } from '../sim/host.ts';
import type { NodeId } from '../sim/node.ts';
import type { SimEvent, Simulation } from '../sim/simulation.ts';

/** A queued event of the kernel's, read and never changed; a wrong look only costs a rewind. */
type Queued = SimEvent;

/** Longest plan: a process's inputs beyond this many go one by one. */
const MAX_PLAN = 32;

/**
 * A planner for `sim` up to simulated time `until`: for process `sid`, its queued inputs due no
 * later than `until` and than the links' fixed latency from now (the current input excluded: it
 * has left the queue).
 */
export function plannerFor(sim: Simulation, until: number): (sid: NodeId) => StepRequest[] {
  const horizon = Math.max(0, sim.setup.latencyMs);
  return (sid) => {
    const slot = sim.servers.get(sid);
    if (!slot?.up) return [];
    const last = Math.min(until, sim.now + horizon);
    const mine: Queued[] = [];
    for (const ev of sim.pendingEvents()) {
      if (ev.at > last || ev.kind === 'client' || ev.kind === 'load') continue;
      if ((ev.kind === 'deliver' ? ev.to : ev.sid) === sid) mine.push(ev);
    }
    if (mine.length === 0) return [];
    mine.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const reqs: StepRequest[] = [];
    for (const ev of mine) {
      if (reqs.length >= MAX_PLAN) break;
      const input = inputOf(ev, sid, slot.incarnation, sim);
      if (input) reqs.push({ sid, now: ev.at, input: input as StepRequest['input'] });
    }
    return reqs;
  };
}

/** The input the kernel would hand the process for a queued event (Simulation.admit), or null when it would not. */
function inputOf(ev: Queued, sid: NodeId, incarnation: number, sim: Simulation): unknown {
  switch (ev.kind) {
    case 'timer':
      if (ev.incarnation !== incarnation || sim.timerToken(sid, ev.name) !== ev.token) return null;
      return { type: 'timer', name: ev.name, token: ev.token };
    case 'start':
      return ev.incarnation === incarnation ? { type: 'start' } : null;
    case 'request':
      return { type: 'request', req: ev.req };
    case 'deliver':
      if (ev.lost) return null;
      return ev.msg === null ? { type: 'connectionLost', peer: ev.from, channel: ev.channel } : { type: 'message', from: ev.from, channel: ev.channel, msg: ev.msg };
    default:
      return null;
  }
}

/** A host that takes plans (WorkerHost). */
export interface PlanningHost {
  planner: ((sid: NodeId) => StepRequest[]) | null;
  /** Every process back to where the simulation is (plans not used up are dropped). */
  settle(): void;
}

export function planningHost(host: unknown): PlanningHost | null {
  const h = host as Partial<PlanningHost> | null;
  return h && 'planner' in h && typeof h.settle === 'function' ? (h as PlanningHost) : null;
}
