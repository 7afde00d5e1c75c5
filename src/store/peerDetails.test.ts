import { describe, expect, it } from 'vitest';
import { HeadlessLab } from '../worker/headless.ts';
import { buildPeerDetails } from './peerDetails.ts';

describe('buildPeerDetails', () => {
  it('shows FLE variables and the difference from the leader', async () => {
    const lab = new HeadlessLab({ voters: 3 });
    await lab.lab('run 3s');
    await lab.lab('partition 1 2,3');
    await lab.write(3, 2);
    await lab.lab('run 1s');
    const leader = lab.peer(3)!;
    const d1 = buildPeerDetails(1, lab.peer(1)!, leader.state === 'LEADING' ? leader : null);
    expect(d1.up).toBe(true);
    expect(d1.fle?.logicalclock).toBeGreaterThan(0);
    expect(d1.diff.leader).toBe('zk3');
    expect(d1.diff.fields.some(([f]) => f === 'last logged zxid')).toBe(true);
    const d3 = buildPeerDetails(3, leader, leader);
    expect(d3.diff.isLeader).toBe(true);
    expect(buildPeerDetails(2, null, leader).up).toBe(false);
    lab.dispose();
  });
});
