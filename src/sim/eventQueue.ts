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
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  pop(): T | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
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
