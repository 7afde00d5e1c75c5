import { describe, expect, it } from 'vitest';
import { resizeRefusal, resizeSteps, type ResizeInput } from './ensembleResize.ts';

const five: ResizeInput = { voters: [1, 2, 3, 4, 5], observers: [6, 7], leader: 3, synced: [3, 1, 2, 4, 5], room: { participant: 4, observer: 2 } };

describe('resizeSteps', () => {
  it('adds the difference, one role at a time', () => {
    expect(resizeSteps(five, 'observers', 4)).toEqual({ add: 'observer', count: 2 });
    expect(resizeSteps(five, 'voters', 7)).toEqual({ add: 'voter', count: 2 });
  });
  it('removes the newest members of that role, newest first', () => {
    expect(resizeSteps(five, 'observers', 0)).toEqual({ remove: [7, 6] });
    expect(resizeSteps(five, 'voters', 3)).toEqual({ remove: [5, 4] });
  });
  it('does nothing at the current size', () => {
    expect(resizeSteps(five, 'voters', 5)).toBeNull();
    expect(resizeRefusal(five, 'voters', 5)).toBeNull();
  });
});

describe('resizeRefusal', () => {
  it('allows what reconfig allows', () => {
    for (const n of [1, 2, 3, 4, 9]) expect(resizeRefusal(five, 'voters', n)).toBeNull();
    for (const n of [0, 1, 4]) expect(resizeRefusal(five, 'observers', n)).toBeNull();
  });
  it('refuses a configuration without a voter (BadArguments)', () => {
    expect(resizeRefusal(five, 'voters', 0)).toBe('noVoter');
  });
  it('refuses when the voters left have no synced quorum (NewConfigNoQuorum)', () => {
    const lagging: ResizeInput = { ...five, synced: [3, 4, 5] };
    expect(resizeRefusal(lagging, 'voters', 2)).toBe('noQuorum'); // 1, 2 left: neither synced
    expect(resizeRefusal(lagging, 'voters', 4)).toBe('noQuorum'); // 1..4 left: 3, 4 synced, 2 of 4
    expect(resizeRefusal({ ...lagging, synced: [1, 3, 4, 5] }, 'voters', 4)).toBeNull(); // 3 of 4
  });
  it('counts new voters as synced: + Voter lets each join as a non-voting follower and sync before reconfig -add', () => {
    const three: ResizeInput = { voters: [1, 2, 3], observers: [], leader: 1, synced: [1, 2], room: { participant: 6, observer: 4 } };
    expect(resizeRefusal(three, 'voters', 4)).toBeNull(); // zk3 down: 1, 2 and the new one, 3 of 4
    expect(resizeRefusal(three, 'voters', 6)).toBeNull(); // 2 synced + 3 new of 6
    expect(resizeRefusal({ ...three, synced: [1] }, 'voters', 4)).toBe('noQuorum'); // 1 + 1 new of 4
    const one: ResizeInput = { voters: [1], observers: [], leader: 1, synced: [1], room: { participant: 8, observer: 4 } };
    expect(resizeRefusal(one, 'voters', 2)).toBeNull(); // 1 voter: the new one syncs, 2 of 2
    expect(resizeRefusal(one, 'voters', 3)).toBeNull();
    expect(resizeRefusal(one, 'observers', 2)).toBeNull();
  });
  it('refuses every change without a leader, and adds beyond lab add\'s room', () => {
    expect(resizeRefusal({ ...five, leader: null, synced: [] }, 'observers', 0)).toBe('noLeader');
    expect(resizeRefusal(five, 'observers', 4)).toBeNull();
    expect(resizeRefusal({ ...five, room: { participant: 4, observer: 1 } }, 'observers', 4)).toBe('noRoom');
  });
});
