/**
 * The store's verbs (DESIGN.md §2: "actions are verbs exported at module level"). Callable from
 * React, from the frame loop, from lessons and from the console. Everything that touches the
 * runtime goes through the session's operation queue.
 */
import { runLabCommand } from '../cli/lab.ts';
import type { Sid } from '../protocol/types.ts';
import { isLabLine, pushHistory, splitCommandLines } from './consoleText.ts';
import { useLabStore } from './labStore.ts';
import { addNoticeLines, appendConsole, currentSession, requireSession, syncLab } from './session.ts';
import { executeZkCliLine, takeAdvanceNote, zkCliPrompt } from './zkcliBridge.ts';

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function reportInternalError(e: unknown): void {
  console.error(e);
  appendConsole([{ kind: 'error', text: `lab: internal error: ${errorText(e)}` }]);
}

// ------------------------------------------------------------------ console

/**
 * Runs one console line: `lab …` lines go to the lab, everything else to zkCli. The line is
 * echoed after the prompt when it starts running; lines entered while another is running wait
 * their turn, in order. Resolves when its output is printed.
 */
export async function runConsoleLine(line: string): Promise<void> {
  const session = requireSession();
  useLabStore.setState((s) => ({ history: pushHistory(s.history, line), pendingCommands: s.pendingCommands + 1 }));
  try {
    await session.ops.run(async () => {
      appendConsole([{ kind: 'echo', text: zkCliPrompt() + line }]);
      if (line.trim() === '') return;
      if (isLabLine(line)) {
        const reply = await runLabCommand(session.controller, line);
        appendConsole(reply.lines.map((text) => ({ kind: reply.error ? ('error' as const) : ('out' as const), text })));
      } else {
        const lines = await executeZkCliLine(session.runtime, line);
        appendConsole(lines.map((text) => ({ kind: 'out' as const, text })));
        const note = takeAdvanceNote(session.runtime);
        if (note) appendConsole([{ kind: 'info', text: note }]);
      }
    });
  } catch (e) {
    reportInternalError(e);
  } finally {
    useLabStore.setState((s) => ({ pendingCommands: s.pendingCommands - 1 }));
    syncLab();
  }
}

/** Runs several lines (a paste), one command per line, in order. */
export async function runConsoleText(text: string): Promise<void> {
  const lines = splitCommandLines(text);
  // Queue every line at once so nothing entered later can slip in between them.
  await Promise.all(lines.map((l) => runConsoleLine(l)));
}

export function clearConsole(): void {
  useLabStore.setState({ consoleLines: [] });
}

// ------------------------------------------------------------------ servers

/** Kills a server's process, as `lab kill` does (and shows it in the console). */
export function killServer(sid: Sid): Promise<void> {
  return runConsoleLine(`lab kill zk${sid}`);
}

export function startServer(sid: Sid): Promise<void> {
  return runConsoleLine(`lab start zk${sid}`);
}

/** Erases a server's disk (it is down afterwards). */
export function wipeServer(sid: Sid): Promise<void> {
  return runConsoleLine(`lab wipe zk${sid}`);
}

export function healAllLinks(): Promise<void> {
  return runConsoleLine('lab heal');
}

export function selectServer(sid: Sid | null): void {
  useLabStore.setState({ selectedSid: sid });
}

export function toggleSelectedServer(sid: Sid): void {
  useLabStore.setState((s) => ({ selectedSid: s.selectedSid === sid ? null : sid }));
}

// ------------------------------------------------------------------ playback

export function playSimulation(): void {
  currentSession()?.playback.send({ type: 'PLAY' });
}

export function pauseSimulation(): void {
  currentSession()?.playback.send({ type: 'PAUSE' });
}

export function togglePlayback(): void {
  currentSession()?.playback.send({ type: 'TOGGLE' });
}

export function setSpeed(speed: number): void {
  currentSession()?.playback.send({ type: 'SET_SPEED', speed });
}

export function speedUp(): void {
  currentSession()?.playback.send({ type: 'FASTER' });
}

export function slowDown(): void {
  currentSession()?.playback.send({ type: 'SLOWER' });
}

/** Pauses and runs exactly the next event (one server input), like `lab step`. */
export async function stepEvent(): Promise<void> {
  const session = requireSession();
  session.playback.send({ type: 'PAUSE' });
  try {
    await session.ops.run(() => session.runtime.stepEvents(1));
  } catch (e) {
    reportInternalError(e);
  } finally {
    syncLab();
  }
}

// ------------------------------------------------------------------ notices

export function addNotice(kind: 'config' | 'error' | 'info', lines: string[]): number {
  return addNoticeLines(kind, lines);
}

export function dismissNotice(id: number): void {
  useLabStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}
