import { describe, expect, test } from 'vitest';
import {
  applyPaste, browseHistory, completeLine, consoleTranscript, isLabLine, pushHistory, selectedConsoleText, splitCommandLines,
  type CompletionSources, type HistoryCursor,
} from './consoleText.ts';

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

describe('completeLine', () => {
  const tree: Record<string, string[]> = { '/': ['app', 'zookeeper'], '/app': ['eph', 'lock-0000000001', 'lock-0000000002'] };
  const src: CompletionSources = {
    commands: ['create', 'close', 'connect', 'get', 'getAcl', 'ls'],
    labCommands: ['kill', 'run', 'status'],
    children: (p) => tree[p] ?? null,
  };
  test('a unique command is completed with a space', () => {
    expect(completeLine('cre', 3, src)).toEqual({ value: 'create ', caret: 7, candidates: ['create'] });
  });
  test('several commands: their common prefix, and the candidates', () => {
    expect(completeLine('c', 1, src)).toEqual({ value: 'c', caret: 1, candidates: ['close', 'connect', 'create'] });
    expect(completeLine('co', 2, src)?.value).toBe('connect ');
    expect(completeLine('ge', 2, src)).toEqual({ value: 'get', caret: 3, candidates: ['get', 'getAcl'] });
  });
  test('lab subcommands', () => {
    expect(completeLine('lab st', 6, src)?.value).toBe('lab status ');
    expect(completeLine('la', 2, src)?.value).toBe('lab ');
  });
  test('paths from the tree, at the caret, keeping the rest of the line', () => {
    expect(completeLine('ls /a', 5, src)).toEqual({ value: 'ls /app', caret: 7, candidates: ['/app'] });
    expect(completeLine('get /app/e', 10, src)?.value).toBe('get /app/eph');
    expect(completeLine('get /app/lo', 11, src)).toEqual({ value: 'get /app/lock-000000000', caret: 23, candidates: ['/app/lock-0000000001', '/app/lock-0000000002'] });
    expect(completeLine('set /a x', 6, src)?.value).toBe('set /app x');
    expect(completeLine('ls /', 4, src)?.candidates).toEqual(['/app', '/zookeeper']);
  });
  test('nothing to complete', () => {
    expect(completeLine('ls /nope/x', 10, src)).toBeNull();
    expect(completeLine('create /a da', 12, src)).toBeNull();
    expect(completeLine('xyz', 3, src)).toEqual({ value: 'xyz', caret: 3, candidates: [] });
  });
});

describe('completeLine: process names', () => {
  const src = { commands: ['propose'], labCommands: ['kill', 'start'], children: () => null, names: ['a1', 'a2', 'a3', 'p1', 'p2', 'l1'], nameCommands: ['propose'] };

  test('completes a later word of a lab line or of a command that takes processes from their names', () => {
    expect(completeLine('lab kill a', 10, src)).toEqual({ value: 'lab kill a', caret: 10, candidates: ['a1', 'a2', 'a3'] });
    expect(completeLine('lab kill l', 10, src)?.value).toBe('lab kill l1 ');
    expect(completeLine('propose p', 9, src)?.candidates).toEqual(['p1', 'p2']);
    expect(completeLine('pro', 3, src)?.value).toBe('propose ');
  });

  test('leaves other words alone: a value, or a word of a command that takes no process', () => {
    expect(completeLine('propose p1 a', 12, src)).toEqual({ value: 'propose p1 a', caret: 12, candidates: ['a1', 'a2', 'a3'] });
    expect(completeLine('set /x a', 8, { ...src, commands: ['set'], nameCommands: [] })).toBeNull();
  });
});

describe('copying the output', () => {
  // What zkCli prints when a data watch fires: blank lines around WATCHER::.
  const out = ['[zk: zk1:2181(CONNECTED) 1] set /w 2', '', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:NodeDataChanged path:/w'];
  test('the transcript is every line with its line break, blank lines included', () => {
    expect(consoleTranscript(out)).toBe(`${out.join('\n')}\n`);
    expect(consoleTranscript([])).toBe('');
  });
  test('a selection of whole lines keeps the blank lines and the last break', () => {
    expect(selectedConsoleText(out, { line: 0, offset: 0 }, { line: 5, offset: 0 })).toBe(consoleTranscript(out));
    expect(selectedConsoleText(out, { line: 2, offset: 0 }, { line: 4, offset: 12 })).toBe('WATCHER::\n\nWatchedEvent');
    expect(selectedConsoleText(out, { line: 1, offset: 0 }, { line: 4, offset: 0 })).toBe('\nWATCHER::\n\n');
  });
  test('within one line, and clamped', () => {
    expect(selectedConsoleText(out, { line: 2, offset: 1 }, { line: 2, offset: 4 })).toBe('ATC');
    expect(selectedConsoleText(out, { line: -3, offset: -1 }, { line: 99, offset: 5 })).toBe(consoleTranscript(out));
    expect(selectedConsoleText(out, { line: 3, offset: 0 }, { line: 1, offset: 0 })).toBe('');
    expect(selectedConsoleText([], { line: 0, offset: 0 }, { line: 0, offset: 0 })).toBe('');
  });
});
