import { describe, expect, it } from 'vitest';
import { arrayDelta, mapDelta, patchArray, patchMap } from './delta.ts';

const o = (n: number) => ({ n });

describe('arrayDelta', () => {
  const [a, b, c, d, e] = [o(1), o(2), o(3), o(4), o(5)];
  it.each([
    ['appended', [a, b], [a, b, c, d], { from: 0, keep: 2, add: [c, d] }],
    ['a window moved on', [a, b, c], [b, c, d, e], { from: 1, keep: 2, add: [d, e] }],
    ['truncated and grown again', [a, b, c], [a, b, d], { from: 0, keep: 2, add: [d] }],
    ['all new', [a, b], [c, d], { from: 0, keep: 0, add: [c, d] }],
    ['emptied', [a, b], [], { from: 0, keep: 0, add: [] }],
    ['from nothing', [], [a], { from: 0, keep: 0, add: [a] }],
  ])('%s', (_name, base, array, want) => {
    const delta = arrayDelta(base, array);
    expect(delta).toEqual(want);
    expect(patchArray(base, delta)).toEqual(array);
  });
});

describe('mapDelta', () => {
  const v = (n: number) => o(n);
  const entries = (m: Map<string, unknown>) => [...m];
  it('sends only the values replaced, the keys added and the keys removed', () => {
    const x = v(1);
    const y = v(2);
    const base = new Map([['/', x], ['/a', y], ['/b', v(3)]]);
    const map = new Map([['/', x], ['/a', v(20)], ['/c', v(4)]]);
    const delta = mapDelta(base, map);
    expect(delta).toEqual({ set: [['/a', v(20)], ['/c', v(4)]], removed: ['/b'] });
    const patched = patchMap(base, delta);
    expect(entries(patched)).toEqual(entries(map));
    expect(patched.get('/')).toBe(x); // shared, not copied
    expect(base.get('/a')).toBe(y); // the base is never changed
  });
  it('keeps the order: a key removed and added again, or added before an old one, sends the whole map', () => {
    const x = v(1);
    const y = v(2);
    const base = new Map([['/a', x], ['/b', y]]);
    const readded = new Map([['/b', y], ['/a', v(9)]]);
    expect('all' in mapDelta(base, readded)).toBe(true);
    expect(entries(patchMap(base, mapDelta(base, readded)))).toEqual(entries(readded));
    const before = new Map([['/a', x], ['/new', v(3)], ['/b', y]]);
    expect('all' in mapDelta(base, before)).toBe(true);
    expect(entries(patchMap(base, mapDelta(base, before)))).toEqual(entries(before));
  });
  it('removes keys after the last one kept', () => {
    const x = v(1);
    const base = new Map([['/a', x], ['/b', v(2)], ['/c', v(3)]]);
    const map = new Map([['/a', x]]);
    expect(mapDelta(base, map)).toEqual({ set: [], removed: ['/b', '/c'] });
  });
});
