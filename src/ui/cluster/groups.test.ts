import { describe, expect, it } from 'vitest';
import { groupsFromCuts, moveToGroup, nearerEnd, shownGroups } from './groups.ts';

describe('partition groups', () => {
  const ids = [1, 2, 3, 4, 5];
  it('one group when nothing is cut; components after a partition', () => {
    expect(groupsFromCuts(ids, [])).toEqual([[1, 2, 3, 4, 5]]);
    const cuts: Array<[number, number]> = [];
    for (const a of [1, 2]) for (const b of [3, 4, 5]) cuts.push([a, b], [b, a]);
    expect(groupsFromCuts(ids, cuts)).toEqual([[1, 2], [3, 4, 5]]);
  });
  it('a one-way cut does not split a group', () => {
    expect(groupsFromCuts(ids, [[1, 2]])).toEqual([[1, 2, 3, 4, 5]]);
  });
  it('shows an empty group to drop into', () => {
    expect(shownGroups([[1, 2, 3]])).toEqual([[1, 2, 3], []]);
    expect(shownGroups([[1], [2, 3]])).toEqual([[1], [2, 3], []]);
  });
  it('moving the leader into a minority gives the partition to run', () => {
    expect(moveToGroup([[1, 2, 3, 4, 5], []], 5, 1)).toEqual([[1, 2, 3, 4], [5]]);
    expect(moveToGroup([[1, 2, 3, 4], [5]], 5, 0)).toEqual([[1, 2, 3, 4, 5]]);
  });
  it('knows which end of a link was clicked', () => {
    expect(nearerEnd({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 2, y: 1 })).toBe('a');
    expect(nearerEnd({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 8, y: 1 })).toBe('b');
  });
});
