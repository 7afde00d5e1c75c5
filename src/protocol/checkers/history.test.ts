import { describe, expect, test } from 'vitest';
import { checkHistory, linearizeWrites, type HistoryOp } from './history.ts';

let nextId = 0;
const op = (o: Partial<HistoryOp> & Pick<HistoryOp, 'kind' | 'invoke'>): HistoryOp => ({
  id: ++nextId, client: 'c1', path: '/a', complete: o.invoke + 10, result: 'ok', ...o,
});

describe('linearizable writes (register per path)', () => {
  test('sequential create, set, delete passes', () => {
    const h = [op({ kind: 'create', value: '1', invoke: 0 }), op({ kind: 'set', value: '2', invoke: 20 }), op({ kind: 'delete', invoke: 40 })];
    expect(checkHistory(h).violations).toEqual([]);
  });

  test('two concurrent creates, one wins: passes in either order', () => {
    const h = [op({ kind: 'create', value: 'x', invoke: 0, complete: 50, client: 'c1' }), op({ kind: 'create', value: 'y', invoke: 5, complete: 40, client: 'c2', result: 'NodeExists' })];
    expect(checkHistory(h).violations).toEqual([]);
  });

  test('two creates both succeed: fails, naming both', () => {
    const a = op({ kind: 'create', value: 'x', invoke: 0, complete: 50, client: 'c1' });
    const b = op({ kind: 'create', value: 'y', invoke: 5, complete: 40, client: 'c2' });
    const r = checkHistory([a, b]);
    expect(r.violations.map((v) => v.check)).toEqual(['Linearizability']);
    expect(r.violations[0]!.message).toContain(`#${b.id}`);
  });

  test('a create that completed before another began cannot be ordered after it', () => {
    // c1's create succeeds and completes at 10; c2's create starting at 20 says NoNode-free success: impossible.
    const h = [op({ kind: 'create', value: 'x', invoke: 0, complete: 10 }), op({ kind: 'delete', invoke: 20, complete: 30, result: 'NoNode', client: 'c2' })];
    expect(checkHistory(h).violations.map((v) => v.check)).toEqual(['Linearizability']);
  });

  test('a write with no reply may or may not have happened', () => {
    const lost = op({ kind: 'create', value: 'x', invoke: 0, complete: null });
    expect(checkHistory([lost, op({ kind: 'create', value: 'y', invoke: 100, result: 'NodeExists', client: 'c2' })]).violations).toEqual([]);
    expect(checkHistory([op({ kind: 'create', value: 'x', invoke: 0, complete: null }), op({ kind: 'create', value: 'y', invoke: 100, client: 'c2' })]).violations).toEqual([]);
  });

  test('the search is bounded', () => {
    const many = Array.from({ length: 12 }, (_, i) => op({ kind: 'set', value: String(i), invoke: 0, complete: 1000, result: 'NoNode' }));
    expect(linearizeWrites(many, null, 5)).toBe('bound');
  });
});

describe('ZooKeeper read guarantees', () => {
  test('read-your-writes, monotonic reads and sync-then-read pass when zxids go forward', () => {
    const h = [
      op({ kind: 'create', value: '1', invoke: 0, complete: 10, zxid: 5 }),
      op({ kind: 'get', value: '1', invoke: 20, complete: 25, zxid: 5 }),
      op({ kind: 'set', value: '2', invoke: 30, complete: 40, zxid: 7, client: 'c2' }),
      op({ kind: 'sync', invoke: 50, complete: 60, zxid: 7 }),
      op({ kind: 'get', value: '2', invoke: 70, complete: 75, zxid: 7 }),
    ];
    expect(checkHistory(h).violations).toEqual([]);
  });

  test('a stale read on another session is allowed (reads are not linearizable)', () => {
    const h = [
      op({ kind: 'create', value: '1', invoke: 0, complete: 10, zxid: 5 }),
      op({ kind: 'get', value: null, invoke: 20, complete: 25, zxid: 4, client: 'c2' }),
    ];
    expect(checkHistory(h).violations).toEqual([]);
  });

  test('reading before your own acknowledged write fails ReadYourWrites', () => {
    const w = op({ kind: 'create', value: '1', invoke: 0, complete: 10, zxid: 5 });
    const r = op({ kind: 'get', value: null, invoke: 20, complete: 25, zxid: 4 });
    const rep = checkHistory([w, r]);
    expect(rep.violations.map((v) => v.check)).toContain('ReadYourWrites');
    expect(rep.violations.find((v) => v.check === 'ReadYourWrites')!.ops).toEqual([w.id, r.id]);
  });

  test('a session going back in zxid fails SequentialConsistency', () => {
    const h = [
      op({ kind: 'create', value: '1', invoke: 0, complete: 10, zxid: 5, client: 'c2' }),
      op({ kind: 'get', value: '1', invoke: 20, complete: 25, zxid: 5 }),
      op({ kind: 'get', value: null, invoke: 30, complete: 35, zxid: 3 }),
    ];
    expect(checkHistory(h).violations.map((v) => v.check)).toContain('SequentialConsistency');
  });

  test('sync then a read that misses a write acknowledged before the sync fails SyncThenRead', () => {
    const h = [
      op({ kind: 'set', value: '2', invoke: 0, complete: 10, zxid: 9, client: 'c2', path: '/b' }),
      op({ kind: 'sync', invoke: 20, complete: 30, zxid: 8 }),
      op({ kind: 'get', value: null, invoke: 40, complete: 45, zxid: 8, path: '/b' }),
    ];
    expect(checkHistory(h).violations.map((v) => v.check)).toContain('SyncThenRead');
  });

  test('a read whose value is not the one as of its zxid fails ReadValue', () => {
    const h = [
      op({ kind: 'create', value: '1', invoke: 0, complete: 10, zxid: 5, client: 'c2' }),
      op({ kind: 'get', value: 'bogus', invoke: 20, complete: 25, zxid: 6 }),
    ];
    expect(checkHistory(h).violations.map((v) => v.check)).toEqual(['ReadValue']);
  });
});
