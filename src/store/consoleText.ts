/**
 * Pure text handling of the console (docs/architecture.md): splitting pasted text into commands,
 * routing `lab` lines, and ↑/↓ history. No React, no runtime: unit-tested in Node.
 */

/** Splits text into command lines, one per line (CRLF, CR or LF); surrounding blank lines dropped. */
export function splitCommandLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines;
}

/**
 * What a paste into the command box does, as in a terminal: every complete line runs at once, in
 * order; text after the last line break stays in the box. `before`/`after` are the box's text
 * around the selection the paste replaces.
 */
export function applyPaste(before: string, pasted: string, after: string): { run: string[]; rest: string } {
  const text = before + pasted + after;
  if (!/[\r\n]/.test(pasted)) return { run: [], rest: text };
  const parts = text.split(/\r\n|\r|\n/);
  const rest = parts.pop() ?? '';
  return { run: parts.filter((l) => l.trim() !== ''), rest };
}

/** Lines the lab answers itself (`lab …`); everything else is zkCli's. */
export function isLabLine(line: string): boolean {
  return /^\s*lab(\s|$)/.test(line);
}

/** Adds a command to history: no blanks, no immediate repeats, at most `max` entries. */
export function pushHistory(history: readonly string[], line: string, max = 500): string[] {
  const l = line.trim();
  if (l === '' || history[history.length - 1] === l) return [...history];
  const next = [...history, l];
  return next.length > max ? next.slice(next.length - max) : next;
}

/**
 * The history cursor for ↑ (dir −1) / ↓ (dir 1). `index` is null while editing a fresh line;
 * `draft` is that fresh line, given back when ↓ walks past the newest entry.
 */
export interface HistoryCursor {
  index: number | null;
  draft: string;
}

export function browseHistory(
  history: readonly string[],
  cursor: HistoryCursor,
  current: string,
  dir: -1 | 1,
): { cursor: HistoryCursor; value: string } {
  if (history.length === 0) return { cursor, value: current };
  if (cursor.index === null) {
    if (dir > 0) return { cursor, value: current };
    const index = history.length - 1;
    return { cursor: { index, draft: current }, value: history[index]! };
  }
  const index = cursor.index + dir;
  if (index < 0) return { cursor: { ...cursor, index: 0 }, value: history[0]! };
  if (index >= history.length) return { cursor: { index: null, draft: '' }, value: cursor.draft };
  return { cursor: { ...cursor, index }, value: history[index]! };
}

// ------------------------------------------------------------------ Tab completion

export interface CompletionSources {
  /** zkCli's command names. */
  commands: readonly string[];
  /** `lab` subcommands. */
  labCommands: readonly string[];
  /** The child names of a znode on the tab's server; null when unknown. */
  children: (path: string) => readonly string[] | null;
  /** The processes' names (`zk3`, `a1`, `p2` …): a later word of a `lab` line or of `nameCommands` completes from them. */
  names?: readonly string[];
  nameCommands?: readonly string[];
}

export interface Completion {
  value: string;
  caret: number;
  /** What matched: more than one means the reader has to choose (a terminal lists them). */
  candidates: string[];
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/**
 * Completes the word before the caret, as zkCli's JLine completer does: the first word from the
 * command names (and `lab`), `lab`'s second word from its subcommands, a word starting with `/`
 * from the children of its parent znode, a later word of a `lab` line (or of a command that takes
 * processes, such as Paxos' `propose`) from the processes' names. A single
 * match is completed (a command or a name gets a trailing space); several are completed to their
 * common prefix and returned as candidates. Null when there is nothing to complete here.
 */
export function completeLine(text: string, caret: number, src: CompletionSources): Completion | null {
  const before = text.slice(0, caret);
  const after = text.slice(caret);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.slice(lineStart);
  const m = /(\S*)$/.exec(line);
  const word = m?.[1] ?? '';
  const wordStart = before.length - word.length;
  const head = line.slice(0, line.length - word.length);
  const headWords = head.trim() === '' ? [] : head.trim().split(/\s+/);
  let candidates: string[];
  let isCommand = false;
  if (headWords.length === 0) {
    candidates = [...src.commands, 'lab'].filter((c) => c.startsWith(word));
    isCommand = true;
  } else if (headWords.length === 1 && headWords[0] === 'lab') {
    candidates = src.labCommands.filter((c) => c.startsWith(word));
    isCommand = true;
  } else if (word.startsWith('/')) {
    const slash = word.lastIndexOf('/');
    const dir = slash === 0 ? '/' : word.slice(0, slash);
    const prefix = word.slice(slash + 1);
    const kids = src.children(dir);
    if (kids === null) return null;
    const base = dir === '/' ? '' : dir;
    candidates = kids.filter((k) => k.startsWith(prefix)).map((k) => `${base}/${k}`);
  } else if (word !== '' && src.names && (headWords[0] === 'lab' || src.nameCommands?.includes(headWords[0]!)) && src.names.some((n) => n.startsWith(word))) {
    candidates = src.names.filter((n) => n.startsWith(word));
    isCommand = true;
  } else {
    return null;
  }
  candidates = [...new Set(candidates)].sort();
  let replacement = word;
  if (candidates.length === 1) replacement = candidates[0]! + (isCommand ? ' ' : '');
  else if (candidates.length > 1) replacement = commonPrefix(candidates);
  const value = before.slice(0, wordStart) + replacement + after;
  return { value, caret: wordStart + replacement.length, candidates };
}

// ------------------------------------------------------------------ copying the output

/**
 * The console's output as text, the way zkCli printed it: every line followed by a line break,
 * blank lines included (zkCli prints one before and after `WATCHER::`). What "Copy transcript"
 * puts on the clipboard.
 */
export function consoleTranscript(texts: readonly string[]): string {
  return texts.map((l) => `${l}\n`).join('');
}

/** A place in the console's output: a line's index and a character offset in its text. */
export interface LinePoint {
  line: number;
  offset: number;
}

/**
 * The text of a selection from `from` to `to` in the output's lines, as a terminal copies it:
 * lines joined by line breaks, blank lines kept, so a selection that ends at the start of a
 * line (or after the last one) ends with the previous line's break. Indices outside the lines are
 * clamped; a line index equal to the number of lines means "after the last line".
 */
export function selectedConsoleText(texts: readonly string[], from: LinePoint, to: LinePoint): string {
  const n = texts.length;
  const clampLine = (i: number) => Math.max(0, Math.min(n, i));
  const a = clampLine(from.line);
  const b = clampLine(to.line);
  if (b < a || n === 0) return '';
  const text = (i: number) => (i < n ? texts[i]! : '');
  const clampOffset = (i: number, o: number) => Math.max(0, Math.min(text(i).length, o));
  if (a === b) return text(a).slice(clampOffset(a, from.offset), clampOffset(b, to.offset));
  const parts = [text(a).slice(clampOffset(a, from.offset))];
  for (let i = a + 1; i < b; i++) parts.push(text(i));
  parts.push(text(b).slice(0, clampOffset(b, to.offset)));
  return parts.join('\n');
}
