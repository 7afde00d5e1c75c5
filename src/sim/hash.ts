/**
 * A running 64-bit hash (two FNV-1a lanes) over the trace, so two runs can be compared by one
 * short string. Pure and identical in Node and in the browser.
 */
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
