/**
 * What the space-time diagram needs to band each lane by role, for the lab's protocol
 * (src/protocol/registry.ts laneRoles): a process's role when it starts and the role an event puts
 * it in; and how a delivered packet reads as a line of `lab log`.
 */
import { logLine } from '../cli/lab.ts';
import type { KernelTraceEntry } from '../sim/simulation.ts';
import { currentSession } from './session.ts';

export interface LaneRoles {
  atStart(sid: number): string | null;
  after(event: unknown): string | null;
}

/** The current lab's lane roles (undefined: no lab, the diagram's default is ZooKeeper's). */
export function laneRoleSource(): LaneRoles | undefined {
  const rt = currentSession()?.runtime;
  if (!rt) return undefined;
  const roles = rt.protocol.laneRoles;
  return { atStart: (sid) => roles.atStart(rt.setup, sid), after: (event) => roles.after(event) };
}

/** A delivered packet as `lab log` prints it, with the lab's process names and packet details. */
export function packetLogLine(e: Extract<KernelTraceEntry, { kind: 'deliver' }>): string {
  const rt = currentSession()?.runtime;
  return rt ? logLine(e, (id) => rt.sim.name(id), rt.protocol.describeMessage) : logLine(e);
}
