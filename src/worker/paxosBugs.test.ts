/**
 * The Paxos and Multi-Paxos bug museums through the real kernel (src/sim on the in-process host,
 * the lab's console commands, the runtime's checker after every event) — not the modules' own test
 * networks. For every exhibit of the registry (src/protocol/registry.ts `exhibits`) with a bug
 * switch: a lab opened with the exhibit's settings plus the switch, its console lines run
 * (`lab …` through runLabCommand, `propose …` through runProtocolLine), turns the named invariant
 * red; the same lines without the switch keep every invariant green. `lab preset NAME` runs exactly
 * those lines (the same trace hash). The presets of the correct protocols show their phenomenon:
 * dueling proposers choose nothing under retry=immediate and something under backoff and leader; a
 * Multi-Paxos slot is chosen out of order and still executed in order; a new leader re-proposes and
 * fills a hole with a no-op.
 */
import { describe, expect, test } from 'vitest';
import { runLabCommand, runProtocolLine } from '../cli/lab.ts';
import { parseLabConfig } from '../protocol/config.ts';
import { protocolById, type Exhibit } from '../protocol/registry.ts';
import { paxosChosen, paxosConfig, PAXOS_BUGS, type PaxosTraceEntry } from '../protocol/paxos/index.ts';
import { MP_PRESETS, type MpEvent } from '../protocol/multipaxos/index.ts';
import { HeadlessLab } from './headless.ts';

function openLab(params: Record<string, string>): HeadlessLab {
  const { config, errors } = parseLabConfig(Object.entries(params));
  expect(errors).toEqual([]);
  return new HeadlessLab(config);
}

/** Runs an exhibit's console lines as the console would; every line must succeed. */
async function runLines(lab: HeadlessLab, lines: readonly string[]): Promise<void> {
  for (const line of lines) {
    const reply = line.startsWith('lab ') ? await runLabCommand(lab.runtime, line) : await runProtocolLine(lab.runtime, line);
    expect(reply.error ?? false, `${line}: ${reply.lines.join(' / ')}`).toBe(false);
  }
}

function redInvariants(lab: HeadlessLab): string[] {
  return (lab.runtime.invariantStatus() ?? []).filter((s) => s.first !== null).map((s) => s.name).sort();
}

function events<E extends { kind: string }>(lab: HeadlessLab): Array<{ t: number; sid: number; event: E }> {
  return lab.runtime.sim.trace.flatMap((e) => (e.kind === 'event' ? [{ t: e.t, sid: e.sid, event: e.event as E }] : []));
}

function delivered(lab: HeadlessLab, type: string): number {
  return lab.runtime.sim.trace.filter((e) => e.kind === 'deliver' && (e.msg as { type?: string } | null)?.type === type).length;
}

/** Each replica's executed values in the order it executed them (since its last start). */
function executedLogs(lab: HeadlessLab): Map<number, Array<string | null>> {
  const logs = new Map<number, Array<string | null>>();
  for (const e of lab.runtime.sim.trace) {
    if (e.kind === 'start') logs.set(e.sid, []);
    if (e.kind === 'event' && (e.event as MpEvent).kind === 'executed') {
      const ev = e.event as Extract<MpEvent, { kind: 'executed' }>;
      const log = logs.get(e.sid) ?? [];
      expect(ev.slot, `r${e.sid} executes slot ${ev.slot} in order`).toBe(log.length + 1);
      log.push(ev.value);
      logs.set(e.sid, log);
    }
  }
  return logs;
}

const EXHIBITS: Array<[string, Exhibit]> = (['paxos', 'multipaxos'] as const).flatMap((id) => protocolById(id).exhibits.map((x) => [id, x] as [string, Exhibit]));

describe('bug museum through the kernel', () => {
  test('every bug switch of both protocols has an exhibit', () => {
    expect(EXHIBITS.filter(([id, x]) => id === 'paxos' && x.bug).map(([, x]) => x.bug).sort()).toEqual(['forgetPromise', 'ignoreAcceptedValues', 'minorityQuorum', 'sameBallot']);
    expect(EXHIBITS.filter(([id, x]) => id === 'multipaxos' && x.bug).map(([, x]) => x.bug).sort()).toEqual(['minorityQuorum', 'skipPhase1']);
  });

  test.each(EXHIBITS.filter(([, x]) => x.bug !== null).map(([id, x]) => [`${id} ${x.name}`, x] as const))(
    '%s: on → its invariant goes red; off → every invariant holds',
    async (_, x) => {
      const on = openLab({ ...x.params, bugs: x.bug! });
      await runLines(on, x.lines);
      const red = redInvariants(on);
      expect(red).toContain(x.invariant);
      const lines = await on.lab('invariants');
      expect(lines.find((l) => l.startsWith(`${x.invariant} `))).toMatch(new RegExp(`^${x.invariant} BROKEN at \\d+\\.\\d{3}s \\(event \\d+\\): .+`));
      // Paxos' museum names the invariants that go red along with the main one: exactly those.
      const paxosBug = PAXOS_BUGS.find((b) => x.params.protocol === 'paxos' && b.bug === x.bug);
      if (paxosBug) expect(red).toEqual([paxosBug.invariant, ...paxosBug.alsoRed].sort());
      on.dispose();

      const off = openLab(x.params);
      await runLines(off, x.lines);
      expect(off.violations()).toEqual([]);
      expect(await off.lab('invariants')).toEqual((off.runtime.invariantStatus() ?? []).map((s) => `${s.name} ok`));
      off.dispose();
    },
  );

  test.each(EXHIBITS.map(([id, x]) => [`${id} ${x.name}`, x] as const))('%s: `lab preset` runs exactly its lines', async (_, x) => {
    const params = x.bug ? { ...x.params, bugs: x.bug } : x.params;
    const byLines = openLab(params);
    await runLines(byLines, x.lines);
    const byPreset = openLab(params);
    const out = await byPreset.lab(x.bug ? 'preset' : `preset ${x.name}`);
    expect(out[0]).toMatch(new RegExp(`^preset ${x.name} \\(written for `));
    expect(byPreset.runtime.sim.traceHash()).toBe(byLines.runtime.sim.traceHash());
    byLines.dispose();
    byPreset.dispose();
  });
});

describe('presets of the correct protocols', () => {
  const exhibit = (id: string, name: string): Exhibit => EXHIBITS.find(([p, x]) => p === id && x.name === name)![1];

  test('every preset without a bug switch is checked here', () => {
    expect(EXHIBITS.filter(([, x]) => x.bug === null).map(([id, x]) => `${id} ${x.name}`).sort()).toEqual(['multipaxos leaderChange', 'multipaxos outOfOrder', 'paxos dueling']);
  });

  test('paxos dueling: under retry=immediate nothing is chosen in 10 s and the NACKs pile up; backoff and leader choose a value within seconds', async () => {
    const x = exhibit('paxos', 'dueling');
    expect(x.params.retry).toBe('immediate');
    const cfg = paxosConfig({ acceptors: Number(x.params.acceptors), proposers: Number(x.params.proposers), learners: Number(x.params.learners) });
    const firstPropose = (lab: HeadlessLab) => lab.runtime.sim.trace.find((e) => e.kind === 'request')!.t;

    const immediate = openLab(x.params);
    await runLines(immediate, x.lines);
    const trace = immediate.runtime.sim.trace as readonly PaxosTraceEntry[];
    expect(immediate.runtime.sim.now - firstPropose(immediate)).toBeGreaterThanOrEqual(10_000);
    expect(paxosChosen(trace, cfg)).toBeNull();
    expect(events<{ kind: string }>(immediate).filter((e) => e.event.kind === 'accepted')).toEqual([]);
    expect(delivered(immediate, 'NACK')).toBeGreaterThanOrEqual(50);
    expect(events<{ kind: string }>(immediate).filter((e) => e.event.kind === 'preempted').length).toBeGreaterThanOrEqual(20);
    expect(immediate.violations()).toEqual([]);
    immediate.dispose();

    for (const retry of ['backoff', 'leader']) {
      const lab = openLab({ ...x.params, retry });
      await runLines(lab, x.lines);
      const chosen = paxosChosen(lab.runtime.sim.trace as readonly PaxosTraceEntry[], cfg);
      expect(chosen, retry).not.toBeNull();
      expect(chosen!.t - firstPropose(lab), retry).toBeLessThan(3000);
      // Every proposer and the learner end up knowing the one chosen value.
      const status = (await lab.lab('status')).join('\n');
      expect(status).toContain(`l1 learner learned=${chosen!.value} `);
      expect(status.match(/phase=done/g)?.length).toBe(2);
      expect(lab.violations()).toEqual([]);
      lab.dispose();
    }
  });

  test('multipaxos outOfOrder: a slot is chosen before an earlier one, and every replica still executes in slot order', async () => {
    const x = exhibit('multipaxos', 'outOfOrder');
    const lab = openLab(x.params);
    await runLines(lab, x.lines);
    const ooo = events<MpEvent>(lab).filter((e) => e.event.kind === 'chosen-out-of-order');
    expect(ooo.map((e) => e.event)).toEqual([{ kind: 'chosen-out-of-order', node: 'r1', slot: 2, waitingFor: 1 }]);
    const logs = executedLogs(lab);
    expect([...logs.keys()].sort()).toEqual([1, 2, 3]);
    for (const log of logs.values()) expect(log).toEqual(['a', 'b']);
    for (const kind of MP_PRESETS.outOfOrder.expect) expect(events<MpEvent>(lab).some((e) => e.event.kind === kind)).toBe(true);
    expect(lab.violations()).toEqual([]);
    lab.dispose();
  });

  test('multipaxos leaderChange: the new leader re-proposes c, fills slot 2 with a no-op, and every replica executes a, no-op, c, d', async () => {
    const x = exhibit('multipaxos', 'leaderChange');
    const lab = openLab(x.params);
    await runLines(lab, x.lines);
    const evs = events<MpEvent>(lab);
    expect(evs.filter((e) => e.event.kind === 'reproposed').map((e) => e.event)).toMatchObject([{ node: 'r3', slot: 3, value: 'c' }]);
    expect(evs.filter((e) => e.event.kind === 'noop-filled').map((e) => e.event)).toMatchObject([{ node: 'r3', slot: 2 }]);
    for (const kind of MP_PRESETS.leaderChange.expect) expect(evs.some((e) => e.event.kind === kind)).toBe(true);
    const logs = executedLogs(lab);
    for (const id of [1, 2, 3]) expect(logs.get(id), `r${id}`).toEqual(['a', null, 'c', 'd']);
    expect(lab.violations()).toEqual([]);
    lab.dispose();
  });
});
