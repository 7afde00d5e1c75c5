/**
 * Pure geometry of the znode tree view (d3-hierarchy for the layout, React for the DOM): a tidy
 * tree drawn left to right — depth across, siblings down. To stay usable with hundreds of nodes,
 * deep subtrees and large subtrees start collapsed, and a node shows at most `maxChildren`
 * children followed by a "+N more" item; the reader can open or close any of them.
 */
import { hierarchy, linkHorizontal, tree, type HierarchyPointNode } from 'd3';

/** What the layout needs of a znode. */
export interface TreeNodeInput {
  name: string;
  children: readonly string[];
}

export interface TreeLayoutOptions {
  /** path → true (collapsed) / false (expanded) set by the reader; `more:<path>` → true shows every child. */
  toggles: Readonly<Record<string, boolean>>;
  /** Children shown before a "+N more" item. */
  maxChildren: number;
  /** Nodes at this depth or deeper start collapsed. */
  collapseDepth: number;
  /** Non-root subtrees with more descendants than this start collapsed. */
  collapseSize: number;
  rowHeight: number;
  /** Width of one character of a label, and room for the marker and badges. */
  charWidth: number;
  labelPad: number;
  /** Width drawn after a node's label (badges), by path. */
  extraWidth: (path: string) => number;
}

export const DEFAULT_TREE_OPTIONS: TreeLayoutOptions = {
  toggles: {},
  maxChildren: 25,
  collapseDepth: 4,
  collapseSize: 40,
  rowHeight: 22,
  charWidth: 7.2,
  labelPad: 64,
  extraWidth: () => 0,
};

export interface LayoutNode {
  kind: 'node';
  path: string;
  name: string;
  depth: number;
  x: number;
  y: number;
  hasChildren: boolean;
  collapsed: boolean;
  /** Descendants not drawn because this node is collapsed. */
  hidden: number;
}

export interface LayoutMore {
  kind: 'more';
  /** The parent whose other children it stands for. */
  parent: string;
  count: number;
  depth: number;
  x: number;
  y: number;
}

export type LayoutItem = LayoutNode | LayoutMore;

export interface TreeLayout {
  items: LayoutItem[];
  /** SVG path data of each parent → child link, keyed by the child's key. */
  links: Array<{ key: string; d: string }>;
  width: number;
  height: number;
}

interface Datum {
  key: string;
  item: Omit<LayoutNode, 'x' | 'y'> | Omit<LayoutMore, 'x' | 'y'>;
  children?: Datum[];
}

export function childPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

/** Number of descendants of every node (memoized walk). */
function descendantCounts(nodes: Readonly<Record<string, TreeNodeInput>>, root: string): Map<string, number> {
  const counts = new Map<string, number>();
  const walk = (path: string): number => {
    const n = nodes[path];
    let c = 0;
    if (n) for (const child of n.children) c += 1 + walk(childPath(path, child));
    counts.set(path, c);
    return c;
  };
  walk(root);
  return counts;
}

/** Whether a node is drawn collapsed: the reader's choice, else the defaults. */
export function isCollapsed(path: string, depth: number, descendants: number, opts: TreeLayoutOptions): boolean {
  const choice = opts.toggles[path];
  if (choice !== undefined) return choice;
  if (descendants === 0 || depth === 0) return false;
  return depth >= opts.collapseDepth || descendants > opts.collapseSize;
}

export function layoutTree(
  nodes: Readonly<Record<string, TreeNodeInput>>,
  options: Partial<TreeLayoutOptions> = {},
  root = '/',
): TreeLayout {
  const opts = { ...DEFAULT_TREE_OPTIONS, ...options };
  if (!nodes[root]) return { items: [], links: [], width: 0, height: 0 };
  const counts = descendantCounts(nodes, root);

  const build = (path: string, depth: number): Datum => {
    const n = nodes[path]!;
    const hidden = counts.get(path) ?? 0;
    const collapsed = isCollapsed(path, depth, hidden, opts);
    const item = { kind: 'node' as const, path, name: n.name, depth, hasChildren: n.children.length > 0, collapsed, hidden: collapsed ? hidden : 0 };
    if (collapsed || n.children.length === 0) return { key: path, item };
    const all = n.children.filter((c) => nodes[childPath(path, c)] !== undefined);
    const showAll = opts.toggles[`more:${path}`] === true;
    const shown = showAll ? all : all.slice(0, opts.maxChildren);
    const children = shown.map((c) => build(childPath(path, c), depth + 1));
    if (shown.length < all.length) {
      children.push({ key: `more:${path}`, item: { kind: 'more', parent: path, count: all.length - shown.length, depth: depth + 1 } });
    }
    return { key: path, item, children };
  };

  const h = hierarchy(build(root, 0), (d) => d.children);
  const laid = tree<Datum>().nodeSize([opts.rowHeight, 1])(h);

  // Each depth is as wide as its longest label (d3 spaces depths evenly; names are not even).
  const widths: number[] = [];
  laid.each((n) => {
    const it = n.data.item;
    const w = it.kind === 'node' ? it.name.length * opts.charWidth + opts.extraWidth(it.path) : `+${it.count} more…`.length * opts.charWidth;
    widths[n.depth] = Math.max(widths[n.depth] ?? 0, w + opts.labelPad);
  });
  const columnX: number[] = [];
  let acc = 12;
  for (let d = 0; d < widths.length; d++) {
    columnX[d] = acc;
    acc += widths[d] ?? 0;
  }
  let minBreadth = Infinity;
  let maxBreadth = -Infinity;
  laid.each((n) => {
    minBreadth = Math.min(minBreadth, n.x);
    maxBreadth = Math.max(maxBreadth, n.x);
  });
  const top = opts.rowHeight / 2 + 4;
  const pos = (n: HierarchyPointNode<Datum>) => ({ x: columnX[n.depth] ?? 0, y: n.x - minBreadth + top });

  const items: LayoutItem[] = [];
  const links: TreeLayout['links'] = [];
  const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();
  laid.each((n) => {
    const p = pos(n);
    items.push({ ...n.data.item, x: p.x, y: p.y } as LayoutItem);
    if (n.parent) {
      const q = pos(n.parent);
      const pi = n.parent.data.item;
      const labelEnd = pi.kind === 'node' ? pi.name.length * opts.charWidth + opts.extraWidth(pi.path) + 24 : 0;
      const fromX = q.x + Math.min(labelEnd, (widths[n.parent.depth] ?? 0) - 8);
      links.push({ key: n.data.key, d: link({ source: [fromX, q.y], target: [p.x - 6, p.y] }) ?? '' });
    }
  });
  return { items, links, width: acc + 12, height: maxBreadth - minBreadth + opts.rowHeight + 8 };
}
