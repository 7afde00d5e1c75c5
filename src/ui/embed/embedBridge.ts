/**
 * The embed's postMessage API wired to the lab (./embedApi.ts has the messages and their checks):
 * commands from the frame's parent go to the store's verbs; the run's events go back to the
 * parent that sent a command, read from the trace in the frame loop (ten times a second).
 */
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import {
  eventSource, laneRoleSource, pauseSimulation, playSimulation, runConsoleLineOutput, seekTo, stepEvent, subscribeFrameEvery, useLabStore,
} from '../../store/index.ts';
import { READERS } from '../eventlog/readers.ts';
import { EMBED_API_VERSION, parseEmbedMessage, type EmbedCommand, type EmbedEvent, type EmbedReply } from './embedApi.ts';

const EVENTS_EVERY_MS = 100;

/** Does what a command asks; resolves with its console output (`run`), if any. */
async function execute(c: EmbedCommand): Promise<string[] | undefined> {
  switch (c.command) {
    case 'play':
      playSimulation();
      return undefined;
    case 'pause':
      pauseSimulation();
      return undefined;
    case 'subscribe':
      return undefined;
    case 'step':
      for (let i = 0; i < c.n; i++) await stepEvent();
      return undefined;
    case 'seek':
      await seekTo(Math.round(c.time));
      return undefined;
    case 'run':
      return runConsoleLineOutput(c.line);
  }
}

/** Follows the run from its first event: each event-log line, each role change, each rewind. */
function followEvents(post: (e: EmbedEvent) => void): () => void {
  const state = useLabStore.getState();
  const reader = READERS[state.protocol.id]();
  const roles = laneRoleSource();
  const name = (id: number) => eventSource()?.name(id) ?? String(id);
  let upTo = 0;
  let generation: number | null = null;
  return subscribeFrameEvery(EVENTS_EVERY_MS, ({ sim, generation: g }) => {
    const trace = sim.trace as readonly TraceEntry[];
    if (generation !== null && g !== generation) {
      post({ type: 'lab-event', kind: 'rewind', t: sim.now });
      upTo = Math.min(upTo, trace.length);
    }
    generation = g;
    if (trace.length <= upTo) {
      upTo = trace.length;
      return;
    }
    const out: EmbedEvent[] = [];
    for (let i = upTo; i < trace.length; i++) {
      const e = trace[i]!;
      if (e.kind !== 'event') continue;
      const role = roles?.after(e.event);
      if (role) out.push({ type: 'lab-event', kind: 'role', index: i, t: e.t, process: name(e.sid), role });
    }
    reader.read(trace);
    for (const l of reader.lines) {
      if (l.index >= upTo) out.push({ type: 'lab-event', kind: 'log', index: l.index, t: l.t, category: l.category, processes: l.sids.map(name), text: l.text });
    }
    upTo = trace.length;
    // In the run's order; at one entry, the sentence before the role it reports.
    out.sort((a, b) => ('index' in a ? a.index : 0) - ('index' in b ? b.index : 0) || (a.kind === 'log' ? -1 : 1));
    for (const e of out) post(e);
  });
}

/**
 * Listens to the frame's parent and says `lab-ready`. Returns the stop. Outside a frame it does
 * nothing (no parent to talk to).
 */
export function startEmbedApi(views: readonly string[]): () => void {
  const parent = window.parent;
  if (parent === window) return () => {};
  /** The origin replies and events go to: the parent's, as its first command showed it. */
  let origin: string | null = null;
  let stopEvents: (() => void) | null = null;
  const send = (msg: EmbedReply | EmbedEvent) => {
    if (origin !== null) parent.postMessage(msg, origin);
  };
  const onMessage = (e: MessageEvent) => {
    if (e.source !== parent) return;
    const parsed = parseEmbedMessage(e.data);
    if (parsed === null) return;
    // An opaque origin (a sandboxed or file: page) can only be answered with '*'; it is still the parent.
    origin = e.origin === 'null' ? '*' : e.origin;
    stopEvents ??= followEvents(send);
    const command = typeof (e.data as { command?: unknown }).command === 'string' ? String((e.data as { command: string }).command).slice(0, 40) : null;
    if ('error' in parsed) {
      send({ type: 'lab-reply', id: parsed.id, command, ok: false, error: parsed.error });
      return;
    }
    execute(parsed).then(
      (output) => send({ type: 'lab-reply', id: parsed.id, command: parsed.command, ok: true, ...(output ? { output } : {}) }),
      (err: unknown) => send({ type: 'lab-reply', id: parsed.id, command: parsed.command, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  };
  window.addEventListener('message', onMessage);
  const s = useLabStore.getState();
  const processes = s.protocol.ids.map((id) => s.protocol.names[id] ?? String(id));
  parent.postMessage({ type: 'lab-ready', api: EMBED_API_VERSION, protocol: s.protocol.id, processes, views: [...views] }, '*');
  return () => {
    window.removeEventListener('message', onMessage);
    stopEvents?.();
  };
}
