/**
 * Pure text handling of the console (DESIGN.md §4): splitting pasted text into commands,
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
