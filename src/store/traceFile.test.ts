/** Trace files: a run survives the trip through a file exactly; a bad file is refused with a reason, whatever it holds. */
import { describe, expect, test } from 'vitest';
import { runLabCommand } from '../cli/lab.ts';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../protocol/config.ts';
import { InProcessHost } from '../worker/inProcessHost.ts';
import { LabRuntime } from '../worker/runtime.ts';
import { encodeTraceFile, exportFileName, parseTraceFile, TRACE_FORMAT } from './traceFile.ts';

const config: LabConfig = { ...DEFAULT_LAB_CONFIG, voters: 3, observers: 1, seed: 11 };

async function someRun(c: LabConfig = config, lines = ['lab run 3s', 'lab write 2 2', 'lab kill 1', 'lab run 2s', 'lab partition 2 3,4', 'lab run 1s', 'lab heal', 'lab start 1', 'lab run 2s']): Promise<LabRuntime> {
  const rt = new LabRuntime(c, () => new InProcessHost());
  for (const l of lines) await runLabCommand(rt, l);
  return rt;
}

const fileOf = (rt: LabRuntime) => encodeTraceFile(rt.config, rt.runData(), rt.sim.traceHash(), rt.sim.trace.length);

describe('trace files', () => {
  test('a run replays from its file to the same trace hash', async () => {
    const rt = await someRun();
    const text = fileOf(rt);
    const data = JSON.parse(text) as Record<string, unknown>;
    expect(data).toMatchObject({ format: TRACE_FORMAT, version: 1, protocol: 'zookeeper', seed: '11', config: { voters: '3', observers: '1', seed: '11' }, hash: rt.sim.traceHash() });
    expect(data.simulatedTimeMs).toBe(rt.sim.now);
    const parsed = parseTraceFile(text);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.trace.params.toString()).toBe('voters=3&observers=1&seed=11');
    const copy = new LabRuntime(parsed.trace.config, () => new InProcessHost());
    await copy.loadRun(parsed.trace.run);
    expect(copy.sim.traceHash()).toBe(parsed.trace.hash);
    expect(copy.sim.trace.length).toBe(parsed.trace.traceEntries);
  });

  test('Paxos runs with propose actions too', async () => {
    const rt = await someRun({ ...DEFAULT_LAB_CONFIG, protocol: 'paxos', seed: 'hello' }, ['lab run 1s']);
    await rt.apply({ type: 'propose', sid: 4, value: '<b>x</b>' });
    await runLabCommand(rt, 'lab run 2s');
    const parsed = parseTraceFile(fileOf(rt));
    if ('error' in parsed) throw new Error(parsed.error);
    const copy = new LabRuntime(parsed.trace.config, () => new InProcessHost());
    await copy.loadRun(parsed.trace.run);
    expect(copy.sim.traceHash()).toBe(rt.sim.traceHash());
  });

  test('bad files are refused with a reason', async () => {
    const good = JSON.parse(fileOf(await someRun(config, ['lab run 1s', 'lab kill 2', 'lab run 1s']))) as Record<string, unknown>;
    const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
    const cases: Array<[string, string | RegExp]> = [
      ['not json {', 'not JSON'],
      ['[]', /the file/],
      ['null', /the file/],
      [bad({ format: 'something-else' }), /not a ZooKeeper Lab trace file/],
      [bad({ version: 2 }), /unsupported trace file version/],
      [bad({ protocol: '<img src=x onerror=alert(1)>' }), /^protocol:/],
      [bad({ extra: 1 }), /extra|Unrecognized/i],
      [bad({ hash: '<script>alert(1)</script>' }), /^hash:/],
      [bad({ config: { ...(good.config as object), voters: '99' } }), /voters must be an integer from 1 to 9/],
      [bad({ config: { ...(good.config as object), onerror: 'x' } }), /^config/],
      [bad({ config: { ...(good.config as object), protocol: 'paxos' } }), /protocol/],
      [bad({ seed: '12' }), /seed/],
      [bad({ actions: [[1, 1, { type: 'kill', sid: 7 }]] }), /actions\[0\]\.sid must be an integer from 1 to 4/],
      [bad({ actions: [[1, 1, { type: '<img src=x onerror=alert(1)>' }]] }), /actions\[0\]\.type must be one of/],
      [bad({ actions: [[1, 1, { type: 'kill', sid: 1, html: '<img src=x>' }]] }), /unknown field html/],
      [bad({ actions: [[1, 1]] }), /^actions\.0/],
      [bad({ head: { eventCount: -1, t: 0 } }), /^head\.eventCount/],
      [bad({ simulatedTimeMs: 5 }), /simulatedTimeMs/],
    ];
    for (const [text, why] of cases) {
      const r = parseTraceFile(text);
      expect('error' in r ? r.error : 'accepted', text.slice(0, 80)).toMatch(why);
    }
  });

  test('file names carry the protocol, a safe seed and the time', () => {
    expect(exportFileName({ ...config, seed: '../<x>' }, 12_345, 'json')).toBe('zookeeper-lab-zookeeper-seed____x_-12.3s.json');
    expect(exportFileName(config, 0, 'png', 'ring')).toBe('zookeeper-lab-zookeeper-seed11-0.0s-ring.png');
  });
});
