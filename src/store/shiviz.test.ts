/** The ShiViz log: the default parser reads every event back, and the vector clocks respect causality. */
import { describe, expect, test } from 'vitest';
import { runLabCommand } from '../cli/lab.ts';
import { DEFAULT_LAB_CONFIG } from '../protocol/config.ts';
import { InProcessHost } from '../worker/inProcessHost.ts';
import { LabRuntime } from '../worker/runtime.ts';
import { SHIVIZ_REGEX, shivizEvents, shivizFile, type VectorClock } from './shiviz.ts';

/** a ≥ b in every entry. */
function dominates(a: VectorClock, b: VectorClock): boolean {
  return Object.entries(b).every(([k, v]) => (a[k] ?? 0) >= v);
}

async function run() {
  const rt = new LabRuntime({ ...DEFAULT_LAB_CONFIG, voters: 3, seed: 5 }, () => new InProcessHost());
  for (const l of ['lab run 3s', 'lab write 1 2', 'lab client c1 connect 2', 'lab client c1 set /w1 x', 'lab kill 3', 'lab run 2s', 'lab start 3', 'lab run 2s']) await runLabCommand(rt, l);
  return rt;
}

describe('ShiViz export', () => {
  test('every event parses with ShiViz default regex; clocks dominate their host predecessors and their sends', async () => {
    const rt = await run();
    const opts = { name: (id: number) => rt.sim.name(id), describe: (m: unknown) => rt.protocol.describeMessage(m as never) };
    const events = shivizEvents(rt.sim.trace, opts);
    expect(events.length).toBeGreaterThan(100);
    const file = shivizFile(rt.sim.trace, opts);
    const [regexLine, delimiter, ...rest] = file.split('\n');
    expect(regexLine).toBe(SHIVIZ_REGEX);
    expect(delimiter).toBe('');
    // ShiViz's regex, as JavaScript reads it, applied over the log.
    const re = new RegExp(SHIVIZ_REGEX, 'g');
    const log = rest.join('\n');
    const parsed = [...log.matchAll(re)].map((m) => ({ event: m.groups!.event!, host: m.groups!.host!, clock: JSON.parse(m.groups!.clock!) as VectorClock }));
    expect(parsed.length).toBe(events.length);
    const last = new Map<string, VectorClock>();
    let receives = 0;
    parsed.forEach((p, i) => {
      const e = events[i]!;
      expect(p.host).toBe(e.host);
      expect(p.event).toBe(e.description);
      expect(p.clock).toEqual(e.clock);
      // Its own entry counts its events from 1, one by one.
      const before = last.get(p.host) ?? {};
      expect(p.clock[p.host]).toBe((before[p.host] ?? 0) + 1);
      expect(dominates(p.clock, before)).toBe(true);
      if (e.sendEvent !== undefined) {
        receives += 1;
        const send = parsed[e.sendEvent]!;
        expect(send.event).toMatch(/ send /);
        expect(dominates(p.clock, send.clock)).toBe(true);
        expect(dominates(send.clock, p.clock)).toBe(false);
      }
      last.set(p.host, p.clock);
    });
    expect(receives).toBeGreaterThan(50);
    expect(new Set(parsed.map((p) => p.host))).toEqual(new Set(['zk1', 'zk2', 'zk3', 'c1', 'lab']));
  });

  test('descriptions stay on one line', () => {
    const trace = [{ t: 0, kind: 'action' as const, text: 'a\nb\r\nc' }];
    const [e] = shivizEvents(trace, { name: String });
    expect(e!.description).toBe('0.000s lab a b c');
  });
});
