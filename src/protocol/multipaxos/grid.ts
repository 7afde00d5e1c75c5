/**
 * The Multi-Paxos slot grid's data (src/protocol/registry.ts PanelModel): slot × replica — what
 * each replica's acceptor accepted in each slot (ballot and value), whether it knows the slot
 * chosen and has executed it — with each replica's watermarks (accepted up to, chosen up to,
 * executed), no-op slots, and the slots a leader saw chosen out of order (the `chosen-out-of-order`
 * event: each slot is its own Paxos instance, which ZAB's primary order never allows). Built from
 * the replicas' views (and a down replica's disk) and, for the out-of-order moments, the trace —
 * read incrementally, from scratch only when the world was replaced (a rewind).
 */
import type { StructuredText } from '../../sim/module.ts';
import type { LabSetup, Simulation } from '../../sim/simulation.ts';
import type { PanelModel } from '../registry.ts';
import { formatBallot, formatValue } from './ballot.ts';
import type { MultiPaxosTraceEntry } from './checker.ts';
import { eventText } from './text.ts';
import { nodeName, replicaIds, type MpDisk, type MpEvent, type MpRole, type MultiPaxosConfig, type MultiPaxosView } from './types.ts';

/** The grid shows at most this many slots (the newest). */
export const SLOT_GRID_ROWS = 48;

export interface SlotCell {
  /** What this replica's acceptor accepted here: ballot (`3.2`) and value (`no-op` for a no-op). */
  accepted: { ballot: string; value: string; noop: boolean } | null;
  /** It knows the slot chosen. */
  chosen: boolean;
  executed: boolean;
  /** As leader, it sent ACCEPT here and waits for a majority. */
  inFlight: boolean;
}

export interface SlotRow {
  slot: number;
  /** The value chosen here (as any replica knows it), `no-op`, or null while none knows it chosen. */
  chosen: string | null;
  noop: boolean;
  cells: SlotCell[];
  /** A leader saw this slot chosen while an earlier one was not: when, who and which slot it waited for. */
  outOfOrder: { t: number; node: string; waitingFor: number } | null;
}

export interface ReplicaColumn {
  name: string;
  up: boolean;
  role: MpRole | 'DOWN';
  /** Highest slot its acceptor accepted anything in (0: none). */
  accepted: number;
  /** Every slot up to this is chosen (and executed: they run at once, in order). */
  chosenUpTo: number;
  /** Highest slot it knows chosen (above chosenUpTo when slots were chosen out of order). */
  highestChosen: number;
  executed: number;
}

export interface SlotGridData {
  replicas: ReplicaColumn[];
  /** Lowest slot first. */
  rows: SlotRow[];
  /** Slots below the first row (not shown). */
  earlier: number;
  /** The latest slot chosen out of order: its sentence (structured text) and when. */
  lastOutOfOrder: { slot: number; waitingFor: number; node: string; t: number; text: StructuredText } | null;
}

type OutOfOrder = { slot: number; waitingFor: number; node: string; t: number; event: Extract<MpEvent, { kind: 'chosen-out-of-order' }> };

export function slotGridPanel(setup: LabSetup): PanelModel {
  const cfg = setup.config as MultiPaxosConfig;
  let trace: readonly MultiPaxosTraceEntry[] | null = null;
  let cursor = 0;
  let ooo = new Map<number, OutOfOrder>();
  let last: OutOfOrder | null = null;
  let lastJson = '';
  return {
    read(sim: Simulation) {
      const t = sim.trace as readonly MultiPaxosTraceEntry[];
      if (t !== trace || t.length < cursor) {
        trace = t;
        cursor = 0;
        ooo = new Map();
        last = null;
      }
      for (; cursor < t.length; cursor++) {
        const e = t[cursor]!;
        if (e.kind !== 'event' || e.event.kind !== 'chosen-out-of-order') continue;
        last = { slot: e.event.slot, waitingFor: e.event.waitingFor, node: e.event.node, t: e.t, event: e.event };
        ooo.set(e.event.slot, last);
      }
      const data = slotGrid(sim, cfg, ooo, last);
      const json = JSON.stringify(data);
      if (json === lastJson) return undefined;
      lastJson = json;
      return data;
    },
  };
}

/** The grid from the world now (views of running replicas, disks of the others) and the out-of-order moments seen. */
export function slotGrid(sim: Simulation, cfg: MultiPaxosConfig, ooo: ReadonlyMap<number, OutOfOrder>, last: OutOfOrder | null): SlotGridData {
  const ids = replicaIds(cfg);
  const views = ids.map((id) => {
    const s = sim.servers.get(id);
    return s?.up ? (s.view as MultiPaxosView | null) : null;
  });
  const disks = ids.map((id) => sim.servers.get(id)?.disk as MpDisk | undefined);
  let top = 0;
  let bottom = Infinity;
  views.forEach((v, i) => {
    if (v) {
      bottom = Math.min(bottom, v.windowFrom);
      for (const s of v.slots) top = Math.max(top, s.slot);
    } else {
      for (const k of Object.keys(disks[i]?.accepted ?? {})) top = Math.max(top, Number(k));
    }
  });
  if (bottom === Infinity) bottom = 1;
  const from = Math.max(bottom, top - SLOT_GRID_ROWS + 1, 1);
  const rows: SlotRow[] = [];
  for (let slot = from; slot <= top; slot++) {
    let chosen: string | null = null;
    let noop = false;
    const cells = ids.map((_, i): SlotCell => {
      const v = views[i];
      if (v) {
        const s = v.slots[slot - v.windowFrom];
        if (!s || s.slot !== slot) return { accepted: null, chosen: slot <= v.executed, executed: slot <= v.executed, inFlight: false };
        if (s.chosen && chosen === null) {
          chosen = formatValue(s.chosen.value);
          noop = s.chosen.value === null;
        }
        return {
          accepted: s.accepted ? { ballot: s.accepted.ballot, value: formatValue(s.accepted.value), noop: s.accepted.value === null } : null,
          chosen: s.chosen !== null,
          executed: s.executed,
          inFlight: s.inFlight,
        };
      }
      const a = disks[i]?.accepted[slot];
      return { accepted: a ? { ballot: formatBallot(a.ballot), value: formatValue(a.value), noop: a.value === null } : null, chosen: false, executed: false, inFlight: false };
    });
    if (chosen === null && cells.every((c) => c.accepted?.noop ?? true) && cells.some((c) => c.accepted)) noop = true;
    const o = ooo.get(slot);
    rows.push({ slot, chosen, noop, cells, outOfOrder: o ? { t: o.t, node: o.node, waitingFor: o.waitingFor } : null });
  }
  return {
    replicas: ids.map((id, i): ReplicaColumn => {
      const v = views[i];
      const up = sim.servers.get(id)?.up ?? false;
      const diskTop = Math.max(0, ...Object.keys(disks[i]?.accepted ?? {}).map(Number));
      return {
        name: nodeName(cfg, id),
        up,
        role: v ? v.role : 'DOWN',
        accepted: v ? v.highestAccepted : diskTop,
        chosenUpTo: v ? v.chosenUpTo : 0,
        highestChosen: v ? v.highestChosen : 0,
        executed: v ? v.executed : 0,
      };
    }),
    rows,
    earlier: from - 1,
    lastOutOfOrder: last ? { slot: last.slot, waitingFor: last.waitingFor, node: last.node, t: last.t, text: eventText(last.event) } : null,
  };
}
