/** EventQueue pops in (at, seq) order whatever the order of pushes, interleaved with pops. */
import { expect, test } from 'vitest';
import { EventQueue } from './eventQueue.ts';
import { Rng } from './rng.ts';

test('pops in (at, seq) order', () => {
  const r = new Rng('event-queue');
  const q = new EventQueue<{ at: number; seq: number }>();
  const model: Array<{ at: number; seq: number }> = [];
  let seq = 0;
  for (let step = 0; step < 20000; step++) {
    if (model.length === 0 || r.next() < 0.55) {
      const ev = { at: r.int(0, 50) + (r.next() < 0.1 ? 0.5 : 0), seq: ++seq };
      q.push(ev);
      model.push(ev);
    } else {
      model.sort((x, y) => x.at - y.at || x.seq - y.seq);
      expect(q.pop()).toBe(model.shift());
    }
    expect(q.size).toBe(model.length);
    expect(q.peek()).toBe(q.sorted()[0]);
  }
});
