/**
 * shareDataTree: a checkpoint's copy shares the znodes with the live tree, and each side copies a
 * znode the first time it changes it — so neither ever sees the other's changes, and both read
 * exactly as a deep copy would.
 */
import { describe, expect, test } from 'vitest';
import { stableJson } from '../../sim/stableJson.ts';
import { freezeDataTree, processTxn, shareDataTree, thawDataTree } from './DataTree.ts';
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

/** A tree whose root and /a have many children (a checkpoint copies those instead of sharing them). */
function wide(): Pipeline {
  const p = build();
  for (let i = 0; i < 40; i++) p.create(`/w${i}`, String(i));
  for (let i = 0; i < 35; i++) p.create(`/a/k${i}`, String(i));
  return p;
}

function churnWide(p: Pipeline, tag: string): void {
  churn(p, tag);
  p.create(`/w-${tag}`, tag);
  p.create(`/a/k-${tag}`, tag);
  p.write({ type: 'delete', path: '/w3', version: -1 });
  p.write({ type: 'setData', path: '/w5', data: enc(tag), version: -1 });
}

describe('freezeDataTree / thawDataTree', () => {
  test('a thawed tree reads as the tree did when frozen, whatever either side changes later', () => {
    const p = wide();
    const before = stableJson(p.tree);
    const frozen = freezeDataTree(p.tree);
    expect(stableJson(thawDataTree(frozen))).toBe(before);
    churnWide(p, 'live');
    const live = stableJson(p.tree);
    expect(live).not.toBe(before);

    // A thawed tree changed by the same txns reads like the live tree; the checkpoint stays as it was.
    const q = new Pipeline();
    q.tree = thawDataTree(frozen);
    q.zxid = 0x100000000 + 80;
    q.time = 1080;
    churnWide(q, 'live');
    expect(stableJson(q.tree)).toBe(live);
    expect(stableJson(thawDataTree(frozen))).toBe(before);
    expect(stableJson(p.tree)).toBe(live);

    // Frozen again and again (a checkpoint per stretch of the run), each stays its own moment.
    const frozen2 = freezeDataTree(p.tree);
    churnWide(p, 'more');
    expect(stableJson(thawDataTree(frozen2))).toBe(live);
    expect(stableJson(thawDataTree(frozen))).toBe(before);
  });

  test('a parent shared with another copy stays shared: freezing never lets the live tree change it in place', () => {
    const p = wide();
    const before = stableJson(p.tree);
    const copy = shareDataTree(p.tree);
    const frozen = freezeDataTree(p.tree);
    churnWide(p, 'live');
    expect(stableJson(copy)).toBe(before);
    expect(stableJson(thawDataTree(frozen))).toBe(before);
  });
});

describe('freezing often: a chain of what changed', () => {
  /** A generator of its own (the test's runs are the same every time). */
  function lcg(seed: number): (n: number) => number {
    let x = seed >>> 0;
    return (n) => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      return x % n;
    };
  }

  /** Random creates, deletes and sets under a few parents, two of them wide (over 32 children). */
  function randomChurn(p: Pipeline, rnd: (n: number) => number, count: number, tag: string): void {
    for (let k = 0; k < count; k++) {
      const parent = ['', '/a', '/c', '/a/b'][rnd(4)]!;
      const path = `${parent}/x${rnd(60)}`;
      const exists = p.tree.nodes.has(path);
      const op = rnd(3);
      if (!exists) p.create(path, `${tag}${k}`);
      else if (op === 0 && p.tree.nodes.get(path)!.children.size === 0) p.write({ type: 'delete', path, version: -1 });
      else p.write({ type: 'setData', path, data: enc(`${tag}${k}`), version: -1 });
    }
  }

  test('every checkpoint of a long run thaws to its moment exactly (key and child order too), chained or whole', () => {
    const rnd = lcg(42);
    const p = wide();
    const taken: Array<[ReturnType<typeof freezeDataTree>, string]> = [];
    for (let round = 0; round < 60; round++) {
      // Few changes most rounds (a chain), now and then more than the tree holds (whole again).
      randomChurn(p, rnd, round % 17 === 16 ? 400 : 1 + rnd(12), `r${round}-`);
      if (round % 23 === 5) shareDataTree(p.tree); // a host's copy: the live tree shares everything again
      taken.push([freezeDataTree(p.tree), stableJson(p.tree)]);
    }
    expect(taken.some(([f]) => f.prev !== null)).toBe(true);
    expect(taken.filter(([f]) => f.prev === null).length).toBeGreaterThan(1);
    expect(p.tree.nodes.get('/')!.children.size).toBeGreaterThan(32);
    for (const [f, json] of taken) expect(stableJson(thawDataTree(f))).toBe(json);
  });

  test('a tree thawed from a chain goes on, and freezes, exactly like the tree it came from', () => {
    const rnd = lcg(7);
    const p = wide();
    let frozen = freezeDataTree(p.tree);
    for (let round = 0; round < 5; round++) {
      randomChurn(p, rnd, 8, `a${round}-`);
      frozen = freezeDataTree(p.tree);
    }
    expect(frozen.prev).not.toBeNull();
    const q = new Pipeline();
    q.tree = thawDataTree(frozen);
    q.zxid = p.zxid;
    q.time = p.time;
    const same = lcg(99);
    const other = lcg(99);
    for (let round = 0; round < 10; round++) {
      randomChurn(p, same, 20, `b${round}-`);
      randomChurn(q, other, 20, `b${round}-`);
      const fp = freezeDataTree(p.tree);
      const fq = freezeDataTree(q.tree);
      expect(stableJson(q.tree)).toBe(stableJson(p.tree));
      expect(stableJson(thawDataTree(fq))).toBe(stableJson(thawDataTree(fp)));
    }
  });

  test('a freeze after a few changes reads only those, not the whole tree', () => {
    const p = wide();
    for (let i = 0; i < 500; i++) p.create(`/big${i}`, 'x');
    const first = freezeDataTree(p.tree);
    expect(first.paths.length).toBe(p.tree.nodes.size);
    p.create('/one-more', 'y');
    p.write({ type: 'setData', path: '/w5', data: enc('z'), version: -1 });
    const next = freezeDataTree(p.tree);
    expect(next.prev).toBe(first);
    expect(next.paths).toEqual(['/one-more', '/w5']);
    // The root goes on changing in place: the checkpoint keeps its fields as they were.
    expect(next.wide.map(([path]) => path)).toContain('/');
  });
});
