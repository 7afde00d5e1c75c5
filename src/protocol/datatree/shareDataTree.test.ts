/**
 * shareDataTree: a checkpoint's copy shares the znodes with the live tree, and each side copies a
 * znode the first time it changes it — so neither ever sees the other's changes, and both read
 * exactly as a deep copy would.
 */
import { describe, expect, test } from 'vitest';
import { stableJson } from '../../sim/stableJson.ts';
import { processTxn, shareDataTree } from './DataTree.ts';
import { OPEN, Pipeline, enc } from './testkit.test-helper.ts';
import type { DataTree } from './types.ts';

function build(): Pipeline {
  const p = new Pipeline();
  p.create('/a', 'x');
  p.create('/a/b', 'y');
  p.create('/e', 'z', 'EPHEMERAL', 7n);
  p.create('/c', null, 'CONTAINER');
  p.create('/c/k', 'k');
  return p;
}

function churn(p: Pipeline, tag: string): void {
  p.create(`/n-${tag}`, tag);
  p.write({ type: 'setData', path: '/a', data: enc(tag), version: -1 });
  p.write({ type: 'setACL', path: '/a/b', acl: OPEN, version: -1 });
  p.write({ type: 'delete', path: '/c/k', version: -1 });
  p.write({ type: 'closeSession' }, 7n);
  p.create('/a/b/deep', tag, 'EPHEMERAL', 9n);
}

describe('shareDataTree', () => {
  test('the copy and the live tree never see each other’s changes', () => {
    const p = build();
    const before = stableJson(p.tree);
    const copy = shareDataTree(p.tree);
    expect(stableJson(copy)).toBe(before);
    churn(p, 'live');
    const live = stableJson(p.tree);
    expect(live).not.toBe(before);
    expect(stableJson(copy)).toBe(before);

    // The copy changed by the same txns reads like the live tree; a second share goes on sharing.
    const q = new Pipeline();
    q.tree = copy;
    q.zxid = 0x100000000 + 5;
    q.time = 1005;
    const again = shareDataTree(copy);
    churn(q, 'live');
    expect(stableJson(copy)).toBe(live);
    expect(stableJson(again)).toBe(before);
    expect(stableJson(p.tree)).toBe(live);
  });

  test('equals a deep copy changed the same way', () => {
    const p = build();
    const cloned: DataTree = structuredClone(p.tree);
    const shared = shareDataTree(p.tree);
    const txns = [];
    const q = new Pipeline();
    q.tree = p.tree;
    q.zxid = p.zxid;
    q.time = p.time;
    for (let i = 0; i < 5; i++) {
      txns.push(q.prep({ type: 'create', path: `/m${i}`, data: enc(String(i)), acl: OPEN, mode: 'PERSISTENT' }));
      q.apply(txns.at(-1)!);
    }
    for (const t of txns) {
      processTxn(cloned, t);
      processTxn(shared, t);
    }
    expect(stableJson(shared)).toBe(stableJson(cloned));
    expect(stableJson(p.tree)).toBe(stableJson(cloned));
  });
});
