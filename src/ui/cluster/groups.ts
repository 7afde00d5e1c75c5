/**
 * Partition groups as the cluster view shows them: the servers that can still talk (a link
 * counts while at least one of its directions is open), labelled A, B, C … in order of their
 * lowest sid. Dragging a server to another group gives the groups `lab partition` is run with.
 * Pure; unit-tested.
 */

export const GROUP_LABELS = ['A', 'B', 'C', 'D', 'E'] as const;

/** Connected components of the servers over links not cut both ways; sorted, by lowest sid. */
export function groupsFromCuts(ids: readonly number[], cuts: ReadonlyArray<readonly [number, number]>): number[][] {
  const cut = new Set(cuts.map(([a, b]) => `${a}>${b}`));
  const linked = (a: number, b: number) => !(cut.has(`${a}>${b}`) && cut.has(`${b}>${a}`));
  const seen = new Set<number>();
  const groups: number[][] = [];
  for (const start of [...ids].sort((a, b) => a - b)) {
    if (seen.has(start)) continue;
    const group: number[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const s = stack.pop()!;
      group.push(s);
      for (const o of ids) {
        if (!seen.has(o) && linked(s, o)) {
          seen.add(o);
          stack.push(o);
        }
      }
    }
    groups.push(group.sort((a, b) => a - b));
  }
  return groups;
}

/** The groups shown: the current ones and one empty group to drop into (at least two, at most five). */
export function shownGroups(groups: readonly number[][]): number[][] {
  const out = groups.slice(0, GROUP_LABELS.length).map((g) => [...g]);
  // More components than labels (many one-way tangles): the rest join the last group.
  for (const g of groups.slice(GROUP_LABELS.length)) out[out.length - 1]!.push(...g);
  while (out.length < 2 || (out.length < GROUP_LABELS.length && out[out.length - 1]!.length > 0)) out.push([]);
  return out;
}

/** Moves `sid` into group `index` (of the shown groups); the result is what to partition into. */
export function moveToGroup(groups: readonly number[][], sid: number, index: number): number[][] {
  const out = groups.map((g) => g.filter((s) => s !== sid));
  while (out.length <= index) out.push([]);
  out[index] = [...out[index]!, sid].sort((a, b) => a - b);
  return out.filter((g) => g.length > 0);
}

/** Which end of a link a click is nearer to: the one-way cut goes from there to the other end. */
export function nearerEnd(a: { x: number; y: number }, b: { x: number; y: number }, p: { x: number; y: number }): 'a' | 'b' {
  return Math.hypot(p.x - a.x, p.y - a.y) <= Math.hypot(p.x - b.x, p.y - b.y) ? 'a' : 'b';
}
