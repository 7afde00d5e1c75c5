/**
 * `?do=…`: console lines a link runs when the lab opens — an instructor's prepared demo, a soak
 * failure to look at, a state to share. Each `do` parameter is one or more lines (newlines inside
 * a value split it); all of them run in order through the console exactly as if pasted at once
 * (echoed, recorded, rewindable), before the first frame, so the result does not depend on how
 * fast the page is. Validated: at most MAX_LINES lines of at most MAX_LINE_CHARS characters; the
 * rest is reported, never run. Bad commands get their usual zkCli / lab error in the console.
 */
import { splitCommandLines } from './consoleText.ts';
import { urlProblem, type UrlProblem } from '../protocol/config.ts';

export const MAX_LINES = 200;
export const MAX_LINE_CHARS = 2000;

export interface UrlScript {
  lines: string[];
  /** What was not run, and why (English lines, and structured for the notice). */
  errors: string[];
  problems: UrlProblem[];
}

export function parseUrlScript(params: URLSearchParams): UrlScript {
  const lines: string[] = [];
  const problems: UrlProblem[] = [];
  let dropped = 0;
  for (const value of params.getAll('do')) {
    for (const raw of splitCommandLines(value)) {
      const line = raw.trim();
      if (line === '') continue;
      if (line.length > MAX_LINE_CHARS) {
        problems.push(urlProblem('doLong', { max: MAX_LINE_CHARS, start: `${line.slice(0, 40)}…` }));
        continue;
      }
      if (lines.length >= MAX_LINES) dropped += 1;
      else lines.push(line);
    }
  }
  if (dropped > 0) problems.push(urlProblem('doMany', { max: MAX_LINES, n: dropped }));
  return { lines, errors: problems.map((p) => p.text), problems };
}

/** A link that opens `base` (URL parameters of the ensemble) and runs `lines` in its console. */
export function urlWithScript(base: string, lines: readonly string[]): string {
  const params = new URLSearchParams(base.replace(/^\?/, ''));
  for (const l of lines) params.append('do', l);
  return `?${params.toString()}`;
}
