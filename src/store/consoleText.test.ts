import { describe, expect, test } from 'vitest';
import { applyPaste, browseHistory, isLabLine, pushHistory, splitCommandLines, type HistoryCursor } from './consoleText.ts';

describe('splitCommandLines', () => {
  test('one command per line, any line ending, inner blanks kept', () => {
    expect(splitCommandLines('lab run 5s\r\nls /\rget /a\n\nstat /')).toEqual(['lab run 5s', 'ls /', 'get /a', '', 'stat /']);
  });
  test('surrounding blank lines are dropped', () => {
    expect(splitCommandLines('\n\n  ls /  \n\n')).toEqual(['  ls /  ']);
    expect(splitCommandLines('')).toEqual([]);
  });
});

describe('applyPaste', () => {
  test('a paste without a line break just edits the box', () => {
    expect(applyPaste('ls ', '/zoo', 'keeper')).toEqual({ run: [], rest: 'ls /zookeeper' });
  });
  test('complete lines run in order; the tail stays', () => {
    expect(applyPaste('', 'lab pause\nlab status\nls', '')).toEqual({ run: ['lab pause', 'lab status'], rest: 'ls' });
  });
  test('a trailing newline runs everything; text already in the box joins the first line', () => {
    expect(applyPaste('lab ', 'run 1s\r\nlab hash\r\n', '')).toEqual({ run: ['lab run 1s', 'lab hash'], rest: '' });
  });
});

describe('isLabLine', () => {
  test('routes lab commands only', () => {
    expect(isLabLine('lab status')).toBe(true);
    expect(isLabLine('  lab')).toBe(true);
    expect(isLabLine('labels')).toBe(false);
    expect(isLabLine('ls /lab')).toBe(false);
  });
});

describe('history', () => {
  test('pushHistory skips blanks and repeats and keeps the newest', () => {
    let h = pushHistory([], 'a');
    h = pushHistory(h, 'a');
    h = pushHistory(h, '  ');
    h = pushHistory(h, 'b');
    expect(h).toEqual(['a', 'b']);
    expect(pushHistory(['1', '2', '3'], '4', 3)).toEqual(['2', '3', '4']);
  });

  test('up walks back, down walks forward and returns the draft', () => {
    const h = ['ls /', 'get /a', 'lab status'];
    let c: HistoryCursor = { index: null, draft: '' };
    let r = browseHistory(h, c, 'typing', -1);
    expect(r.value).toBe('lab status');
    c = r.cursor;
    r = browseHistory(h, c, r.value, -1);
    expect(r.value).toBe('get /a');
    r = browseHistory(h, r.cursor, r.value, -1);
    r = browseHistory(h, r.cursor, r.value, -1);
    expect(r.value).toBe('ls /');
    r = browseHistory(h, r.cursor, r.value, 1);
    expect(r.value).toBe('get /a');
    r = browseHistory(h, r.cursor, r.value, 1);
    r = browseHistory(h, r.cursor, r.value, 1);
    expect(r.value).toBe('typing');
    expect(r.cursor.index).toBeNull();
  });

  test('down on a fresh line and browsing an empty history change nothing', () => {
    const c: HistoryCursor = { index: null, draft: '' };
    expect(browseHistory(['x'], c, 'abc', 1).value).toBe('abc');
    expect(browseHistory([], c, 'abc', -1).value).toBe('abc');
  });
});
