/**
 * A running 64-bit hash (two FNV-1a lanes) over the trace, so two runs can be compared by one
 * short string. Pure and identical in Node and in the browser.
 *
 * `updateJson(value)` hashes the characters of `stableJson(value)` (./stableJson.ts) without
 * building the string: the value is walked and each character goes straight into the lanes —
 * the same digest as `update(stableJson(value))`, which hashing every trace entry made the
 * simulation's largest cost.
 */
import { stableJson } from './stableJson.ts';

const P1 = 0x01000193;
const P2 = 0x5bd1e995;

// The lanes while `updateJson` walks a value (module state: the walk is synchronous and never re-entered).
let a = 0;
let b = 0;

function ch(c: number): void {
  a = Math.imul(a ^ c, P1);
  b = Math.imul(b ^ c, P2);
  b ^= b >>> 15;
}

/** The characters of `s` as they are (text the walker itself spells, numbers). */
function raw(s: string): void {
  let x = a;
  let y = b;
  for (let i = 0; i < s.length; i++) {
    x = Math.imul(x ^ s.charCodeAt(i), P1);
    y = Math.imul(y ^ s.charCodeAt(i), P2);
    y ^= y >>> 15;
  }
  a = x;
  b = y;
}

const HEX = '0123456789abcdef';

/** `JSON.stringify(s)`: quoted, with JSON's escapes (lone surrogates as \udxxx). */
function str(s: string): void {
  // The lanes in locals while the characters need no escape (nearly always).
  let x = Math.imul(a ^ 0x22, P1);
  let y = Math.imul(b ^ 0x22, P2);
  y ^= y >>> 15;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && (c < 0xd800 || c > 0xdfff)) {
      x = Math.imul(x ^ c, P1);
      y = Math.imul(y ^ c, P2);
      y ^= y >>> 15;
      continue;
    }
    a = x;
    b = y;
    i = escaped(s, i);
    x = a;
    y = b;
  }
  x = Math.imul(x ^ 0x22, P1);
  y = Math.imul(y ^ 0x22, P2);
  a = x;
  b = y ^ (y >>> 15);
}

/** The character at `i` of `s` that needs care, as JSON.stringify spells it; returns the last index used. */
function escaped(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x22 || c === 0x5c) {
    ch(0x5c);
    ch(c);
  } else if (c < 0x20) {
    ch(0x5c);
    switch (c) {
      case 8: ch(0x62); break; // \b
      case 9: ch(0x74); break; // \t
      case 10: ch(0x6e); break; // \n
      case 12: ch(0x66); break; // \f
      case 13: ch(0x72); break; // \r
      default: unicodeEscape(c);
    }
  } else if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
    // a well-formed surrogate pair stays as it is
    ch(c);
    ch(s.charCodeAt(i + 1));
    return i + 1;
  } else {
    ch(0x5c);
    unicodeEscape(c);
  }
  return i;
}

/** `uXXXX` (lower-case hex) after the backslash. */
function unicodeEscape(c: number): void {
  ch(0x75);
  ch(HEX.charCodeAt((c >> 12) & 15));
  ch(HEX.charCodeAt((c >> 8) & 15));
  ch(HEX.charCodeAt((c >> 4) & 15));
  ch(HEX.charCodeAt(c & 15));
}

const DIGITS = new Uint8Array(24);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `String(v)` of a finite number. */
function num(v: number): void {
  if (!Number.isSafeInteger(v)) {
    raw(String(v));
    return;
  }
  if (v < 0) {
    ch(0x2d);
    v = -v;
  }
  if (v < 10) {
    ch(0x30 + v);
    return;
  }
  let n = 0;
  if (v <= 0x7fffffff) {
    let x = v | 0;
    while (x > 0) {
      const q = (x / 10) | 0;
      DIGITS[n++] = x - q * 10;
      x = q;
    }
  } else {
    // Beyond 31 bits (zxids): the low nine digits, then the rest, each in integer arithmetic.
    const hi = Math.floor(v / 1e9);
    let lo = (v - hi * 1e9) | 0;
    for (let k = 0; k < 9; k++) {
      const q = (lo / 10) | 0;
      DIGITS[n++] = lo - q * 10;
      lo = q;
    }
    // A safe integer over 2^31 has 2 <= hi < 2^24.
    let y = hi | 0;
    while (y > 0) {
      const q = (y / 10) | 0;
      DIGITS[n++] = y - q * 10;
      y = q;
    }
  }
  let x = a;
  let y = b;
  while (n > 0) {
    x = Math.imul(x ^ (0x30 + DIGITS[--n]!), P1);
    y = Math.imul(y ^ (0x30 + DIGITS[n]!), P2);
    y ^= y >>> 15;
  }
  a = x;
  b = y;
}

function value(v: unknown): void {
  switch (typeof v) {
    case 'string':
      str(v);
      return;
    case 'number':
      if (Number.isFinite(v)) num(v);
      else {
        ch(0x22);
        raw(String(v));
        ch(0x22);
      }
      return;
    case 'object':
      if (v === null) raw('null');
      else object(v);
      return;
    case 'boolean':
      raw(v ? 'true' : 'false');
      return;
    case 'bigint':
      // Session ids: spelled from the number when it is exact (no string per id).
      if (v >= -MAX_SAFE && v <= MAX_SAFE) num(Number(v));
      else raw(String(v));
      ch(0x6e);
      return;
    default:
      raw('null');
  }
}

function object(v: object): void {
  if (Array.isArray(v)) {
    ch(0x5b);
    const n = v.length;
    for (let i = 0; i < n; i++) {
      if (i > 0) ch(0x2c);
      // A hole spells nothing (Array.prototype.join of a mapped sparse array).
      if (i in v) value(v[i]);
    }
    ch(0x5d);
    return;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto === Object.prototype || proto === null) {
    ch(0x7b);
    let first = true;
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (x === undefined) continue;
      if (first) first = false;
      else ch(0x2c);
      str(k);
      ch(0x3a);
      value(x);
    }
    ch(0x7d);
    return;
  }
  if (v instanceof Uint8Array) {
    raw('"u8:');
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      ch(HEX.charCodeAt(x >> 4));
      ch(HEX.charCodeAt(x & 15));
    }
    ch(0x22);
    return;
  }
  if (v instanceof Map) {
    raw('{"map":[');
    let first = true;
    for (const [k, x] of v) {
      if (first) first = false;
      else ch(0x2c);
      ch(0x5b);
      value(k);
      ch(0x2c);
      value(x);
      ch(0x5d);
    }
    raw(']}');
    return;
  }
  if (v instanceof Set) {
    raw('{"set":[');
    let first = true;
    for (const x of v) {
      if (first) first = false;
      else ch(0x2c);
      value(x);
    }
    raw(']}');
    return;
  }
  // Anything else (class instances, other typed arrays …): spelled as stableJson spells it.
  raw(stableJson(v));
}

export class TraceHash {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193 ^ 0x5bd1e995;

  update(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    // separator so that ["ab","c"] and ["a","bc"] differ
    this.h1 = Math.imul(h1 ^ 0x0a, 0x01000193) >>> 0;
    this.h2 = Math.imul(h2 ^ 0x0a, 0x5bd1e995) >>> 0;
  }

  /** The same as `update(stableJson(v))`, without building the text. */
  updateJson(v: unknown): void {
    a = this.h1;
    b = this.h2;
    value(v);
    this.h1 = Math.imul(a ^ 0x0a, P1) >>> 0;
    this.h2 = Math.imul(b ^ 0x0a, P2) >>> 0;
  }

  digest(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }

  save(): [number, number] {
    return [this.h1, this.h2];
  }

  static restore([h1, h2]: [number, number]): TraceHash {
    const t = new TraceHash();
    t.h1 = h1;
    t.h2 = h2;
    return t;
  }
}
