/**
 * The simulation's event queue: a binary min-heap ordered by (at, seq). `seq` is handed out by the
 * simulation in a deterministic order, so two events due at the same simulated time always come
 * out in the order they were scheduled.
 */
export interface Queued {
  at: number;
  seq: number;
}

export class EventQueue<T extends Queued> {
  private heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  push(item: T): void {
    const h = this.heap;
    // Sift up with a hole: parents move down, the item is written once.
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!less(item, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = item;
  }

  pop(): T | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      // Sift down with a hole: the smaller child moves up, `last` is written once.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let m = l;
        let child = h[l]!;
        if (r < n && less(h[r]!, child)) {
          m = r;
          child = h[r]!;
        }
        if (!less(child, last)) break;
        h[i] = child;
        i = m;
      }
      h[i] = last;
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
  }
}

function less(a: Queued, b: Queued): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
