import { describe, expect, it } from 'vitest';
import { activePath, initialRoleSnapshot, roleChartEdges, roleChartStates, roleStateFor, serverRoleMachine, statePathOf } from './serverRoleMachine.ts';

describe('serverRoleMachine', () => {
  it('starts DOWN and follows a server through election and ZAB phases', () => {
    let s = initialRoleSnapshot();
    expect(activePath(s)).toBe('DOWN');
    s = roleStateFor(s, { state: 'LOOKING', phase: null });
    expect(activePath(s)).toBe('LOOKING');
    s = roleStateFor(s, { state: 'LEADING', phase: 'DISCOVERY' });
    expect(activePath(s)).toBe('LEADING.DISCOVERY');
    s = roleStateFor(s, { state: 'LEADING', phase: 'SYNCHRONIZATION' });
    expect(activePath(s)).toBe('LEADING.SYNCHRONIZATION');
    s = roleStateFor(s, { state: 'LEADING', phase: 'BROADCAST' });
    expect(activePath(s)).toBe('LEADING.BROADCAST');
    s = roleStateFor(s, { state: 'LOOKING', phase: 'NONE' });
    expect(activePath(s)).toBe('LOOKING');
    s = roleStateFor(s, { state: 'DOWN', phase: null });
    expect(activePath(s)).toBe('DOWN');
  });

  it('takes several steps at once and catches up after jumps (a rewind)', () => {
    let s = roleStateFor(initialRoleSnapshot(), { state: 'FOLLOWING', phase: 'BROADCAST' });
    expect(activePath(s)).toBe('FOLLOWING.BROADCAST');
    s = roleStateFor(s, { state: 'OBSERVING', phase: 'SYNCHRONIZATION' });
    expect(activePath(s)).toBe('OBSERVING.SYNCHRONIZATION');
    s = roleStateFor(s, { state: 'LEADING', phase: 'DISCOVERY' });
    expect(activePath(s)).toBe('LEADING.DISCOVERY');
  });

  it('every view has a state in the chart', () => {
    for (const state of ['DOWN', 'LOOKING', 'FOLLOWING', 'LEADING', 'OBSERVING'] as const) {
      for (const phase of [null, 'DISCOVERY', 'SYNCHRONIZATION', 'BROADCAST'] as const) {
        const path = statePathOf({ state, phase });
        const node = path.split('.').reduce((n, k) => n.states[k]!, serverRoleMachine.root);
        expect(node).toBeDefined();
        expect(activePath(roleStateFor(initialRoleSnapshot(), { state, phase }))).toBe(path);
      }
    }
  });
});

describe('the chart as drawn', () => {
  it('has the roles, the phases inside them, and ZooKeeper transitions', () => {
    const states = roleChartStates();
    expect(states).toContain('LEADING.SYNCHRONIZATION');
    expect(states.filter((s) => !s.includes('.'))).toEqual(['DOWN', 'LOOKING', 'FOLLOWING', 'LEADING', 'OBSERVING']);
    const edges = roleChartEdges().map((e) => `${e.from}>${e.to}`);
    expect(edges).toEqual(expect.arrayContaining(['DOWN>LOOKING', 'LOOKING>LEADING', 'LEADING>LOOKING', 'FOLLOWING.DISCOVERY>FOLLOWING.SYNCHRONIZATION']));
    expect(edges).not.toContain('DOWN>LEADING');
  });
});
