/**
 * Leader.lead()'s discovery rules, driven by hand-made packets (ZooKeeper 3.8): the new epoch
 * is max(acceptedEpoch of a quorum) + 1, persisted at the same moments as ZooKeeper, and a
 * follower whose (currentEpoch, lastZxid) is ahead of the leader's is refused.
 */
import { describe, expect, test } from 'vitest';
import { createPeer, stepPeer, type PeerOutput, type QuorumPeer } from '../QuorumPeer.ts';
import { DEFAULT_QUORUM_CONFIG, emptyDisk, type PeerDisk } from '../types.ts';
import { makeZxid } from '../zxid.ts';

const config = { ...DEFAULT_QUORUM_CONFIG, voters: [1, 2, 3], observers: [] };

function leader(disk: PeerDisk): { peer: QuorumPeer; out: PeerOutput[] } {
  const peer = createPeer({ myid: 3, config, disk });
  const out: PeerOutput[] = [];
  let now = 0;
  const step = (input: Parameters<typeof stepPeer>[1]) => out.push(...stepPeer(peer, input, now));
  step({ type: 'start' });
  // zk1 and zk2 vote for zk3 in round 1; after finalizeWait zk3 leads.
  const vote = { type: 'NOTIFICATION' as const, state: 'LOOKING' as const, leader: 3, zxid: peer.fle.proposedZxid, electionEpoch: 1, peerEpoch: peer.fle.proposedEpoch, version: 2 };
  step({ type: 'message', from: 1, channel: 'election', msg: vote });
  step({ type: 'message', from: 2, channel: 'election', msg: vote });
  now = 200;
  step({ type: 'timer', name: 'fle.finalize', token: peer.timers['fle.finalize']! });
  return { peer, out };
}

function run(peer: QuorumPeer, input: Parameters<typeof stepPeer>[1], now = 300): PeerOutput[] {
  return stepPeer(peer, input, now);
}

function diskAt(epoch: number, lastCounter: number): PeerDisk {
  const d = emptyDisk();
  d.acceptedEpoch = epoch;
  d.currentEpoch = epoch;
  for (let c = 1; c <= lastCounter; c++) d.log.push({ zxid: makeZxid(epoch, c), time: 0, txn: { clientId: 1n, cxid: c, zxid: makeZxid(epoch, c), time: 0, record: { type: 'error', err: 0 } } });
  return d;
}

describe('Leader discovery', () => {
  test('the new epoch is max acceptedEpoch of the connecting quorum + 1, and acceptedEpoch is persisted when it is fixed', () => {
    const { peer } = leader(diskAt(1, 2));
    expect(peer.state).toBe('LEADING');
    expect(peer.zab.phase).toBe('DISCOVERY');
    // zk1 reports acceptedEpoch 4 (zxid = acceptedEpoch << 32).
    const out = run(peer, { type: 'message', from: 1, channel: 'quorum', msg: { type: 'FOLLOWERINFO', zxid: makeZxid(4, 0), learnerInfo: { sid: 1, protocolVersion: 0x10000, configVersion: 0 } } });
    expect(out).toContainEqual({ type: 'disk', op: { op: 'acceptedEpoch', value: 5 } });
    expect(out).toContainEqual({ type: 'send', to: 1, channel: 'quorum', msg: { type: 'LEADERINFO', zxid: makeZxid(5, 0), epoch: 0x10000 } });
    // currentEpoch is written only once a quorum has ACKed the epoch.
    expect(peer.disk.currentEpoch).toBe(1);
    const acked = run(peer, { type: 'message', from: 1, channel: 'quorum', msg: { type: 'ACKEPOCH', zxid: makeZxid(1, 2), epoch: 1 } });
    expect(acked).toContainEqual({ type: 'disk', op: { op: 'currentEpoch', value: 5 } });
    expect(peer.zab.phase).toBe('SYNCHRONIZATION');
    // zk1 is exactly as up to date as the leader: an empty DIFF, then NEWLEADER.
    const sends = acked.filter((o) => o.type === 'send').map((o) => (o.type === 'send' ? o.msg.type : ''));
    expect(sends).toEqual(['DIFF', 'NEWLEADER']);
  });

  test('a follower ahead of the leader is refused (its connection is closed)', () => {
    const { peer } = leader(diskAt(1, 2));
    run(peer, { type: 'message', from: 1, channel: 'quorum', msg: { type: 'FOLLOWERINFO', zxid: makeZxid(1, 0), learnerInfo: { sid: 1, protocolVersion: 0x10000, configVersion: 0 } } });
    const out = run(peer, { type: 'message', from: 1, channel: 'quorum', msg: { type: 'ACKEPOCH', zxid: makeZxid(1, 5), epoch: 1 } });
    expect(out).toContainEqual({ type: 'disconnect', peer: 1, channel: 'quorum' });
    expect(out.some((o) => o.type === 'event' && o.event.kind === 'zab' && o.event.log.key === 'followerAhead')).toBe(true);
    expect(peer.zab.leader?.electionFinished).toBe(false);
    expect(peer.disk.currentEpoch).toBe(1);
  });

  test('an ACKEPOCH of −1 (the learner already accepted this epoch) does not count towards the quorum', () => {
    const { peer } = leader(diskAt(1, 2));
    run(peer, { type: 'message', from: 1, channel: 'quorum', msg: { type: 'FOLLOWERINFO', zxid: makeZxid(1, 0), learnerInfo: { sid: 1, protocolVersion: 0x10000, configVersion: 0 } } });
    run(peer, { type: 'message', from: 1, channel: 'quorum', msg: { type: 'ACKEPOCH', zxid: makeZxid(1, 2), epoch: -1 } });
    expect(peer.zab.leader?.electionFinished).toBe(false);
  });

  test('without a quorum of FOLLOWERINFO within initLimit·tickTime the leader gives up', () => {
    const { peer } = leader(diskAt(1, 0));
    const out = run(peer, { type: 'timer', name: 'leader.epoch', token: peer.timers['leader.epoch']! }, 20_000);
    expect(peer.state).toBe('LOOKING');
    expect(out).toContainEqual({ type: 'event', event: { kind: 'state', from: 'LEADING', to: 'LOOKING', reason: { key: 'epochTimeout' } } });
  });
});
