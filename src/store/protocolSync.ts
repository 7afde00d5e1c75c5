/**
 * What the session copies from the world for protocols drawn by the generic views: each process's
 * card (src/protocol/registry.ts processCard), the processes' replies as console lines, and the
 * protocol panels' data. Each reads the world incrementally and gives new objects only when what
 * it shows changed, so React re-renders only what changed.
 */
import type { LabProtocol, PanelModel } from '../protocol/registry.ts';
import type { KernelTraceEntry, LabSetup, Simulation } from '../sim/simulation.ts';
import type { ProcessCard } from './protocolSlice.ts';

type Sid = number;

/** Every process's generic card (empty when the protocol has ZooKeeper's own cards). */
export function buildProcessCards(sim: Simulation, protocol: LabProtocol): ProcessCard[] {
  const card = protocol.processCard;
  if (!card) return [];
  return [...sim.servers.values()].map((slot) => ({
    sid: slot.sid,
    name: sim.name(slot.sid),
    up: slot.up,
    crashReason: slot.up ? null : slot.crashReason,
    ...card(sim, slot.sid),
  }));
}

/** Fresh cards merged into the previous ones, keeping unchanged cards' identity; null when nothing changed. */
export function mergeProcessCards(prev: Readonly<Record<Sid, ProcessCard>>, next: ProcessCard[]): Record<Sid, ProcessCard> | null {
  let changed = Object.keys(prev).length !== next.length;
  const out: Record<Sid, ProcessCard> = {};
  for (const card of next) {
    const old = prev[card.sid];
    if (old && JSON.stringify(old) === JSON.stringify(card)) out[card.sid] = old;
    else {
      out[card.sid] = card;
      changed = true;
    }
  }
  return changed ? out : null;
}

/**
 * The processes' replies (`reply` trace entries) as console lines, each once. A rewind (or going
 * back to a branch) replays a past whose replies were printed already: a reply at the same place
 * of the trace with the same content is not printed again; a different one (another branch) is.
 */
export class ReplyReader {
  private trace: readonly KernelTraceEntry[] | null = null;
  private cursor = 0;
  private readonly printed = new Set<string>();

  constructor(private readonly text: (sid: Sid, reply: unknown) => string) {}

  read(trace: readonly KernelTraceEntry[]): string[] {
    if (trace !== this.trace || trace.length < this.cursor) {
      this.trace = trace;
      this.cursor = 0;
    }
    const lines: string[] = [];
    for (; this.cursor < trace.length; this.cursor++) {
      const e = trace[this.cursor]!;
      if (e.kind !== 'reply') continue;
      const key = `${this.cursor}|${e.t}|${e.sid}|${JSON.stringify(e.reply)}`;
      if (this.printed.has(key)) continue;
      this.printed.add(key);
      lines.push(this.text(e.sid, e.reply));
    }
    return lines;
  }
}

/** The protocol's panels (registry PanelSpec): each model read now, giving the data that changed. */
export class PanelReader {
  private readonly models: Array<{ id: string; model: PanelModel }>;

  constructor(protocol: LabProtocol, setup: LabSetup) {
    this.models = protocol.panels.map((p) => ({ id: p.id, model: p.create(setup) }));
  }

  get empty(): boolean {
    return this.models.length === 0;
  }

  /** The panels whose data changed since the last read (null: none). */
  read(sim: Simulation): Record<string, unknown> | null {
    let out: Record<string, unknown> | null = null;
    for (const { id, model } of this.models) {
      const data = model.read(sim);
      if (data !== undefined) (out ??= {})[id] = data;
    }
    return out;
  }
}
