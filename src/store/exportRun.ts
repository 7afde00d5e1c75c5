/**
 * Export and import verbs (issue 14): the run as a trace file (./traceFile.ts), its log for ShiViz
 * (./shiviz.ts), opening a trace file (validated, then replayed as a Share link would be), and a
 * walk through a span of simulated time for the ring's video. Everything goes through the
 * session's operation queue, like every other verb, so no command is half applied.
 */
import { configToParams } from '../protocol/config.ts';
import { MAX_RUN_PARAM, encodeRunParam } from './runParam.ts';
import { requireSession, syncLab } from './session.ts';
import { exportFileName } from './exportNames.ts';

export { exportFileName, MAX_TRACE_FILE } from './exportNames.ts';
// ./traceFile.ts (zod) and ./shiviz.ts load when used, not with the page (its first-load budget).

/** The run so far as a trace file: its text and a file name. */
export async function traceFileText(): Promise<{ text: string; name: string }> {
  const { encodeTraceFile } = await import('./traceFile.ts');
  const session = requireSession();
  return session.ops.run(() => {
    const rt = session.runtime;
    const run = rt.runData();
    return { text: encodeTraceFile(rt.config, run, rt.sim.traceHash(), rt.sim.trace.length), name: exportFileName(rt.config, run.head.t, 'json') };
  });
}

/** The run's log for ShiViz: its text and a file name. */
export async function shivizText(): Promise<{ text: string; name: string }> {
  const { shivizFile } = await import('./shiviz.ts');
  const session = requireSession();
  return session.ops.run(() => {
    const rt = session.runtime;
    const text = shivizFile(rt.sim.trace, { name: (id) => rt.sim.name(id), describe: (m) => rt.protocol.describeMessage(m as never) });
    return { text, name: exportFileName(rt.config, rt.sim.now, 'log', 'shiviz') };
  });
}

/** What the page that opens an imported trace checks on arrival (sessionStorage). */
export const IMPORT_CHECK_KEY = 'zookeeper-lab.import';

export interface ImportCheck {
  /** The file's name, its `lab hash` and the link's run value (so only that page checks). */
  name: string;
  hash: string;
  run: string;
}

/**
 * A trace file's text, checked (./traceFile.ts). A good one gives the address that replays it (the
 * Share link of its run: `?…&run=…`, with the page's language) and what that page should check;
 * a bad one a reason. Reading touches nothing of the lab.
 */
export async function importTraceLink(text: string, name: string, base: string, pageSearch: string): Promise<{ link: string; check: ImportCheck } | { error: string }> {
  const { parseTraceFile } = await import('./traceFile.ts');
  const parsed = parseTraceFile(text);
  if ('error' in parsed) return { error: parsed.error };
  const { trace } = parsed;
  const run = await encodeRunParam(trace.run);
  if (run.length > MAX_RUN_PARAM) return { error: `the run is too long to replay (over ${MAX_RUN_PARAM} characters as a link)` };
  const params = configToParams(trace.config);
  const lang = new URLSearchParams(pageSearch).get('lang');
  if (lang !== null) params.set('lang', lang);
  params.set('run', run);
  return { link: `${base}?${params.toString()}`, check: { name: name.slice(0, 200), hash: trace.hash, run } };
}

/** The lab's trace hash now (`lab hash`). */
export function currentTraceHash(): string | null {
  try {
    return requireSession().runtime.sim.traceHash();
  } catch {
    return null;
  }
}

/** The simulated time now, ms. */
export function currentSimTime(): number {
  try {
    return requireSession().runtime.sim.now;
  } catch {
    return 0;
  }
}

/**
 * Visits `times` (simulated ms, ascending) one by one — paused, each an exact seek — calling
 * `frame` at each (after the store has the world of that moment), then goes back to exactly where
 * the lab was (time and event) and plays again if it was playing. The run itself is unchanged:
 * seeking records nothing. `cancelled` stops early.
 */
export async function walkTimes(times: readonly number[], frame: (i: number, t: number) => Promise<void>, cancelled: () => boolean = () => false): Promise<void> {
  const session = requireSession();
  const rt = session.runtime;
  const wasPaused = rt.isPaused();
  session.playback.send({ type: 'PAUSE' });
  const back = await session.ops.run(() => ({ t: rt.sim.now, events: rt.sim.eventCount }));
  try {
    for (let i = 0; i < times.length && !cancelled(); i++) {
      await session.ops.run(() => rt.seek(times[i]!));
      syncLab();
      await frame(i, rt.sim.now);
    }
  } finally {
    await session.ops.run(async () => {
      await rt.seek(back.t);
      const diff = rt.sim.eventCount - back.events;
      if (diff > 0) await rt.back(diff);
      else if (diff < 0) await rt.stepEvents(-diff);
    });
    syncLab();
    if (!wasPaused) session.playback.send({ type: 'PLAY' });
  }
}
