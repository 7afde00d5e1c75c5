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
  private s: RngState;

  constructor(seed: number | string) {
    const root = seedFrom(seed);
    let st = root;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [n, v] = splitmix32(st);
      st = n;
      words.push(v);
    }
    this.s = { seed: root, a: words[0]!, b: words[1]!, c: words[2]!, d: words[3]! | 1 };
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  get seed(): number {
    return this.s.seed;
  }

  /** A child generator for one server or link; its stream depends only on (seed, label). */
  child(label: string): Rng {
    return new Rng(hashString32(label, this.s.seed ^ 0x811c9dc5));
  }

  nextUint32(): number {
    const s = this.s;
    const t = (((s.a + s.b) >>> 0) + s.d) >>> 0;
    s.d = (s.d + 1) >>> 0;
    s.a = (s.b ^ (s.b >>> 9)) >>> 0;
    s.b = (s.c + (s.c << 3)) >>> 0;
    s.c = ((s.c << 21) | (s.c >>> 11)) >>> 0;
    s.c = (s.c + t) >>> 0;
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
    return { ...this.s };
  }

  static restore(state: RngState): Rng {
    const r = new Rng(0);
    r.s = { ...state };
    return r;
  }
}
