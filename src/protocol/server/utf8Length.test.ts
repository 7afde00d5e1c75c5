/** utf8Length (the jute sizes of serverStats) counts what TextEncoder writes, without encoding. */
import { expect, test } from 'vitest';
import { utf8Length } from './serverStats.ts';

test('utf8Length equals TextEncoder’s byte count', () => {
  const enc = new TextEncoder();
  const samples = ['', 'a', '/w123', 'é', '中文', '\ud83d\ude00', '\ud800', '\udc00x', 'a\ud800\ud800b', '\u07ff\u0800\uffff', '\ud83d'];
  for (const s of samples) expect(utf8Length(s), JSON.stringify(s)).toBe(enc.encode(s).length);
  let s = '';
  for (let c = 0; c < 0x10000; c += 7) s += String.fromCharCode(c);
  expect(utf8Length(s)).toBe(enc.encode(s).length);
});
