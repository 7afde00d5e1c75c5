/**
 * The simulation's event queue: a binary min-heap ordered by (at, seq). `seq` is handed out by the
 * simulation in a deterministic order, so two events due at the same simulated time always come
 * out in the order they were scheduled.
 *
 * The heap keeps each item's (at, seq) beside it in two arrays of numbers, in heap order: sifting
 * compares those and never reads the items themselves (a pop makes about 2·log2(n) comparisons,
 * which were a load from a scattered event object each). An item's at and seq must not change
 * while it is queued.
 */
export interface Queued {
  at: number;
  seq: number;
}

export class EventQueue<T extends Queued> {
  private heap: T[] = [];
  private ats: number[] = [];
  private seqs: number[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  push(item: T): void {
    const h = this.heap;
    const A = this.ats;
    const S = this.seqs;
    const at = item.at;
    const seq = item.seq;
    // Sift up with a hole: parents move down, the item is written once.
    let i = h.length;
    h.push(item);
    A.push(at);
    S.push(seq);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pAt = A[p]!;
      const pSeq = S[p]!;
      if (!(at < pAt || (at === pAt && seq < pSeq))) break;
      h[i] = h[p]!;
      A[i] = pAt;
      S[i] = pSeq;
      i = p;
    }
    h[i] = item;
    A[i] = at;
    S[i] = seq;
  }

  pop(): T | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const A = this.ats;
    const S = this.seqs;
    const top = h[0]!;
    const last = h.pop()!;
    const lastAt = A.pop()!;
    const lastSeq = S.pop()!;
    const n = h.length;
    if (n > 0) {
      // Sift down with a hole: the smaller child moves up, `last` is written once.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let m = l;
        let mAt = A[l]!;
        let mSeq = S[l]!;
        if (r < n) {
          const rAt = A[r]!;
          const rSeq = S[r]!;
          if (rAt < mAt || (rAt === mAt && rSeq < mSeq)) {
            m = r;
            mAt = rAt;
            mSeq = rSeq;
          }
        }
        if (!(mAt < lastAt || (mAt === lastAt && mSeq < lastSeq))) break;
        h[i] = h[m]!;
        A[i] = mAt;
        S[i] = mSeq;
        i = m;
      }
      h[i] = last;
      A[i] = lastAt;
      S[i] = lastSeq;
    }
    return top;
  }

  /** All queued items in (at, seq) order (a copy; for drawing and checkpoints). */
  sorted(): T[] {
    return [...this.heap].sort((x, y) => (x.at - y.at) || (x.seq - y.seq));
  }

  /** Unordered view of the items (no copy). */
  items(): readonly T[] {
    return this.heap;
  }

  clear(): void {
    this.heap = [];
    this.ats = [];
    this.seqs = [];
  }
}
