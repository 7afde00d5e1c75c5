/**
 * The embed's postMessage API (README "Embedding"): the page around an `?embed` frame drives the
 * lab — play, pause, step, seek, run a console line — and hears what happens.
 *
 * In, from the frame's parent only: `{type: 'lab-command', command, id?, …}`
 *   play · pause · step `{n?: 1…1000}` · seek `{time: ms}` · run `{line}` · subscribe.
 * Out: `{type: 'lab-ready', api: 1, protocol, processes, views}` once the lab runs (to any
 * origin: it carries nothing but names); to the origin of the parent that sent a command:
 * `{type: 'lab-reply', id, command, ok, output?, error?}` for each command, and from then on
 * `{type: 'lab-event', kind: 'log' | 'role' | 'rewind', …}` as the run goes.
 *
 * Messages are data, checked field by field; anything else is ignored; nothing is evaluated. A
 * `lab-command` that fails the checks gets an error reply, so a host learns what it got wrong.
 * This file's message checks are pure; the bridge to the store is ./embedBridge.ts.
 */

export const EMBED_API_VERSION = 1;

export type EmbedCommand =
  | { command: 'play' | 'pause' | 'subscribe'; id: EmbedId }
  | { command: 'step'; id: EmbedId; n: number }
  | { command: 'seek'; id: EmbedId; time: number }
  | { command: 'run'; id: EmbedId; line: string };

/** A host's tag for a command, echoed in its reply. */
export type EmbedId = string | number | null;

export const MAX_STEP = 1000;
export const MAX_LINE = 2000;
/** The furthest a seek may go: a day of simulated time. */
export const MAX_SEEK_MS = 86_400_000;

/** What a lab-command message asks, or why it cannot be done; null: not a lab-command at all (ignored). */
export function parseEmbedMessage(data: unknown): EmbedCommand | { error: string; id: EmbedId } | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const m = data as Record<string, unknown>;
  if (m.type !== 'lab-command') return null;
  const rawId = m.id;
  const id: EmbedId =
    (typeof rawId === 'string' && rawId.length <= 100) || (typeof rawId === 'number' && Number.isFinite(rawId)) ? rawId : null;
  const bad = (error: string) => ({ error, id });
  switch (m.command) {
    case 'play':
    case 'pause':
    case 'subscribe':
      return { command: m.command, id };
    case 'step': {
      const n = m.n === undefined ? 1 : m.n;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_STEP) return bad(`step: n must be a whole number from 1 to ${MAX_STEP}`);
      return { command: 'step', id, n };
    }
    case 'seek': {
      const time = m.time;
      if (typeof time !== 'number' || !Number.isFinite(time) || time < 0 || time > MAX_SEEK_MS) return bad(`seek: time must be simulated milliseconds from 0 to ${MAX_SEEK_MS}`);
      return { command: 'seek', id, time };
    }
    case 'run': {
      const line = m.line;
      if (typeof line !== 'string' || line.length > MAX_LINE || /[\r\n]/.test(line)) return bad(`run: line must be one console line of at most ${MAX_LINE} characters`);
      return { command: 'run', id, line };
    }
    default:
      return bad('unknown command: expected play, pause, step, seek, run or subscribe');
  }
}

export interface EmbedReply {
  type: 'lab-reply';
  id: EmbedId;
  command: string | null;
  ok: boolean;
  output?: string[];
  error?: string;
}

export type EmbedEvent =
  | { type: 'lab-event'; kind: 'log'; index: number; t: number; category: string; processes: string[]; text: string }
  | { type: 'lab-event'; kind: 'role'; index: number; t: number; process: string; role: string }
  | { type: 'lab-event'; kind: 'rewind'; t: number };
