/**
 * What the event log needs of the lab's protocol to tell a run in sentences, without importing
 * protocol code: how it names processes, each of its events as structured text (an i18n key and
 * values: src/protocol/registry.ts eventText), the event's category and the other processes it
 * is about.
 */
import type { StructuredText } from '../sim/module.ts';
import { currentSession } from './session.ts';

export interface EventSource {
  name(id: number): string;
  text(event: unknown): StructuredText | null;
  category(event: unknown): string;
  processes(event: unknown): number[];
}

/** The current lab's event source (null: no lab). */
export function eventSource(): EventSource | null {
  const rt = currentSession()?.runtime;
  if (!rt) return null;
  const p = rt.protocol;
  return {
    name: (id) => rt.setup.name(id),
    text: (event) => p.eventText(event),
    category: (event) => p.eventCategory(event),
    processes: (event) => p.eventProcesses(event, rt.setup),
  };
}
