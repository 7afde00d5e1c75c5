import { describe, expect, test } from 'vitest';
import { parseEmbedMessage, MAX_LINE, MAX_STEP } from './embedApi.ts';
import { DEFAULT_EMBED_VIEWS, embedLink, iframeSnippet, parseEmbedParams } from './embedParams.ts';

describe('embed parameters', () => {
  const p = (s: string) => parseEmbedParams(new URLSearchParams(s));
  test('no embed, or embed switched off, is the whole lab', () => {
    expect(p('voters=3')).toBeNull();
    expect(p('embed=0')).toBeNull();
    expect(p('embed=false')).toBeNull();
  });
  test('?embed alone shows the default views', () => {
    expect(p('embed')).toEqual({ views: [...DEFAULT_EMBED_VIEWS], unknown: [] });
    expect(p('embed=1&views=')).toEqual({ views: [...DEFAULT_EMBED_VIEWS], unknown: [] });
  });
  test('views are laid out in the page order; unknown names are reported once', () => {
    expect(p('embed&views=console,ring,events')).toEqual({ views: ['ring', 'events', 'console'], unknown: [] });
    expect(p('embed&views=Ring,%20spacetime,bogus,bogus')).toEqual({ views: ['ring', 'spacetime'], unknown: ['bogus'] });
    expect(p('embed&views=bogus')).toEqual({ views: [...DEFAULT_EMBED_VIEWS], unknown: ['bogus'] });
  });
  test('an embed link keeps every other parameter', () => {
    expect(embedLink('https://lab.example/?voters=5&seed=7&run=abc', ['ring', 'console'])).toBe(
      'https://lab.example/?voters=5&seed=7&run=abc&embed&views=ring,console',
    );
    expect(embedLink('https://lab.example/x/?embed=1&views=tree')).toBe(`https://lab.example/x/?embed&views=${DEFAULT_EMBED_VIEWS.join(',')}`);
  });
  test('the snippet escapes its attributes', () => {
    expect(iframeSnippet('https://lab.example/?a=1&b="x"', 'Lab <1>')).toBe(
      '<iframe src="https://lab.example/?a=1&amp;b=&quot;x&quot;" title="Lab &lt;1&gt;" width="800" height="450" loading="lazy" allow="clipboard-write"></iframe>',
    );
  });
});

describe('embed messages', () => {
  test('anything but a lab-command object is ignored', () => {
    for (const garbage of [null, undefined, 'play', 42, [], ['lab-command'], { type: 'play' }, { command: 'play' }, { type: 'lab-reply', ok: true }]) {
      expect(parseEmbedMessage(garbage)).toBeNull();
    }
  });
  test('commands and their arguments', () => {
    expect(parseEmbedMessage({ type: 'lab-command', command: 'play' })).toEqual({ command: 'play', id: null });
    expect(parseEmbedMessage({ type: 'lab-command', command: 'pause', id: 'a' })).toEqual({ command: 'pause', id: 'a' });
    expect(parseEmbedMessage({ type: 'lab-command', command: 'step', id: 3 })).toEqual({ command: 'step', id: 3, n: 1 });
    expect(parseEmbedMessage({ type: 'lab-command', command: 'step', n: 5 })).toEqual({ command: 'step', id: null, n: 5 });
    expect(parseEmbedMessage({ type: 'lab-command', command: 'seek', time: 1500 })).toEqual({ command: 'seek', id: null, time: 1500 });
    expect(parseEmbedMessage({ type: 'lab-command', command: 'run', line: 'ls /' })).toEqual({ command: 'run', id: null, line: 'ls /' });
    expect(parseEmbedMessage({ type: 'lab-command', command: 'subscribe' })).toEqual({ command: 'subscribe', id: null });
  });
  test('a bad command or argument is an error (with the id, when it is one), never run', () => {
    const err = (m: object) => parseEmbedMessage({ type: 'lab-command', ...m });
    expect(err({ command: 'eval', id: 1 })).toMatchObject({ id: 1, error: expect.stringContaining('unknown command') });
    expect(err({ command: 'step', n: 0 })).toHaveProperty('error');
    expect(err({ command: 'step', n: MAX_STEP + 1 })).toHaveProperty('error');
    expect(err({ command: 'step', n: 1.5 })).toHaveProperty('error');
    expect(err({ command: 'step', n: '2' })).toHaveProperty('error');
    expect(err({ command: 'seek', time: -1 })).toHaveProperty('error');
    expect(err({ command: 'seek', time: Number.NaN })).toHaveProperty('error');
    expect(err({ command: 'seek' })).toHaveProperty('error');
    expect(err({ command: 'run', line: 'ls /\nlab kill 1' })).toHaveProperty('error');
    expect(err({ command: 'run', line: 'x'.repeat(MAX_LINE + 1) })).toHaveProperty('error');
    expect(err({ command: 'run', line: { toString: () => 'ls /' } })).toHaveProperty('error');
    // An id that is not a short string or a finite number is dropped, not echoed.
    expect(err({ command: 'play', id: { evil: true } })).toEqual({ command: 'play', id: null });
    expect(err({ command: 'play', id: 'x'.repeat(101) })).toEqual({ command: 'play', id: null });
  });
});
