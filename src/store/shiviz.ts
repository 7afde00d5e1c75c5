/**
 * The run's log for ShiViz (https://bestchai.bitbucket.io/shiviz/), which draws a space-time
 * diagram from any log whose events carry vector clocks. Each event is two lines, matched by
 * ShiViz's default parser `(?<event>.*)\n(?<host>\S*) (?<clock>{.*})`: a one-line description,
 * then the host and its vector clock as JSON. Clocks come from the trace's send/deliver pairs
 * (Fidge/Mattern): an event on a host ticks the host's own entry; a delivery first takes the
 * element-wise maximum with the clock the send carried. A file to upload begins with the parser
 * (first line) and an empty multiple-executions delimiter (second line), as ShiViz reads files.
 */
import type { KernelTraceEntry } from '../sim/simulation.ts';

/** ShiViz's default log parser, as its input page shows it. */
export const SHIVIZ_REGEX = '(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})';

export type VectorClock = Record<string, number>;

export interface ShiVizEvent {
  host: string;
  description: string;
  clock: VectorClock;
  /** Index of the trace entry it came from. */
  entry: number;
  /** For a delivery: the index (in the events) of its send, when it is in the log. */
  sendEvent?: number;
}

export interface ShiVizOptions {
  /** A process's name (`zk3`, `a1`); clients are `cN`. */
  name: (id: number) => string;
  /** A message's details (the protocol's describeMessage); '' for none. */
  describe?: (msg: unknown) => string;
  /** Timer firings as local events (many; off by default). */
  timers?: boolean;
  /** User actions as events of a host `lab` (default on). */
  actions?: boolean;
}

const CLIENT_BASE = 1000;

function oneLine(s: string, max = 300): string {
  const flat = s.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function shortJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x instanceof Uint8Array ? `<${x.length} bytes>` : x)) ?? '';
  } catch {
    return '';
  }
}

function typeOf(v: unknown): string {
  if (typeof v === 'object' && v !== null && 'type' in v && typeof (v as { type: unknown }).type === 'string') return (v as { type: string }).type;
  return '';
}

/** The log's events with their vector clocks, in trace order. */
export function shivizEvents(trace: readonly KernelTraceEntry[], opts: ShiVizOptions): ShiVizEvent[] {
  const host = (id: number) => (id > CLIENT_BASE ? `c${id - CLIENT_BASE}` : opts.name(id)).replace(/\s+/g, '_') || `p${id}`;
  const describe = opts.describe ?? (() => '');
  const clocks = new Map<string, VectorClock>();
  const sent = new Map<number, { clock: VectorClock; event: number }>();
  const events: ShiVizEvent[] = [];
  const tick = (h: string, entry: number, description: string, merge?: { clock: VectorClock; event: number }): void => {
    const own = clocks.get(h) ?? {};
    const next: VectorClock = { ...own };
    if (merge) for (const [k, v] of Object.entries(merge.clock)) next[k] = Math.max(next[k] ?? 0, v);
    next[h] = (own[h] ?? 0) + 1;
    clocks.set(h, next);
    const e: ShiVizEvent = { host: h, description: oneLine(description), clock: next, entry };
    if (merge) e.sendEvent = merge.event;
    events.push(e);
  };
  const at = (t: number) => `${(t / 1000).toFixed(3)}s`;
  trace.forEach((e, i) => {
    switch (e.kind) {
      case 'send': {
        const detail = describe(e.msg);
        tick(host(e.from), i, `${at(e.t)} send ${typeOf(e.msg) || 'message'} ${host(e.from)}->${host(e.to)}${detail ? ` ${detail}` : ''}`);
        sent.set(e.id, { clock: clocks.get(host(e.from))!, event: events.length - 1 });
        break;
      }
      case 'deliver': {
        const detail = describe(e.msg);
        tick(host(e.to), i, `${at(e.t)} receive ${typeOf(e.msg) || 'message'} ${host(e.from)}->${host(e.to)}${detail ? ` ${detail}` : ''}`, sent.get(e.id));
        break;
      }
      case 'crash':
        tick(host(e.sid), i, `${at(e.t)} crash (${e.reason})`);
        break;
      case 'start':
        tick(host(e.sid), i, `${at(e.t)} start`);
        break;
      case 'wipe':
        tick(host(e.sid), i, `${at(e.t)} wipe`);
        break;
      case 'timer':
        if (opts.timers) tick(host(e.sid), i, `${at(e.t)} timer ${e.name}`);
        break;
      case 'event':
        tick(host(e.sid), i, `${at(e.t)} ${typeOf(e.event) || 'event'} ${shortJson(e.event)}`);
        break;
      case 'request':
        tick(host(e.sid), i, `${at(e.t)} request ${shortJson(e.req)}`);
        break;
      case 'reply':
        tick(host(e.sid), i, `${at(e.t)} reply ${shortJson(e.reply)}`);
        break;
      case 'notice':
        tick(host(e.cid), i, `${at(e.t)} ${typeOf(e.notice) || 'notice'} ${shortJson(e.notice)}`);
        break;
      case 'action':
        if (opts.actions ?? true) tick('lab', i, `${at(e.t)} lab ${e.text}`);
        break;
      default:
        // drop, hold, reset: no process observes them as an event.
        break;
    }
  });
  return events;
}

/** The log text: two lines per event (description; host and clock). */
export function shivizLog(events: readonly ShiVizEvent[]): string {
  return events.map((e) => `${e.description}\n${e.host} ${JSON.stringify(e.clock)}`).join('\n');
}

/** A file ShiViz's input page opens: its parser, an empty delimiter line, then the log. */
export function shivizFile(trace: readonly KernelTraceEntry[], opts: ShiVizOptions): string {
  return `${SHIVIZ_REGEX}\n\n${shivizLog(shivizEvents(trace, opts))}\n`;
}
