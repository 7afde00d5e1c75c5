import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import { EventLogReader, eventSentence, filterEvents, seekArg } from './sentences.ts';

const vote = (id: number, zxid: number, peerEpoch: number) => ({ id, zxid, electionEpoch: 1, peerEpoch, state: 'LOOKING' as const, version: 2 });
const ctx = { leading: new Set<number>([3]) };

describe('eventSentence', () => {
  it('words votes, roles, proposals, syncs and faults', () => {
    const say = (e: TraceEntry) => eventSentence(e, 0, ctx)?.text ?? null;
    expect(say({ t: 33, kind: 'event', sid: 2, event: { kind: 'vote-change', logicalclock: 1, vote: vote(3, 0x100000004, 1), because: 3 } }))
      .toBe('zk2 votes for zk3: zxid 0x100000004, epoch 1');
    expect(say({ t: 278, kind: 'event', sid: 3, event: { kind: 'state', from: 'LOOKING', to: 'LEADING' } })).toBe('zk3 becomes LEADING');
    expect(say({ t: 3043, kind: 'event', sid: 3, event: { kind: 'proposed', zxid: 0x100000002 } })).toBe('zk3 proposes 0x100000002');
    expect(say({ t: 3043, kind: 'event', sid: 3, event: { kind: 'applied', zxid: 0x100000002 } })).toBe('zk3 commits 0x100000002');
    expect(say({ t: 3043, kind: 'event', sid: 1, event: { kind: 'applied', zxid: 0x100000002 } })).toBe('zk1 applies 0x100000002');
    expect(say({ t: 377, kind: 'event', sid: 3, event: { kind: 'sync', learner: 1, mode: 'DIFF', peerLastZxid: 0 } })).toMatch(/^zk1 is synced by DIFF/);
    expect(say({ t: 4000, kind: 'crash', sid: 5, reason: 'killed' })).toBe('zk5 killed');
    expect(say({ t: 4000, kind: 'action', text: 'kill zk5', action: { type: 'kill', sid: 5 } })).toBeNull();
    expect(say({ t: 10, kind: 'action', text: 'client c1 connects to zk1', action: { type: 'addClient', cid: 1001, server: 1, sessionTimeout: 30000 } })).toBe('client c1 connects to zk1');
    // The sentence comes from the action, never from its text.
    expect(say({ t: 10, kind: 'action', text: 'anything', action: { type: 'partition', groups: [[1, 2], [3, 4, 5]] } })).toBe('network partitioned: {zk1,zk2} | {zk3,zk4,zk5}');
    expect(say({ t: 10, kind: 'action', text: 'cut zk1->zk2', action: { type: 'cut', from: 1, to: 2, oneWay: true } })).toBe('link zk1 → zk2 cut (one way)');
    expect(say({ t: 10, kind: 'timer', sid: 1, name: 'x' })).toBeNull();
  });

  it('gives the servers a line is about', () => {
    const l = eventSentence({ t: 1, kind: 'event', sid: 2, event: { kind: 'elected', leader: 3, logicalclock: 1, vote: vote(3, 0, 0) } }, 7, ctx)!;
    expect(l).toMatchObject({ index: 7, t: 1, category: 'election', sids: [2, 3] });
  });
});

describe('EventLogReader', () => {
  it('reads incrementally, knows who leads, caps, and restarts on a new trace', () => {
    const trace: TraceEntry[] = [
      { t: 0, kind: 'start', sid: 1 },
      { t: 1, kind: 'event', sid: 1, event: { kind: 'state', from: 'LOOKING', to: 'LEADING' } },
      { t: 2, kind: 'timer', sid: 1, name: 'tick' },
    ];
    const r = new EventLogReader(3);
    expect(r.read(trace)).toBe(true);
    expect(r.lines.map((l) => l.text)).toEqual(['zk1 started', 'zk1 becomes LEADING']);
    expect(r.read(trace)).toBe(false);
    trace.push({ t: 3, kind: 'event', sid: 1, event: { kind: 'applied', zxid: 0x100000001 } });
    trace.push({ t: 4, kind: 'crash', sid: 1, reason: 'killed' });
    expect(r.read(trace)).toBe(true);
    expect(r.lines.map((l) => l.text)).toEqual(['zk1 becomes LEADING', 'zk1 commits 0x100000001', 'zk1 killed']);
    const fresh: TraceEntry[] = [{ t: 0, kind: 'start', sid: 2 }];
    expect(r.read(fresh)).toBe(true);
    expect(r.lines.map((l) => l.text)).toEqual(['zk2 started']);
  });

  it('filters by server and kind', () => {
    const r = new EventLogReader();
    r.read([
      { t: 0, kind: 'start', sid: 1 },
      { t: 0, kind: 'start', sid: 2 },
      { t: 5, kind: 'event', sid: 2, event: { kind: 'vote-change', logicalclock: 1, vote: vote(1, 0, 0), because: 1 } },
    ]);
    expect(filterEvents(r.lines, { sid: 1, categories: new Set(['fault', 'election']) }).map((l) => l.text))
      .toEqual(['zk1 started', 'zk2 votes for zk1: zxid 0x0, epoch 0']);
    expect(filterEvents(r.lines, { sid: null, categories: new Set(['election']) })).toHaveLength(1);
  });

  it('gives lab seek its moment', () => {
    expect(seekArg(4000)).toBe('4s');
    expect(seekArg(4033)).toBe('4033ms');
  });
});

describe('EventLogReader after a rewind', () => {
  it('keeps the old run ahead until the new run differs', () => {
    const r = new EventLogReader();
    const run: TraceEntry[] = [
      { t: 0, kind: 'start', sid: 1 },
      { t: 5, kind: 'crash', sid: 1, reason: 'killed' },
      { t: 9, kind: 'start', sid: 1 },
    ];
    r.read(run);
    const replay: TraceEntry[] = [run[0]!];
    r.read(replay);
    expect(r.lines.map((l) => l.text)).toEqual(['zk1 started']);
    expect(r.ahead.map((l) => l.text)).toEqual(['zk1 killed', 'zk1 started']);
    replay.push(run[1]!);
    r.read(replay);
    expect(r.ahead.map((l) => l.text)).toEqual(['zk1 started']);
    replay.push({ t: 6, kind: 'wipe', sid: 1 });
    r.read(replay);
    expect(r.ahead).toEqual([]);
  });
});
