import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../sim/simulation.ts';
import { slotGrid, slotGridPanel, type SlotGridData } from './grid.ts';
import { emptyMpDisk } from './disk.ts';
import { multiPaxosConfig, type MpDisk, type MultiPaxosSlotView, type MultiPaxosView } from './types.ts';

const cfg = multiPaxosConfig({ replicas: 3 });

function view(id: number, role: MultiPaxosView['role'], slots: MultiPaxosSlotView[], executed: number): MultiPaxosView {
  const top = Math.max(0, ...slots.map((s) => s.slot));
  return {
    id, name: `r${id}`, role, ballot: role === 'leader' ? '1.1' : null, promised: '1.1', leader: 'r1', leaderBallot: '1.1',
    windowFrom: 1, slots, highestAccepted: top, highestChosen: Math.max(0, ...slots.filter((s) => s.chosen).map((s) => s.slot)),
    chosenUpTo: executed, executed, nextSlot: role === 'leader' ? top + 1 : null, inFlight: 0,
  };
}

const slot = (n: number, value: string | null, chosen: boolean, executed: boolean): MultiPaxosSlotView => ({
  slot: n, accepted: { ballot: '1.1', value }, chosen: chosen ? { value } : null, executed, inFlight: false,
});

/** A world of three replicas: r1 (leader) knows slot 2 chosen before slot 1; r3 is down with slot 1 on its disk. */
function world(trace: unknown[] = []): Simulation {
  const disk3: MpDisk = { ...emptyMpDisk(), accepted: { 1: { ballot: { round: 1, replica: 1 }, value: 'a' } } };
  const servers = new Map([
    [1, { sid: 1, up: true, view: view(1, 'leader', [slot(1, 'a', false, false), slot(2, 'b', true, false), slot(3, null, true, false)], 0), disk: emptyMpDisk() }],
    [2, { sid: 2, up: true, view: view(2, 'follower', [slot(1, 'a', false, false), slot(2, 'b', true, false)], 0), disk: emptyMpDisk() }],
    [3, { sid: 3, up: false, view: null, disk: disk3 }],
  ]);
  return { servers, trace, setup: { config: cfg } } as unknown as Simulation;
}

describe('slotGrid', () => {
  it('has a row per slot and a column per replica, with watermarks and down replicas from their disks', () => {
    const g = slotGrid(world(), cfg, new Map(), null);
    expect(g.rows.map((r) => r.slot)).toEqual([1, 2, 3]);
    expect(g.replicas.map((r) => [r.name, r.role, r.accepted, r.chosenUpTo, r.highestChosen])).toEqual([
      ['r1', 'leader', 3, 0, 3],
      ['r2', 'follower', 2, 0, 2],
      ['r3', 'DOWN', 1, 0, 0],
    ]);
    expect(g.rows[0]!.cells[2]!.accepted).toEqual({ ballot: '1.1', value: 'a', noop: false });
    expect(g.rows[0]!.chosen).toBeNull();
    expect(g.rows[1]!.chosen).toBe('b');
  });

  it('marks no-op slots', () => {
    const row = slotGrid(world(), cfg, new Map(), null).rows[2]!;
    expect([row.chosen, row.noop]).toEqual(['no-op', true]);
    expect(row.cells[0]!.accepted?.noop).toBe(true);
  });

  it('the panel model highlights a slot chosen out of order, from the leader\'s event, and changes only when the grid does', () => {
    const trace = [{ t: 4672, kind: 'event', sid: 1, event: { kind: 'chosen-out-of-order', node: 'r1', slot: 2, waitingFor: 1 } }];
    const model = slotGridPanel({ config: cfg } as never);
    const sim = world(trace);
    const data = model.read(sim) as SlotGridData;
    expect(data.rows[1]!.outOfOrder).toEqual({ t: 4672, node: 'r1', waitingFor: 1 });
    expect(data.lastOutOfOrder?.text.key).toBe('multipaxos.ev.chosenOutOfOrder');
    expect(model.read(sim)).toBeUndefined();
  });
});
