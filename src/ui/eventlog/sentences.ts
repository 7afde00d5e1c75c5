/**
 * The run's events as sentences ("zk2 votes for zk3: zxid 0x100000004, epoch 1"): a pure
 * function from trace entries (src/sim/trace.ts) to lines, and a reader that turns a growing
 * trace into lines incrementally (never the whole trace per frame). Packets themselves are not
 * lines — the cluster view and `lab log` show them; the log keeps what a person would narrate.
 */
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import type { LabAction } from '../../protocol/actions.ts';
import { AGENT_BASE as CLIENT_BASE } from '../../sim/simulation.ts';
import { hexLong } from '../../cli/zkcli/format.ts';
import { t } from '../strings.ts';
import { tr } from '../strings.ts';
import type { ZkLogLine } from '../../protocol/zkLog.ts';

/** One of ZooKeeper's log lines in the current language (the app loads `zookeeper.log.*` from src/protocol/zkLog.ts). */
const zkLogText = (l: ZkLogLine): string => tr(`zookeeper.log.${l.key}`, l.values);

export type EventCategory = 'fault' | 'election' | 'role' | 'zab' | 'txn' | 'client';
export const EVENT_CATEGORIES: readonly EventCategory[] = ['fault', 'election', 'role', 'zab', 'txn', 'client'];

export interface EventLine {
  /** Index of the trace entry (unique within one run). */
  index: number;
  /** Simulated ms. */
  t: number;
  /** An EventCategory (ZooKeeper), or one of the protocol's own event categories (registry eventCategories). */
  category: string;
  /** The servers the sentence is about (for the filter); the first is its subject. */
  sids: number[];
  text: string;
}

/** What a sentence needs to know about the run so far (kept by the reader). */
export interface SentenceContext {
  /** Servers LEADING now: their `applied` is a commit. */
  leading: ReadonlySet<number>;
}

const name = (sid: number): string => (sid > CLIENT_BASE ? `c${sid - CLIENT_BASE}` : `zk${sid}`);
const zx = (v: number): string => hexLong(v);
const epochText = (v: number): string => (v < 0 ? hexLong(v) : String(v));
/**
 * A user action as a sentence, from the action itself (the trace records it as data beside its
 * text): never by reading the text back.
 */
function actionLine(a: LabAction | undefined, text: string): { category: EventCategory; text: string; sids: number[] } | null {
  if (!a) return { category: 'fault', text: t.ev.action(text), sids: [] };
  switch (a.type) {
    // kill / start / wipe have their own entries (crash, start, wipe) right after the action.
    case 'kill':
    case 'start':
    case 'wipe':
      return null;
    case 'partition':
      return { category: 'fault', text: t.ev.partition(a.groups.map((g) => g.map(name).join(','))), sids: a.groups.flat() };
    case 'cut':
      return { category: 'fault', text: t.ev.cut(name(a.from), name(a.to), a.oneWay), sids: [a.from, a.to] };
    case 'heal':
      if (a.from === undefined || a.to === undefined) return { category: 'fault', text: t.ev.healAll, sids: [] };
      return { category: 'fault', text: t.ev.heal(name(a.from), name(a.to), a.oneWay ?? false), sids: [a.from, a.to] };
    case 'addClient':
      return { category: 'client', text: t.ev.clientConnects(name(a.cid), name(a.server)), sids: [a.server] };
    case 'client':
      return { category: 'client', text: t.ev.clientSends(name(a.cid), a.input.type === 'op' ? a.input.op.op : a.input.type), sids: [] };
    // Requests (scripted clients of lessons and tests, proposals) show as the request entry that follows.
    case 'request':
    case 'propose':
      return null;
    case 'delay':
    case 'faults':
      return { category: 'fault', text: t.ev.action(text), sids: [a.from, a.to] };
    // `add zk4 observer`; the new server's start entry follows.
    case 'addServer':
      return { category: 'fault', text: t.ev.action(text), sids: [a.sid] };
    // `load clients=12 reads=90% …` / `load stop` (its requests show as request entries).
    case 'load':
      return { category: 'client', text: t.ev.action(text), sids: [] };
  }
}

/** One trace entry as a sentence, or null when it is not worth a line. Pure. */
export function eventSentence(e: TraceEntry, index: number, ctx: SentenceContext): EventLine | null {
  const line = (category: EventCategory, sids: number[], text: string): EventLine => ({ index, t: e.t, category, sids, text });
  switch (e.kind) {
    case 'start':
      return line('fault', [e.sid], t.ev.started(name(e.sid)));
    case 'crash':
      return line('fault', [e.sid], e.reason === 'killed' ? t.ev.killed(name(e.sid)) : t.ev.crashed(name(e.sid), e.reason));
    case 'wipe':
      return line('fault', [e.sid], t.ev.wiped(name(e.sid)));
    case 'action': {
      const a = actionLine(e.action, e.text);
      return a ? line(a.category, a.sids, a.text) : null;
    }
    case 'request': {
      const r = e.req.request;
      return line('client', [e.sid], t.ev.request(hexLong(e.req.sessionId), name(e.sid), r.type, 'path' in r ? r.path : ''));
    }
    case 'deliver': {
      const m = e.msg;
      if (m.type === 'ConnectResponse' && e.to > CLIENT_BASE) {
        return m.timeOut > 0
          ? line('client', [e.from], t.ev.sessionEstablished(name(e.to), hexLong(m.sessionId), name(e.from)))
          : line('client', [e.from], t.ev.sessionRefused(name(e.to), name(e.from)));
      }
      return null;
    }
    case 'event': {
      const ev = e.event;
      const s = name(e.sid);
      switch (ev.kind) {
        case 'state':
          return line('role', [e.sid], ev.reason ? t.ev.becomesBecause(s, ev.to, zkLogText(ev.reason)) : t.ev.becomes(s, ev.to));
        case 'election-start':
          return line('election', [e.sid], ev.vote.id < 0
            ? t.ev.electionStartNoVote(s, ev.logicalclock)
            : t.ev.electionStart(s, ev.logicalclock, name(ev.vote.id), zx(ev.vote.zxid), epochText(ev.vote.peerEpoch)));
        case 'vote-change':
          return line('election', [e.sid, ev.vote.id], t.ev.votes(s, name(ev.vote.id), zx(ev.vote.zxid), epochText(ev.vote.peerEpoch)));
        case 'elected':
          return line('election', [e.sid, ev.leader], t.ev.elected(s, name(ev.leader), ev.logicalclock));
        case 'zab':
          return line('zab', [e.sid], t.ev.zab(s, zkLogText(ev.log)));
        case 'established':
          return line('zab', [e.sid], t.ev.established(s, ev.epoch));
        case 'sync':
          return line('zab', [ev.learner, e.sid], t.ev.synced(name(ev.learner), ev.mode, s, zx(ev.peerLastZxid)));
        case 'proposed':
          return line('txn', [e.sid], t.ev.proposes(s, zx(ev.zxid)));
        case 'applied':
          return line('txn', [e.sid], ctx.leading.has(e.sid) ? t.ev.commits(s, zx(ev.zxid)) : t.ev.applies(s, zx(ev.zxid)));
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * Turns a trace into lines as it grows, keeping at most `cap` of the newest. A new trace (a
 * rewind replaced the simulation) is read again from its start; the lines of the old run past
 * the new end stay as `ahead` (the moments a seek forward replays) until the new run differs
 * from them (a new branch).
 */
export class EventLogReader {
  private trace: readonly TraceEntry[] | null = null;
  private index = 0;
  private leading = new Set<number>();
  lines: EventLine[] = [];
  ahead: EventLine[] = [];

  /** `sentence`: how an entry becomes a line (ZooKeeper's eventSentence, or another protocol's: ./protocolSentences.ts). */
  constructor(
    private readonly cap = 5000,
    private readonly sentence: (e: TraceEntry, index: number, ctx: SentenceContext) => EventLine | null = eventSentence,
  ) {}

  /** Reads what is new; returns true when the lines changed (then `lines`/`ahead` are new arrays). */
  read(trace: readonly TraceEntry[]): boolean {
    let changed = false;
    if (trace !== this.trace || trace.length < this.index) {
      const old = this.lines.concat(this.ahead);
      this.trace = trace;
      this.index = 0;
      this.leading = new Set();
      this.lines = [];
      this.ahead = old.filter((l) => l.index >= trace.length);
      changed = true;
    }
    if (this.index >= trace.length) return changed;
    const added: EventLine[] = [];
    for (let i = this.index; i < trace.length; i++) {
      const e = trace[i]!;
      if (e.kind === 'event' && e.event.kind === 'state') {
        if (e.event.to === 'LEADING') this.leading.add(e.sid);
        else this.leading.delete(e.sid);
      } else if (e.kind === 'crash') {
        this.leading.delete(e.sid);
      }
      const l = this.sentence(e, i, { leading: this.leading });
      if (l) added.push(l);
    }
    this.index = trace.length;
    if (this.ahead.length > 0) {
      // The replayed part must say what the old run said; otherwise this is another branch.
      const replayed = this.ahead.filter((l) => l.index < trace.length);
      const byIndex = new Map(added.map((l) => [l.index, l.text]));
      const same = replayed.every((l) => byIndex.get(l.index) === l.text);
      const newLines = added.filter((l) => !this.ahead.some((a) => a.index === l.index));
      if (!same || newLines.some((l) => l.index >= (replayed[0]?.index ?? Infinity))) this.ahead = [];
      else if (replayed.length > 0) this.ahead = this.ahead.filter((l) => l.index >= trace.length);
      changed = true;
    }
    if (added.length === 0) return changed;
    const all = this.lines.concat(added);
    this.lines = all.length > this.cap ? all.slice(all.length - this.cap) : all;
    return true;
  }
}

export interface EventFilter {
  /** Only lines about this server (null: all). */
  sid: number | null;
  /** Categories shown. */
  categories: ReadonlySet<string>;
}

export function filterEvents(lines: readonly EventLine[], f: EventFilter): EventLine[] {
  return lines.filter((l) => f.categories.has(l.category) && (f.sid === null || l.sids.includes(f.sid)));
}

/** `4000` → `4s`, `1234.5` → `1234.5ms`: how `lab seek` is given a moment. */
export function seekArg(ms: number): string {
  return Number.isInteger(ms) && ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
