/**
 * The one seeded generator of a run (docs/architecture.md). Every random choice of the simulation
 * comes from a `Rng` derived from the run's seed; servers and links each get a child generator
 * whose stream depends only on (root seed, label), never on how many numbers anyone else drew.
 *
 * Algorithm: sfc32 (small fast counter), seeded through splitmix32. Pure, no global state.
 */

/** FNV-1a over a string, 32 bits. Used to turn seeds and labels into numbers. */
export function hashString32(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/** Normalises a user-given seed (number or text) to a uint32. */
export function seedFrom(seed: number | string): number {
  if (typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) return seed >>> 0;
  return hashString32(String(seed));
}

export interface RngState {
  readonly seed: number;
  a: number;
  b: number;
  c: number;
  d: number;
}

export class Rng {
  private root: number;
  /** sfc32's words a, b, c, d (a typed array: no number boxes however often they change). */
  private readonly w = new Uint32Array(4);

  constructor(seed: number | string) {
    const root = seedFrom(seed);
    let st = root;
    for (let i = 0; i < 4; i++) {
      const [n, v] = splitmix32(st);
      st = n;
      this.w[i] = v;
    }
    this.w[3] = this.w[3]! | 1;
    this.root = root;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  get seed(): number {
    return this.root;
  }

  /** A child generator for one server or link; its stream depends only on (seed, label). */
  child(label: string): Rng {
    return new Rng(hashString32(label, this.root ^ 0x811c9dc5));
  }

  nextUint32(): number {
    const w = this.w;
    const a = w[0]!;
    const b = w[1]!;
    const c = w[2]!;
    const d = w[3]!;
    const t = (a + b + d) >>> 0;
    // Stores into the Uint32Array wrap modulo 2^32, as `>>> 0` did.
    w[3] = d + 1;
    w[0] = b ^ (b >>> 9);
    w[1] = c + (c << 3);
    w[2] = (((c << 21) | (c >>> 11)) >>> 0) + t;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max})`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Structured-clonable state, for checkpoints. */
  save(): RngState {
    const w = this.w;
    return { seed: this.root, a: w[0]!, b: w[1]!, c: w[2]!, d: w[3]! };
  }

  static restore(state: RngState): Rng {
    const r = new Rng(0);
    r.root = state.seed;
    r.w[0] = state.a;
    r.w[1] = state.b;
    r.w[2] = state.c;
    r.w[3] = state.d;
    return r;
  }
}
