import { describe, expect, it } from 'vitest';
import { generateDigest } from '../acl/acl.ts';
import { copyStat, createDataTree, getAllChildrenNumber, getContainerCandidates, getEphemerals, getNode, processTxn } from './DataTree.ts';
import { CONTAINER_EPHEMERAL_OWNER, ttlToEphemeralOwner } from './EphemeralType.ts';
import { exists, getACL, getAllChildrenNumberRequest, getChildren, getData, getEphemeralsRequest } from './FinalRequestProcessor.ts';
import { Code } from './KeeperException.ts';
import { formatSequence, prepRequest } from './PrepRequestProcessor.ts';
import { enc, IP, OPEN, Pipeline } from './testkit.test-helper.ts';

const statOf = (p: Pipeline, path: string) => {
  const n = getNode(p.tree, path);
  if (!n) throw new Error('no node ' + path);
  return copyStat(p.tree, n);
};

describe('reserved nodes (ZooKeeper 3.8)', () => {
  it('a fresh tree has /, /zookeeper, /zookeeper/quota, /zookeeper/config with ZooKeeper’s stats', () => {
    const t = createDataTree();
    expect([...t.nodes.keys()].sort()).toEqual(['/', '/zookeeper', '/zookeeper/config', '/zookeeper/quota']);
    expect(copyStat(t, t.nodes.get('/')!)).toMatchObject({ cversion: -1, numChildren: 1, czxid: 0, ctime: 0 });
    expect(copyStat(t, t.nodes.get('/zookeeper')!)).toMatchObject({ cversion: -2, numChildren: 2 });
    expect(copyStat(t, t.nodes.get('/zookeeper/config')!)).toMatchObject({ aversion: -1, dataLength: 0 });
    expect(t.nodes.get('/zookeeper/config')!.acl).toEqual([{ perms: 1, id: { scheme: 'world', id: 'anyone' } }]);
    expect(getAllChildrenNumber(t, '/')).toBe(3);
  });
  it('the four reserved nodes cannot be deleted, but /zookeeper may get children and data', () => {
    const p = new Pipeline();
    for (const path of ['/', '/zookeeper', '/zookeeper/quota', '/zookeeper/config']) {
      expect(p.write({ type: 'delete', path, version: -1 }).err).toBe(Code.BADARGUMENTS);
    }
    expect(p.create('/zookeeper/mine').err).toBe(0);
    expect(p.write({ type: 'setData', path: '/zookeeper', data: enc('x'), version: -1 }).err).toBe(0);
    expect(p.write({ type: 'setData', path: '/zookeeper/config', data: enc('x'), version: -1 }).err).toBe(Code.NOAUTH);
  });
});

describe('Stat rules', () => {
  it('create: czxid = mzxid = pzxid = zxid, ctime = mtime = txn time; parent cversion/pzxid/numChildren', () => {
    const p = new Pipeline();
    const rc = p.create('/a', 'x');
    expect(rc.zxid).toBe(0x100000001);
    const s = statOf(p, '/a');
    expect(s).toMatchObject({ czxid: rc.zxid, mzxid: rc.zxid, pzxid: rc.zxid, ctime: p.time, mtime: p.time, version: 0, aversion: 0, cversion: 0, dataLength: 1 });
    const root = statOf(p, '/');
    expect(root).toMatchObject({ pzxid: rc.zxid, numChildren: 2, cversion: 0, mzxid: 0 });
  });
  it('displayed cversion = 2*creates − children: 2 creates + 1 delete = 3; +create +seq create = 5', () => {
    const p = new Pipeline();
    p.create('/c');
    p.create('/c/x');
    p.create('/c/y');
    const del = p.write({ type: 'delete', path: '/c/x', version: -1 });
    expect(statOf(p, '/c')).toMatchObject({ cversion: 3, numChildren: 1, pzxid: del.zxid });
    p.create('/c/z');
    p.create('/c/s-', null, 'PERSISTENT_SEQUENTIAL');
    expect(statOf(p, '/c').cversion).toBe(5);
  });
  it('delete moves the parent pzxid but not its stored cversion; setData does not touch the parent', () => {
    const p = new Pipeline();
    p.create('/d');
    p.create('/d/k');
    const before = getNode(p.tree, '/d')!.stat.cversion;
    const del = p.write({ type: 'delete', path: '/d/k', version: -1 });
    expect(getNode(p.tree, '/d')!.stat.cversion).toBe(before);
    expect(statOf(p, '/d').pzxid).toBe(del.zxid);
    p.create('/d/k2');
    const pz = statOf(p, '/d').pzxid;
    const set = p.write({ type: 'setData', path: '/d/k2', data: enc('v'), version: -1 });
    expect(statOf(p, '/d').pzxid).toBe(pz);
    expect(statOf(p, '/d/k2')).toMatchObject({ mzxid: set.zxid, version: 1, mtime: p.time });
  });
  it('sequential suffix = %010d of the stored cversion, counting every create, deleted ones too', () => {
    const p = new Pipeline();
    p.create('/a');
    p.create('/a/b');
    p.create('/a/c');
    expect(p.create('/a/seq-', null, 'PERSISTENT_SEQUENTIAL').path).toBe('/a/seq-0000000002');
    p.write({ type: 'delete', path: '/a/seq-0000000002', version: -1 });
    expect(p.create('/a/seq-', null, 'PERSISTENT_SEQUENTIAL').path).toBe('/a/seq-0000000003');
    expect(p.create('/r-', null, 'PERSISTENT_SEQUENTIAL').path).toBe('/r-0000000001');
    p.create('/z2');
    expect(p.create('/z2/', null, 'PERSISTENT_SEQUENTIAL').path).toBe('/z2/0000000000');
    expect(formatSequence(-1)).toBe('-000000001');
  });
  it('failed writes are error txns that consume a zxid; reads do not', () => {
    const p = new Pipeline();
    expect(p.create('/z1').zxid).toBe(0x100000001);
    const bad = [p.create('/z1'), p.write({ type: 'delete', path: '/nope', version: -1 }), p.write({ type: 'setData', path: '/nope', data: null, version: -1 })];
    expect(bad.map((r) => [r.type, r.err])).toEqual([['error', Code.NODEEXISTS], ['error', Code.NONODE], ['error', Code.NONODE]]);
    getData(p.tree, '/z1', [IP], false);
    expect(p.create('/z2').zxid).toBe(0x100000005);
  });
  it('versions: -1 matches anything; setData/delete check dataVersion, setACL aclVersion', () => {
    const p = new Pipeline();
    p.create('/v');
    expect(p.write({ type: 'setData', path: '/v', data: null, version: 5 }).err).toBe(Code.BADVERSION);
    expect(p.write({ type: 'setData', path: '/v', data: null, version: 0 }).err).toBe(0);
    expect(p.write({ type: 'setACL', path: '/v', acl: OPEN, version: 1 }).err).toBe(Code.BADVERSION);
    expect(p.write({ type: 'setACL', path: '/v', acl: OPEN, version: 0 }).err).toBe(0);
    expect(statOf(p, '/v')).toMatchObject({ version: 1, aversion: 1 });
    expect(p.write({ type: 'delete', path: '/v', version: 0 }).err).toBe(Code.BADVERSION);
    expect(p.write({ type: 'delete', path: '/v', version: 1 }).err).toBe(0);
  });
  it('null data is distinct from empty data', () => {
    const p = new Pipeline();
    p.create('/n', null);
    p.create('/e', '');
    const a = getData(p.tree, '/n', [IP], false);
    const b = getData(p.tree, '/e', [IP], false);
    expect(a.ok && a.value.data).toBeNull();
    expect(b.ok && b.value.data).toEqual(new Uint8Array(0));
  });
});

describe('ephemeral, container and TTL owners', () => {
  it('ephemeralOwner is the session for ephemerals and 0 for containers and TTLs (hidden encodings)', () => {
    const p = new Pipeline({ extendedTypesEnabled: true });
    p.create('/e', null, 'EPHEMERAL', 0x100000327e30006n);
    p.create('/c', null, 'CONTAINER');
    p.write({ type: 'create', path: '/t', data: null, acl: OPEN, mode: 'PERSISTENT_WITH_TTL', ttl: 3000 });
    expect(statOf(p, '/e').ephemeralOwner).toBe(0x100000327e30006n);
    expect(getNode(p.tree, '/c')!.stat.ephemeralOwner).toBe(CONTAINER_EPHEMERAL_OWNER);
    expect(getNode(p.tree, '/t')!.stat.ephemeralOwner).toBe(ttlToEphemeralOwner(3000));
    expect(statOf(p, '/c').ephemeralOwner).toBe(0n);
    expect(statOf(p, '/t').ephemeralOwner).toBe(0n);
    expect([...p.tree.containers]).toEqual(['/c']);
    expect([...p.tree.ttls]).toEqual(['/t']);
  });
  it('TTL needs extended types (Unimplemented) and a ttl in (0, 2^40-1] (BadArguments)', () => {
    const off = new Pipeline();
    expect(off.write({ type: 'create', path: '/t', data: null, acl: OPEN, mode: 'PERSISTENT_WITH_TTL', ttl: 10 }).err).toBe(Code.UNIMPLEMENTED);
    const on = new Pipeline({ extendedTypesEnabled: true });
    expect(on.write({ type: 'create', path: '/t', data: null, acl: OPEN, mode: 'PERSISTENT_WITH_TTL', ttl: 0 }).err).toBe(Code.BADARGUMENTS);
    expect(on.write({ type: 'create', path: '/t', data: null, acl: OPEN, mode: 'PERSISTENT_SEQUENTIAL_WITH_TTL', ttl: 5 }).path).toBe('/t0000000000'); // failed creates do not count
  });
  it('ephemerals cannot have children', () => {
    const p = new Pipeline();
    p.create('/eph', null, 'EPHEMERAL');
    expect(p.create('/eph/c').err).toBe(Code.NOCHILDRENFOREPHEMERALS);
  });
  it('container candidates: emptied containers, expired TTL nodes', () => {
    const p = new Pipeline({ extendedTypesEnabled: true });
    p.create('/c1', null, 'CONTAINER');
    p.create('/c2', null, 'CONTAINER');
    p.create('/c1/x');
    p.write({ type: 'delete', path: '/c1/x', version: -1 });
    p.write({ type: 'create', path: '/t', data: null, acl: OPEN, mode: 'PERSISTENT_WITH_TTL', ttl: 100 });
    expect(getContainerCandidates(p.tree, p.time + 50)).toEqual(['/c1']);
    expect(getContainerCandidates(p.tree, p.time + 1000)).toEqual(['/c1', '/t']);
    expect(getContainerCandidates(p.tree, p.time + 1000, 10)).toEqual(['/c1', '/c2', '/t']);
    expect(p.write({ type: 'deleteContainer', path: '/c1' }).err).toBe(0);
  });
});

describe('closeSession (ZooKeeper 3.8)', () => {
  it('deletes every ephemeral of the session with the txn zxid, pending ones included', () => {
    const p = new Pipeline();
    p.create('/a');
    p.create('/a/e1', null, 'EPHEMERAL', 7n);
    p.create('/e2', null, 'EPHEMERAL', 7n);
    p.create('/other', null, 'EPHEMERAL', 8n);
    const pendingCreate = p.prep({ type: 'create', path: '/a/e3', data: null, acl: OPEN, mode: 'EPHEMERAL' }, 7n);
    const close = p.prep({ type: 'closeSession' }, 7n);
    expect(close.record.type === 'closeSession' && [...close.record.paths2Delete].sort()).toEqual(['/a/e1', '/a/e3', '/e2']);
    p.apply(pendingCreate);
    const rc = p.apply(close);
    expect(getNode(p.tree, '/a/e1')).toBeUndefined();
    expect(getNode(p.tree, '/a/e3')).toBeUndefined();
    expect(getNode(p.tree, '/other')).toBeDefined();
    expect(statOf(p, '/a').pzxid).toBe(rc.zxid);
    expect(getEphemerals(p.tree, 7n)).toEqual([]);
    expect(rc.triggers.filter((t) => t.type === 'NodeDeleted' && t.table === 'data').map((t) => t.path).sort()).toEqual(['/a/e1', '/a/e3', '/e2']);
  });
  it('getEphemerals filters by plain string prefix', () => {
    const p = new Pipeline();
    p.create('/eph', null, 'EPHEMERAL', 9n);
    p.create('/ephemeral2', null, 'EPHEMERAL', 9n);
    p.create('/a');
    p.create('/a/e-', null, 'EPHEMERAL_SEQUENTIAL', 9n);
    const r = getEphemeralsRequest(p.tree, 9n, '/eph');
    expect(r.ok && [...r.value].sort()).toEqual(['/eph', '/ephemeral2']);
    const all = getEphemeralsRequest(p.tree, 9n, '/');
    expect(all.ok && all.value.length).toBe(3);
  });
});

describe('PrepRequestProcessor validation order (ZooKeeper 3.8)', () => {
  const bob = { scheme: 'digest', id: generateDigest('bob:pw') };
  const bobOnly = [{ perms: 31, id: bob }];
  it('create: InvalidACL before NoNode, NoNode before NoAuth, NoAuth before NodeExists, NodeExists before ephemeral parent', () => {
    const p = new Pipeline();
    expect(p.write({ type: 'create', path: '/x/y', data: null, acl: [], mode: 'PERSISTENT' }).err).toBe(Code.INVALIDACL);
    expect(p.create('/x/y').err).toBe(Code.NONODE);
    p.write({ type: 'create', path: '/locked', data: null, acl: bobOnly, mode: 'PERSISTENT' }, 1n, [IP, bob]);
    p.write({ type: 'create', path: '/locked/c', data: null, acl: OPEN, mode: 'PERSISTENT' }, 1n, [IP, bob]);
    expect(p.create('/locked/c').err).toBe(Code.NOAUTH);
    p.create('/e', null, 'EPHEMERAL');
    p.write({ type: 'create', path: '/e/x', data: null, acl: OPEN, mode: 'PERSISTENT' });
    expect(p.create('/e').err).toBe(Code.NODEEXISTS);
    expect(p.create('/e/y').err).toBe(Code.NOCHILDRENFOREPHEMERALS);
  });
  it('create: a session error comes after TTL checks, before everything else', () => {
    const p = new Pipeline();
    const txn = prepWithSession(p, Code.SESSIONEXPIRED);
    expect(txn.record).toEqual({ type: 'error', err: Code.SESSIONEXPIRED });
  });
  it('create: the server rejects bad paths with BadArguments', () => {
    const p = new Pipeline();
    expect(p.create('noslash').err).toBe(Code.BADARGUMENTS);
    expect(p.create('/a//b').err).toBe(Code.NONODE); // parent "/a/" is looked up first
    expect(p.create('/.').err).toBe(Code.BADARGUMENTS);
    expect(p.create('/').err).toBe(Code.NODEEXISTS);
  });
  it('delete: BadArguments, then parent NoNode, then DELETE on the parent, then NoNode, BadVersion, NotEmpty', () => {
    const p = new Pipeline();
    expect(p.write({ type: 'delete', path: '/zookeeper', version: -1 }).err).toBe(Code.BADARGUMENTS);
    expect(p.write({ type: 'delete', path: '/no/such', version: -1 }).err).toBe(Code.NONODE);
    p.write({ type: 'create', path: '/p', data: null, acl: [{ perms: 31 - 8, id: { scheme: 'world', id: 'anyone' } }], mode: 'PERSISTENT' });
    p.create('/p/c');
    expect(p.write({ type: 'delete', path: '/p/c', version: -1 }).err).toBe(Code.NOAUTH);
    expect(p.write({ type: 'delete', path: '/p/none', version: -1 }).err).toBe(Code.NOAUTH);
    p.create('/q');
    p.create('/q/c');
    expect(p.write({ type: 'delete', path: '/q', version: 3 }).err).toBe(Code.BADVERSION);
    expect(p.write({ type: 'delete', path: '/q', version: -1 }).err).toBe(Code.NOTEMPTY);
  });
  it('the node’s own ACL does not matter for delete (only the parent’s DELETE)', () => {
    const p = new Pipeline();
    p.write({ type: 'create', path: '/acl1', data: null, acl: bobOnly, mode: 'PERSISTENT' }, 1n, [IP, bob]);
    expect(p.write({ type: 'delete', path: '/acl1', version: -1 }).err).toBe(0);
  });
  it('permission table: setData WRITE, setACL ADMIN, check READ', () => {
    const p = new Pipeline();
    const only = (perms: number) => [{ perms, id: { scheme: 'world', id: 'anyone' } }];
    p.write({ type: 'create', path: '/r', data: null, acl: only(1), mode: 'PERSISTENT' });
    expect(p.write({ type: 'setData', path: '/r', data: null, version: -1 }).err).toBe(Code.NOAUTH);
    expect(p.write({ type: 'setACL', path: '/r', acl: OPEN, version: -1 }).err).toBe(Code.NOAUTH);
    expect(p.write({ type: 'check', path: '/r', version: 0 }).err).toBe(0);
    p.write({ type: 'create', path: '/w', data: null, acl: only(2 | 16), mode: 'PERSISTENT' });
    expect(p.write({ type: 'setData', path: '/w', data: null, version: -1 }).err).toBe(0);
    expect(p.write({ type: 'check', path: '/w', version: 1 }).err).toBe(Code.NOAUTH);
    expect(p.write({ type: 'setACL', path: '/w', acl: [{ perms: 31, id: { scheme: 'auth', id: '' } }], version: -1 }).err).toBe(Code.INVALIDACL);
    expect(p.write({ type: 'setACL', path: '/w', acl: [{ perms: 31, id: { scheme: 'auth', id: '' } }], version: -1 }, 1n, [IP, bob]).err).toBe(0);
    expect(getNode(p.tree, '/w')!.acl).toEqual([{ perms: 31, id: bob }]);
  });
});

function prepWithSession(p: Pipeline, code: number) {
  return prepRequest({ tree: p.tree, pending: p.pending }, { type: 'create', path: '/s', data: null, acl: OPEN, mode: 'PERSISTENT' },
    { sessionId: 1n, cxid: 0, authInfo: [IP], sessionCheck: code }, ++p.zxid, p.time);
}

describe('pending changes (outstandingChanges)', () => {
  it('later requests see earlier prepared-but-unapplied ones', () => {
    const p = new Pipeline();
    const t1 = p.prep({ type: 'create', path: '/a', data: null, acl: OPEN, mode: 'PERSISTENT' });
    const t2 = p.prep({ type: 'create', path: '/a/b', data: null, acl: OPEN, mode: 'PERSISTENT' });
    const t3 = p.prep({ type: 'create', path: '/a/s-', data: null, acl: OPEN, mode: 'PERSISTENT_SEQUENTIAL' });
    const t4 = p.prep({ type: 'create', path: '/a', data: null, acl: OPEN, mode: 'PERSISTENT' });
    const t5 = p.prep({ type: 'delete', path: '/a', version: -1 });
    expect(t3.record.type === 'create' && t3.record.path).toBe('/a/s-0000000001');
    expect(t4.record).toEqual({ type: 'error', err: Code.NODEEXISTS });
    expect(t5.record).toEqual({ type: 'error', err: Code.NOTEMPTY });
    for (const t of [t1, t2, t3, t4, t5]) p.apply(t);
    expect(p.pending.records).toEqual([]);
    expect(statOf(p, '/a')).toMatchObject({ numChildren: 2, cversion: 2 });
  });
});

describe('multi (all-or-nothing, ZooKeeper 3.8)', () => {
  it('shares one zxid and applies everything on success', () => {
    const p = new Pipeline();
    const rc = p.write({ type: 'multi', ops: [
      { type: 'create', path: '/m', data: null, acl: OPEN, mode: 'PERSISTENT' },
      { type: 'create', path: '/m/x', data: enc('1'), acl: OPEN, mode: 'PERSISTENT' },
      { type: 'setData', path: '/m/x', data: enc('2'), version: 0 },
      { type: 'check', path: '/m', version: 0 },
    ] });
    expect(rc.err).toBe(0);
    expect(statOf(p, '/m').czxid).toBe(rc.zxid);
    expect(statOf(p, '/m/x')).toMatchObject({ czxid: rc.zxid, mzxid: rc.zxid, version: 1 });
  });
  it('a failing op: earlier ops ErrorTxn(0), the op its code, later ops −2, nothing applied, pending rolled back', () => {
    const p = new Pipeline();
    p.create('/keep');
    const txn = p.prep({ type: 'multi', ops: [
      { type: 'create', path: '/m', data: null, acl: OPEN, mode: 'PERSISTENT' },
      { type: 'delete', path: '/nonexistent', version: -1 },
      { type: 'setData', path: '/keep', data: null, version: -1 },
    ] });
    expect(txn.record.type === 'multi' && txn.record.txns.map((t) => t.type)).toEqual(['create', 'error', 'error']);
    expect(p.pending.records).toEqual([]);
    const rc = p.apply(txn);
    expect(rc.err).toBe(Code.NONODE);
    expect(rc.multiResult!.map((r) => r.err)).toEqual([0, Code.NONODE, Code.RUNTIMEINCONSISTENCY]);
    expect(getNode(p.tree, '/m')).toBeUndefined();
    expect(rc.triggers).toEqual([]);
    expect(p.create('/m').zxid).toBe(txn.zxid + 1);
  });
});

describe('quota nodes are ordinary txns; the server keeps zookeeper_stats up to date', () => {
  it('counts the subtree when the stat node is created and on every change below', () => {
    const p = new Pipeline({}, { enforceQuota: true });
    p.create('/q', 'ab');
    p.create('/q/a');
    p.create('/zookeeper/quota/q');
    p.create('/zookeeper/quota/q/zookeeper_limits', 'count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=3');
    p.create('/zookeeper/quota/q/zookeeper_stats', 'count=0,bytes=0');
    const stats = () => new TextDecoder().decode(getNode(p.tree, '/zookeeper/quota/q/zookeeper_stats')!.data!);
    expect(stats()).toBe('count=2,bytes=2');
    p.create('/q/b', 'xyz');
    expect(stats()).toBe('count=3,bytes=5');
    expect(p.create('/q/c').err).toBe(Code.QUOTAEXCEEDED);
    p.write({ type: 'delete', path: '/q/b', version: -1 });
    expect(stats()).toBe('count=2,bytes=2');
    p.write({ type: 'delete', path: '/zookeeper/quota/q/zookeeper_limits', version: -1 });
    expect(p.tree.quotaPaths.size).toBe(0);
  });
});

describe('reads and their permissions (ZooKeeper 3.8)', () => {
  const bob = { scheme: 'digest', id: generateDigest('bob:pw') };
  it('getData/getChildren/getAllChildrenNumber need READ; exists needs nothing (3.8.0)', () => {
    const p = new Pipeline();
    p.write({ type: 'create', path: '/s', data: enc('d'), acl: [{ perms: 31, id: bob }], mode: 'PERSISTENT' }, 1n, [IP, bob]);
    expect(getData(p.tree, '/s', [IP], false)).toEqual({ ok: false, code: Code.NOAUTH });
    expect(getChildren(p.tree, '/s', [IP], false)).toEqual({ ok: false, code: Code.NOAUTH });
    expect(getAllChildrenNumberRequest(p.tree, '/s', [IP])).toEqual({ ok: false, code: Code.NOAUTH });
    expect(exists(p.tree, '/s', false).ok).toBe(true);
    expect(getData(p.tree, '/s', [IP, bob], true)).toMatchObject({ ok: true, watch: { table: 'data', path: '/s' } });
    expect(exists(p.tree, '/missing', true)).toEqual({ ok: false, code: Code.NONODE, watch: { table: 'data', path: '/missing' } });
    expect(getData(p.tree, '/missing', [IP], true)).toEqual({ ok: false, code: Code.NONODE });
  });
  it('getACL needs READ or ADMIN and masks digests without ADMIN', () => {
    const p = new Pipeline();
    p.write({ type: 'create', path: '/g', data: null, acl: [{ perms: 1, id: { scheme: 'world', id: 'anyone' } }, { perms: 31, id: bob }], mode: 'PERSISTENT' }, 1n, [IP, bob]);
    const r = getACL(p.tree, '/g', [IP]);
    expect(r.ok && r.value.acl[1]).toEqual({ perms: 31, id: { scheme: 'digest', id: 'bob:x' } });
    const r2 = getACL(p.tree, '/g', [IP, bob]);
    expect(r2.ok && r2.value.acl[1]).toEqual({ perms: 31, id: bob });
    p.write({ type: 'create', path: '/h', data: null, acl: [{ perms: 2, id: { scheme: 'world', id: 'anyone' } }], mode: 'PERSISTENT' });
    expect(getACL(p.tree, '/h', [IP])).toEqual({ ok: false, code: Code.NOAUTH });
  });
});

describe('processTxn is deterministic', () => {
  it('two trees fed the same txns end equal', () => {
    const a = new Pipeline();
    const txns = [
      a.prep({ type: 'create', path: '/x', data: enc('1'), acl: OPEN, mode: 'PERSISTENT' }),
      a.prep({ type: 'create', path: '/x/e', data: null, acl: OPEN, mode: 'EPHEMERAL' }, 5n),
      a.prep({ type: 'closeSession' }, 5n),
    ];
    const t1 = createDataTree();
    const t2 = createDataTree();
    for (const t of txns) {
      processTxn(t1, t);
      processTxn(t2, t);
    }
    expect(t1).toEqual(t2);
    expect(structuredClone(t1)).toEqual(t1);
  });
});
