/**
 * Time travel from the UI (issue 5): step to the next vote / proposal / commit / role change,
 * breakpoints that pause playback, the time slider's seeks, and branches. A small slice of its
 * own (breakpoints and the last hit); everything that touches the runtime goes through the
 * session's operation queue, like every other verb.
 */
import { create } from 'zustand';
import { describeHitText, formatTime } from '../cli/lab.ts';
import type { BreakHit, BranchInfo } from '../worker/runtime.ts';

export type { BranchInfo };
import { runConsoleLine } from './actions.ts';
import { appendConsole, requireSession, currentSession, syncLab } from './session.ts';

/** Breakpoint kinds offered in the UI: the protocol's (`role` and packet types as `lab log` names them). */
function breakpointKinds(): readonly string[] {
  return currentSession()?.runtime.protocol.breakpointKinds ?? [];
}

export interface TimeTravelState {
  /** Active breakpoints (mirrored onto the runtime). */
  breakpoints: string[];
  /** The last breakpoint or step-to target hit, as text (null: none since). */
  lastHit: string | null;
}

export const useTimeTravelStore = create<TimeTravelState>()(() => ({ breakpoints: [], lastHit: null }));

function report(e: unknown): void {
  console.error(e);
  appendConsole([{ kind: 'error', text: `lab: internal error: ${e instanceof Error ? e.message : String(e)}` }]);
}

/** Turns a breakpoint on or off. */
export function toggleBreakpoint(kind: string, on: boolean): void {
  const session = currentSession();
  const set = new Set(useTimeTravelStore.getState().breakpoints);
  if (on) set.add(kind);
  else set.delete(kind);
  const list = breakpointKinds().filter((k) => set.has(k));
  useTimeTravelStore.setState({ breakpoints: list });
  if (!session) return;
  session.runtime.breakpoints.clear();
  for (const k of list) session.runtime.breakpoints.add(k);
}

/** Called by the frame loop when playback hit a breakpoint: pause there and say why. */
export function breakpointHit(hit: BreakHit): void {
  const session = currentSession();
  session?.playback.send({ type: 'PAUSE' });
  useTimeTravelStore.setState({ lastHit: session ? describeHitText(hit.entry, session.controller) : null });
  syncLab();
}

/**
 * Pauses and runs to the next event of one of the protocol's step targets (its "Next …" buttons):
 * like `lab step vote|proposal|commit|role` (or `lab step PREPARE` …) where `lab step` names it, and
 * otherwise event by event to the moment the target's matcher picks (a value becoming chosen),
 * saying so in the console.
 */
export async function stepToNext(id: string): Promise<void> {
  const session = requireSession();
  session.playback.send({ type: 'PAUSE' });
  const target = session.runtime.protocol.stepTargets.find((s) => s.id === id);
  try {
    if (!target || target.lab !== undefined) {
      await runConsoleLine(`lab step ${target?.lab ?? id}`);
    } else if (target.matcher) {
      const matcher = target.matcher;
      const { steps, hit } = await session.ops.run(() => session.runtime.stepUntil(matcher(session.runtime.sim)));
      const what = hit ? describeHitText(hit.entry, session.controller) : `no ${id} within ${steps} events`;
      appendConsole([{ kind: 'info', text: `(next ${id}) stepped ${steps} event${steps === 1 ? '' : 's'} to ${what}; time ${formatTime(session.runtime.sim.now)}` }]);
    }
    useTimeTravelStore.setState({ lastHit: describeHitText(session.runtime.lastBreak?.entry ?? null, session.controller) });
  } catch (e) {
    report(e);
  } finally {
    syncLab();
  }
}

let seekTarget: number | null = null;
let seeking: Promise<void> | null = null;

/**
 * Seeks to simulated time `ms` (the slider): pauses, then rewinds or fast-forwards exactly.
 * While a seek runs, newer targets replace older ones, so dragging costs one seek at a time.
 */
export function seekSlider(ms: number): Promise<void> {
  const session = requireSession();
  session.playback.send({ type: 'PAUSE' });
  seekTarget = ms;
  if (seeking) return seeking;
  seeking = (async () => {
    try {
      while (seekTarget !== null) {
        const t = seekTarget;
        seekTarget = null;
        await session.ops.run(() => session.runtime.seek(t));
        syncLab();
      }
    } catch (e) {
      report(e);
    } finally {
      seeking = null;
    }
  })();
  return seeking;
}

/** Goes to another branch where it was left, like `lab branch N`. */
export async function switchBranch(id: number): Promise<void> {
  const session = requireSession();
  session.playback.send({ type: 'PAUSE' });
  try {
    await session.ops.run(() => session.runtime.switchBranch(id));
  } catch (e) {
    report(e);
  } finally {
    syncLab();
  }
}

/** The run's branches (read straight from the runtime; cheap). */
export function branchList(): BranchInfo[] {
  return currentSession()?.runtime.branchList() ?? [];
}
