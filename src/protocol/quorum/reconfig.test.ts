import { describe, expect, test } from 'vitest';
import { activeConfig, configText, prepareReconfig, type ReconfigContext } from './reconfig.ts';
import { DEFAULT_QUORUM_CONFIG } from '../types.ts';

const base = activeConfig({ ...DEFAULT_QUORUM_CONFIG, voters: [1, 2, 3], observers: [] });
const ctx: ReconfigContext = { lastSeen: { ...base, version: 0x100000000 }, activeVersion: 0x100000000, synced: [3, 1, 2], leaderSid: 3 };
const req = (r: Partial<{ joiningServers: string; leavingServers: string; newMembers: string; curConfigId: number }>) =>
  ({ joiningServers: null, leavingServers: null, newMembers: null, curConfigId: -1, ...r });

describe('pRequest2Txn reconfig (QuorumMaj, QuorumServer parsing), as 3.8.0 answers', () => {
  test('the dynamic config text: 3.5+ server lines sorted by id, version in hex', () => {
    expect(configText(ctx.lastSeen)).toBe(
      'server.1=zk1:2888:3888:participant;zk1:2181\nserver.2=zk2:2888:3888:participant;zk2:2181\n' +
      'server.3=zk3:2888:3888:participant;zk3:2181\nversion=100000000');
  });

  test('malformed servers are BadArguments; a bad id is the MarshallingError of Long.parseLong', () => {
    const code = (joining: string) => {
      const r = prepareReconfig(req({ joiningServers: joining }), ctx, 0x100000002);
      return r.ok ? 0 : r.code;
    };
    for (const bad of ['server.4', 'server.4=', 'server.4=zk4', 'server.4=zk4:2888', 'server.4=zk4:2888:3888:spectator;zk4:2181',
      'server.4=zk4:2888:3888:observer;zk4:notaport', 'server.4=zk4:2888:3888:observer;zk4:2181;extra', 'server.4=zk4:2888:3888:observer']) {
      expect(code(bad), bad).toBe(-8);
    }
    expect(code('server.x=zk4:2888:3888:observer;zk4:2181')).toBe(-5);
    expect(code('4=zk4:2888:3888:observer;zk4:2181')).toBe(0);
    expect(prepareReconfig(req({ leavingServers: 'abc' }), ctx, 2).ok).toBe(false);
  });

  test('-v must name the last seen version; the new config needs a synced quorum; no reconfig while one is in flight', () => {
    expect(prepareReconfig(req({ leavingServers: '2', curConfigId: 1 }), ctx, 2)).toEqual({ ok: false, code: -103 });
    expect(prepareReconfig(req({ leavingServers: '2', curConfigId: 0x100000000 }), ctx, 2).ok).toBe(true);
    expect(prepareReconfig(req({ leavingServers: '2,3', joiningServers: 'server.5=zk5:2888:3888:participant;zk5:2181' }), ctx, 2))
      .toEqual({ ok: false, code: -13 });
    expect(prepareReconfig(req({ leavingServers: '2' }), { ...ctx, activeVersion: 0x100000001 }, 2)).toEqual({ ok: false, code: -14 });
    const members = prepareReconfig(req({ newMembers: 'server.1=zk1:2888:3888:participant;zk1:2181,server.2=zk2:2888:3888:participant;zk2:2181' }), ctx, 0x100000005);
    expect(members.ok && configText(members.next)).toBe(
      'server.1=zk1:2888:3888:participant;zk1:2181\nserver.2=zk2:2888:3888:participant;zk2:2181\nversion=100000005');
  });
});
