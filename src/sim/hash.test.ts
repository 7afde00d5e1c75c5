/**
 * TraceHash.updateJson hashes stableJson's text without building it: the digests must be the
 * ones `update(stableJson(v))` gives, for every kind of value the trace can hold (and the odd
 * ones: escapes, lone surrogates, -0, NaN, holes, class instances).
 */
import { describe, expect, test } from 'vitest';
import { TraceHash } from './hash.ts';
import { Rng } from './rng.ts';
import { stableJson } from './stableJson.ts';

function viaText(values: unknown[]): string {
  const h = new TraceHash();
  for (const v of values) h.update(stableJson(v));
  return h.digest();
}

function streamed(values: unknown[]): string {
  const h = new TraceHash();
  for (const v of values) h.updateJson(v);
  return h.digest();
}

const CHARS = ['a', 'Z', '0', ' ', '"', '\\', '\n', '\t', '\b', '\f', '\r', '\u0000', '\u001f', '\u007f', 'é', '中', '\ud83d\ude00', '\ud800', '\udc00', '/', ':', ',', '{'];

class Thing {
  x = 1;
  y = 'two';
}

function randomString(r: Rng): string {
  let s = '';
  for (let i = r.int(0, 8); i > 0; i--) s += CHARS[r.int(0, CHARS.length - 1)]!;
  return s;
}

function randomValue(r: Rng, depth: number): unknown {
  const kind = r.int(0, depth > 3 ? 9 : 16);
  switch (kind) {
    case 0: return r.int(-5, 5);
    case 1: return r.int(0, 2 ** 31) * (r.next() < 0.5 ? 1 : 1_000_003);
    case 2: return [0.5, -0, NaN, Infinity, -Infinity, 1e21, 1.5e-7, -123.456, 2 ** 53, Number.MAX_SAFE_INTEGER][r.int(0, 9)];
    case 3: return randomString(r);
    case 4: return r.next() < 0.5;
    case 5: return r.next() < 0.5 ? null : undefined;
    case 6: return r.next() < 0.5 ? BigInt(r.int(-1000, 1000)) * 1_000_000_007n : BigInt(r.int(-1000, 1000)) * 9_007_199_254_740_881n;
    case 7: return Uint8Array.from({ length: r.int(0, 6) }, () => r.int(0, 255));
    case 8: return 'PROPOSAL';
    case 9: return r.int(0, 100000);
    case 10:
    case 11: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(0, 5); i > 0; i--) o[r.next() < 0.2 ? String(r.int(0, 20)) : randomString(r) || 'k'] = randomValue(r, depth + 1);
      return o;
    }
    case 12: {
      const a = Array.from({ length: r.int(0, 5) }, () => randomValue(r, depth + 1));
      if (r.next() < 0.1) a[a.length + 2] = 1; // holes
      return a;
    }
    case 13: return new Map(Array.from({ length: r.int(0, 4) }, () => [randomValue(r, depth + 1), randomValue(r, depth + 1)] as const));
    case 14: return new Set(Array.from({ length: r.int(0, 4) }, () => randomValue(r, depth + 1)));
    case 15: {
      const o = Object.create(null) as Record<string, unknown>;
      o.n = randomValue(r, depth + 1);
      return o;
    }
    default: return r.next() < 0.5 ? new Thing() : Int16Array.from([1, -2, 3]);
  }
}

describe('TraceHash.updateJson', () => {
  test('equals update(stableJson(v)) on random values', () => {
    const r = new Rng('hash-test');
    for (let round = 0; round < 2000; round++) {
      const values = Array.from({ length: r.int(1, 4) }, () => randomValue(r, 0));
      expect(streamed(values), stableJson(values)).toBe(viaText(values));
    }
  });

  test('equals it on trace-like entries', () => {
    const entries: unknown[] = [
      { t: 0, kind: 'start', sid: 1 },
      { t: 12, kind: 'send', id: 7, from: 1, to: 2, channel: 'quorum', msg: { type: 'PROPOSAL', zxid: 4294967297, txn: { clientId: 0x5ca1ab1en, data: new Uint8Array([49, 50]) } }, deliverAt: 15 },
      { t: 15, kind: 'drop', id: 8, from: 2, to: 1, channel: 'election', msg: null, reason: 'down' },
      { t: 20, kind: 'action', text: 'lab kill 3 "quoted"\n', action: undefined },
    ];
    expect(streamed(entries)).toBe(viaText(entries));
  });

  test('equals it on bigints at and past the exact range of numbers', () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    const values = [0n, -1n, 7n, max - 1n, max, max + 1n, -max, -max - 1n, 2n ** 63n - 1n, -(2n ** 63n), 10n ** 30n];
    for (const v of values) expect(streamed([v]), String(v)).toBe(viaText([v]));
  });
});
