/**
 * The leader's choice of DIFF / TRUNC / TRUNC+DIFF / SNAP for a learner (LearnerHandler.syncFollower;
 * ZooKeeper 3.8), case by case, on hand-made committed-log windows.
 */
import { describe, expect, test } from 'vitest';
import type { LoggedTxn } from '../types.ts';
import { makeZxid } from '../zxid.ts';
import { decideSync, type SyncInput } from './Leader.ts';

const t = (epoch: number, counter: number): LoggedTxn => ({ zxid: makeZxid(epoch, counter), time: 0, txn: { n: `${epoch}.${counter}` } });

function decide(peer: number, log: LoggedTxn[], over: Partial<SyncInput> = {}) {
  const d = decideSync({
    peerLastZxid: peer,
    lastProcessedZxid: log[log.length - 1]?.zxid ?? 0,
    committedLog: log,
    txnLogFrom: () => [],
    txnLogSyncEnabled: false,
    ...over,
  });
  return { mode: d.mode, packets: d.packets.map((p) => `${p.type} ${p.zxid.toString(16)}`), currentZxid: d.currentZxid.toString(16) };
}

describe('decideSync', () => {
  const window = [t(1, 1), t(1, 2), t(1, 3), t(1, 4)];

  test('a learner that is up to date gets an empty DIFF', () => {
    expect(decide(makeZxid(1, 4), window)).toEqual({ mode: 'DIFF', packets: ['DIFF 100000004'], currentZxid: '100000004' });
  });

  test('a learner inside the window gets DIFF and the missing PROPOSAL/COMMIT pairs', () => {
    expect(decide(makeZxid(1, 2), window).packets).toEqual([
      'DIFF 100000004', 'PROPOSAL 100000003', 'COMMIT 100000003', 'PROPOSAL 100000004', 'COMMIT 100000004',
    ]);
  });

  test('a learner ahead of everything committed gets TRUNC to the last committed zxid', () => {
    expect(decide(makeZxid(1, 6), window)).toEqual({ mode: 'TRUNC', packets: ['TRUNC 100000004'], currentZxid: '100000004' });
  });

  test('a learner with a txn the window skips (same epoch) gets TRUNC to the previous proposal, then DIFF', () => {
    // The leader committed 1.1, 1.2, 1.4: the learner's 1.3 was never committed.
    const gap = [t(1, 1), t(1, 2), t(1, 4), t(1, 5)];
    expect(decide(makeZxid(1, 3), gap)).toEqual({
      mode: 'TRUNC+DIFF',
      packets: ['TRUNC 100000002', 'PROPOSAL 100000004', 'COMMIT 100000004', 'PROPOSAL 100000005', 'COMMIT 100000005'],
      currentZxid: '100000005',
    });
  });

  test('a learner whose divergent txn is followed by a newer epoch gets SNAP', () => {
    const epochs = [t(1, 1), t(1, 2), t(2, 1)];
    expect(decide(makeZxid(1, 3), epochs).mode).toBe('SNAP');
  });

  test('a learner older than the window gets SNAP unless the txn log can cover it', () => {
    expect(decide(makeZxid(1, 1), window.slice(2)).mode).toBe('SNAP');
    expect(decide(makeZxid(0, 5), window).mode).toBe('SNAP');
    const fromLog = [t(0, 5), t(0, 6), ...window];
    const viaLog = decide(makeZxid(0, 5), window, { txnLogSyncEnabled: true, txnLogFrom: () => fromLog });
    expect(viaLog.mode).toBe('DIFF');
    expect(viaLog.packets[0]).toBe('DIFF 100000004');
    expect(viaLog.packets).toContain('PROPOSAL 6');
    expect(viaLog.packets).toContain('PROPOSAL 100000001');
  });

  test('a learner at a new-epoch zxid inside the window gets DIFF', () => {
    const w = [t(1, 1), t(2, 1), t(2, 2)];
    expect(decide(makeZxid(2, 0), w).packets).toEqual(['DIFF 200000002', 'PROPOSAL 200000001', 'COMMIT 200000001', 'PROPOSAL 200000002', 'COMMIT 200000002']);
  });

  test('an empty committed log with an equal zxid is an empty DIFF; a lower one needs SNAP', () => {
    expect(decide(0, [], { lastProcessedZxid: 0 }).mode).toBe('DIFF');
    expect(decide(0, [], { lastProcessedZxid: makeZxid(1, 0) }).mode).toBe('SNAP');
  });
});
