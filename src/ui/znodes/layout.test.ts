import { describe, expect, test } from 'vitest';
import { childPath, layoutTree, type LayoutNode, type TreeNodeInput } from './layout.ts';

function treeOf(paths: string[]): Record<string, TreeNodeInput> {
  const nodes: Record<string, TreeNodeInput> = { '/': { name: '/', children: [] } };
  for (const p of paths) {
    const i = p.lastIndexOf('/');
    const parent = i === 0 ? '/' : p.slice(0, i);
    nodes[p] = { name: p.slice(i + 1), children: [] };
    (nodes[parent]!.children as string[]).push(p.slice(i + 1));
  }
  return nodes;
}

const nodesOf = (l: ReturnType<typeof layoutTree>) => l.items.filter((i): i is LayoutNode => i.kind === 'node');

describe('znode tree layout', () => {
  const small = treeOf(['/app', '/app/eph', '/app/lock', '/zookeeper', '/zookeeper/config', '/zookeeper/quota']);

  test('every node is placed once, depth across and siblings down, with a link to its parent', () => {
    const l = layoutTree(small);
    expect(nodesOf(l).map((n) => n.path)).toEqual(['/', '/app', '/zookeeper', '/app/eph', '/app/lock', '/zookeeper/config', '/zookeeper/quota']);
    const at = (p: string) => nodesOf(l).find((n) => n.path === p)!;
    expect(at('/').x).toBeLessThan(at('/app').x);
    expect(at('/app').x).toBe(at('/zookeeper').x);
    expect(at('/app').x).toBeLessThan(at('/app/eph').x);
    expect(at('/app/eph').y).toBeLessThan(at('/app/lock').y);
    expect(at('/app/lock').y).toBeLessThan(at('/zookeeper/config').y);
    expect(l.links).toHaveLength(6);
    expect(l.links.every((k) => k.d.startsWith('M'))).toBe(true);
    // Everything fits in the reported size.
    for (const n of l.items) {
      expect(n.y).toBeGreaterThan(0);
      expect(n.y).toBeLessThan(l.height);
      expect(n.x).toBeLessThan(l.width);
    }
  });

  test('siblings never overlap', () => {
    const l = layoutTree(small, { rowHeight: 20 });
    const ys = nodesOf(l).filter((n) => n.depth === 2).map((n) => n.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(20);
  });

  test('a large family shows maxChildren, then "+N more"; the reader can show all', () => {
    const many = treeOf(['/locks', ...Array.from({ length: 40 }, (_, i) => `/locks/lock-${String(i).padStart(10, '0')}`)]);
    const l = layoutTree(many, { maxChildren: 10, collapseSize: 1000 });
    expect(nodesOf(l).filter((n) => n.depth === 2)).toHaveLength(10);
    expect(l.items.find((i) => i.kind === 'more')).toMatchObject({ parent: '/locks', count: 30 });
    const all = layoutTree(many, { maxChildren: 10, collapseSize: 1000, toggles: { 'more:/locks': true } });
    expect(nodesOf(all).filter((n) => n.depth === 2)).toHaveLength(40);
  });

  test('deep and large subtrees start collapsed, counting what they hide; toggles win', () => {
    const deep = treeOf(['/a', '/a/b', '/a/b/c', '/a/b/c/d', '/a/b/c/d/e']);
    const l = layoutTree(deep, { collapseDepth: 3 });
    const c = nodesOf(l).find((n) => n.path === '/a/b/c')!;
    expect(c).toMatchObject({ collapsed: true, hidden: 2, hasChildren: true });
    expect(nodesOf(l).some((n) => n.path === '/a/b/c/d')).toBe(false);
    const open = layoutTree(deep, { collapseDepth: 3, toggles: { '/a/b/c': false } });
    expect(nodesOf(open).some((n) => n.path === '/a/b/c/d')).toBe(true);
    const big = treeOf(['/big', ...Array.from({ length: 70 }, (_, i) => `/big/n${i}`)]);
    expect(nodesOf(layoutTree(big, { collapseSize: 60 })).find((n) => n.path === '/big')).toMatchObject({ collapsed: true, hidden: 70 });
    const closed = layoutTree(small, { toggles: { '/app': true } });
    expect(nodesOf(closed).map((n) => n.path)).not.toContain('/app/eph');
  });

  test('hundreds of nodes lay out quickly', () => {
    const paths: string[] = [];
    for (let i = 0; i < 30; i++) {
      paths.push(`/s${i}`);
      for (let j = 0; j < 20; j++) paths.push(`/s${i}/n${j}`);
    }
    const t0 = performance.now();
    const l = layoutTree(treeOf(paths), { collapseSize: 1000, maxChildren: 100 });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(nodesOf(l)).toHaveLength(631);
  });

  test('an empty model lays out nothing', () => {
    expect(layoutTree({}).items).toEqual([]);
    expect(childPath('/', 'a')).toBe('/a');
    expect(childPath('/a', 'b')).toBe('/a/b');
  });
});
