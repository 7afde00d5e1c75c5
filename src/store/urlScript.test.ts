import { describe, expect, test } from 'vitest';
import { MAX_LINE_CHARS, MAX_LINES, parseUrlScript, urlWithScript } from './urlScript.ts';

describe('?do= console lines from a link', () => {
  test('each do is one or more lines, in order; blank lines are skipped', () => {
    const p = new URLSearchParams('voters=5&do=lab+run+3s&do=lab+kill+3%0A%0Acreate+%2Fa+%22x+y%22&do=');
    expect(parseUrlScript(p)).toEqual({ lines: ['lab run 3s', 'lab kill 3', 'create /a "x y"'], errors: [], problems: [] });
  });

  test('too many or too long lines are reported, not run', () => {
    const p = new URLSearchParams();
    for (let i = 0; i < MAX_LINES + 5; i++) p.append('do', `lab run ${i}ms`);
    p.append('do', 'x'.repeat(MAX_LINE_CHARS + 1));
    const { lines, errors } = parseUrlScript(p);
    expect(lines).toHaveLength(MAX_LINES);
    expect(lines.at(-1)).toBe(`lab run ${MAX_LINES - 1}ms`);
    expect(errors).toEqual([
      `do: a line longer than ${MAX_LINE_CHARS} characters was not run (${'x'.repeat(40)}…)`,
      `do: at most ${MAX_LINES} lines run from a link; 5 more were not run`,
    ]);
  });

  test('a link round-trips its lines, whatever characters they hold', () => {
    const lines = ['lab partition 1,2 3', 'create /a "x&y=z"', 'set /a 100%', 'get /a'];
    const url = urlWithScript('?voters=3&seed=7', lines);
    expect(url.startsWith('?voters=3&seed=7&do=')).toBe(true);
    expect(parseUrlScript(new URLSearchParams(url.slice(1))).lines).toEqual(lines);
  });
});
