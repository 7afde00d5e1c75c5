/**
 * The run's events as sentences for protocols that describe their events as structured text
 * (Paxos, Multi-Paxos): each event rendered by i18next from its key and values in the current
 * language ("a2 promises ballot 1.2 to p2 …", "a2 向 p2 承诺编号 1.2 …"), the kernel's entries
 * (start, crash, wipe) and the user's actions with the protocol's process names. Pure given the
 * source; the reader of ./sentences.ts reads the trace with it incrementally.
 */
import type { LabAction } from '../../protocol/actions.ts';
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import type { EventSource } from '../../store/index.ts';
import { t, tr } from '../strings.ts';
import type { EventLine } from './sentences.ts';

type Entry = TraceEntry | { t: number; kind: string; [k: string]: unknown };

function actionLine(a: LabAction | undefined, text: string, name: (id: number) => string): { text: string; sids: number[] } | null {
  if (!a) return { text: t.ev.action(text), sids: [] };
  switch (a.type) {
    // kill / start / wipe have their own entries (crash, start, wipe) right after the action;
    // a proposal is told by the process that gets it (its `propose` event).
    case 'kill':
    case 'start':
    case 'wipe':
    case 'propose':
    case 'request':
      return null;
    case 'partition':
      return { text: t.ev.partition(a.groups.map((g) => g.map(name).join(','))), sids: a.groups.flat() };
    case 'cut':
      return { text: t.ev.cut(name(a.from), name(a.to), a.oneWay), sids: [a.from, a.to] };
    case 'heal':
      if (a.from === undefined || a.to === undefined) return { text: t.ev.healAll, sids: [] };
      return { text: t.ev.heal(name(a.from), name(a.to), a.oneWay ?? false), sids: [a.from, a.to] };
    default:
      return { text: t.ev.action(text), sids: 'from' in a && 'to' in a ? [a.from, a.to] : [] };
  }
}

/** A sentence function for EventLogReader, from the lab's event source. */
export function protocolSentence(src: EventSource): (e: TraceEntry, index: number) => EventLine | null {
  return (entry, index) => {
    const e = entry as Entry;
    const line = (category: string, sids: number[], text: string): EventLine => ({ index, t: e.t, category, sids, text });
    switch (entry.kind) {
      case 'start':
        return line('fault', [entry.sid], t.ev.started(src.name(entry.sid)));
      case 'crash':
        return line('fault', [entry.sid], entry.reason === 'killed' ? t.ev.killed(src.name(entry.sid)) : t.ev.crashed(src.name(entry.sid), entry.reason));
      case 'wipe':
        return line('fault', [entry.sid], t.ev.wiped(src.name(entry.sid)));
      case 'action': {
        const a = actionLine(entry.action as LabAction | undefined, entry.text, src.name);
        return a ? line('fault', a.sids, a.text) : null;
      }
      case 'event': {
        const text = src.text(entry.event);
        if (!text) return null;
        return line(src.category(entry.event), [entry.sid, ...src.processes(entry.event).filter((id) => id !== entry.sid)], tr(text.key, text.values));
      }
      default:
        return null;
    }
  };
}
