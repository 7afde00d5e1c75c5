import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import { eventText, PAXOS_TEXT_EN, PAXOS_TEXT_ZH } from '../../protocol/paxos/index.ts';
import type { PaxosEvent } from '../../protocol/paxos/index.ts';
import type { EventSource } from '../../store/index.ts';
import { addTexts, i18n } from '../i18n/index.ts';
import { protocolSentence } from './protocolSentences.ts';
import { EventLogReader } from './sentences.ts';

const names: Record<number, string> = { 1: 'a1', 2: 'a2', 3: 'a3', 4: 'p1', 5: 'p2', 6: 'l1' };
const src: EventSource = {
  name: (id) => names[id] ?? `?${id}`,
  text: (ev) => eventText(ev as PaxosEvent),
  category: (ev) => ((ev as PaxosEvent).kind === 'promise' ? 'phase1' : 'phase2'),
  processes: (ev) => ((ev as PaxosEvent).kind === 'promise' ? [4] : []),
};
const promise = { kind: 'promise', node: 'a2', ballot: { round: 1, proposer: 1 }, to: 'p1', accepted: null, again: false } as PaxosEvent;
const say = (e: unknown, i = 0) => protocolSentence(src)(e as TraceEntry, i);

beforeAll(() => {
  addTexts('en', PAXOS_TEXT_EN);
  addTexts('zh-CN', PAXOS_TEXT_ZH);
});
afterEach(() => void i18n.changeLanguage('en'));

describe('protocolSentence', () => {
  it('renders a protocol event from its structured text, in the current language', () => {
    expect(say({ t: 10, kind: 'event', sid: 2, event: promise })).toEqual({
      index: 0, t: 10, category: 'phase1', sids: [2, 4], text: 'a2 promises ballot 1.1 to p1 (it has accepted nothing yet)',
    });
    void i18n.changeLanguage('zh-CN');
    expect(say({ t: 10, kind: 'event', sid: 2, event: promise })?.text).toBe('a2 向 p1 承诺编号 1.1（它尚未接受过任何提案）');
  });

  it('names processes as the protocol does in the kernel\'s entries and the user\'s actions', () => {
    expect(say({ t: 0, kind: 'crash', sid: 3, reason: 'killed' })?.text).toBe('a3 killed');
    expect(say({ t: 0, kind: 'action', text: 'partition 1,4 2,3,5,6', action: { type: 'partition', groups: [[1, 4], [2, 3, 5, 6]] } })?.text).toBe('network partitioned: {a1,p1} | {a2,a3,p2,l1}');
    expect(say({ t: 0, kind: 'action', text: 'cut a1<->p1', action: { type: 'cut', from: 1, to: 4, oneWay: false } })?.sids).toEqual([1, 4]);
    // A proposal is told by the proposer's own `propose` event, a kill by its crash entry.
    expect(say({ t: 0, kind: 'action', text: 'propose p1 "x"', action: { type: 'propose', sid: 4, value: 'x' } })).toBeNull();
    expect(say({ t: 0, kind: 'action', text: 'kill a1', action: { type: 'kill', sid: 1 } })).toBeNull();
  });

  it('drives the event log reader: lines from a growing trace', () => {
    const reader = new EventLogReader(5000, protocolSentence(src));
    const trace = [{ t: 0, kind: 'start', sid: 1 }, { t: 10, kind: 'event', sid: 2, event: promise }] as unknown as TraceEntry[];
    expect(reader.read(trace)).toBe(true);
    expect(reader.lines.map((l) => l.text)).toEqual(['a1 started', 'a2 promises ballot 1.1 to p1 (it has accepted nothing yet)']);
  });
});
