import { describe, expect, it } from 'vitest';
import { Code } from '../datatree/KeeperException.ts';
import { enc, OPEN, Pipeline } from '../datatree/testkit.test-helper.ts';
import type { Request } from '../datatree/types.ts';
import {
  clientContainsWatcher, clientRemoveWatcher, createClientWatchManager, DEFAULT_WATCHER, materialize, registerWatch, watchesForReconnect,
} from './ClientWatchManager.ts';
import {
  addPersistentWatch, addWatch, containsWatcher, createWatchManager, removeConnection, removeWatch, setWatches, triggerWatches,
  type WatchManager,
} from './WatchManager.ts';

/** A server pipeline plus its WatchManager: write → events, as FinalRequestProcessor does. */
class Server extends Pipeline {
  wm: WatchManager = createWatchManager();
  events(req: Request, session = 1n): string[] {
    const rc = this.write(req, session);
    const all = [...rc.triggers, ...(rc.multiResult ?? []).flatMap((r) => r.triggers)];
    return triggerWatches(this.wm, all).map((n) => `${n.conn} ${n.type} ${n.path}`);
  }
  mk(path: string, session = 1n): string[] {
    return this.events({ type: 'create', path, data: null, acl: OPEN, mode: 'PERSISTENT' }, session);
  }
  set(path: string): string[] {
    return this.events({ type: 'setData', path, data: enc('x'), version: -1 });
  }
  rm(path: string): string[] {
    return this.events({ type: 'delete', path, version: -1 });
  }
}

describe('firing table (ZooKeeper 3.8)', () => {
  it('data watch: one-shot NodeDataChanged', () => {
    const s = new Server();
    s.mk('/w');
    addWatch(s.wm, 'data', '/w', 'c1');
    expect(s.set('/w')).toEqual(['c1 NodeDataChanged /w']);
    expect(s.set('/w')).toEqual([]);
  });
  it('get -w + stat -w on one path give one event (deduplicated per connection)', () => {
    const s = new Server();
    s.mk('/w');
    addWatch(s.wm, 'data', '/w', 'c1');
    addWatch(s.wm, 'data', '/w', 'c1');
    addWatch(s.wm, 'data', '/w', 'c2');
    expect(s.rm('/w')).toEqual(['c1 NodeDeleted /w', 'c2 NodeDeleted /w']);
  });
  it('exists watch on a missing node: NodeCreated', () => {
    const s = new Server();
    addWatch(s.wm, 'data', '/later', 'c1');
    expect(s.mk('/later')).toEqual(['c1 NodeCreated /later']);
  });
  it('child watch: NodeChildrenChanged on create and delete of a child; setData fires nothing there', () => {
    const s = new Server();
    s.mk('/p');
    addWatch(s.wm, 'child', '/p', 'c1');
    expect(s.mk('/p/a')).toEqual(['c1 NodeChildrenChanged /p']);
    addWatch(s.wm, 'child', '/p', 'c1');
    expect(s.set('/p/a')).toEqual([]);
    expect(s.rm('/p/a')).toEqual(['c1 NodeChildrenChanged /p']);
  });
  it('delete of a child-watched node fires NodeDeleted once, even with a data watch too', () => {
    const s = new Server();
    s.mk('/d');
    addWatch(s.wm, 'child', '/d', 'c1');
    addWatch(s.wm, 'data', '/d', 'c1');
    addWatch(s.wm, 'child', '/d', 'c2');
    expect(s.rm('/d')).toEqual(['c1 NodeDeleted /d', 'c2 NodeDeleted /d']);
    // both one-shots are gone
    expect(s.mk('/d')).toEqual([]);
  });
  it('setACL and failed writes fire nothing', () => {
    const s = new Server();
    s.mk('/n');
    addWatch(s.wm, 'data', '/n', 'c1');
    addWatch(s.wm, 'child', '/', 'c1');
    expect(s.events({ type: 'setACL', path: '/n', acl: OPEN, version: -1 })).toEqual([]);
    expect(s.mk('/n')).toEqual([]);
    expect(s.events({ type: 'multi', ops: [{ type: 'setData', path: '/n', data: null, version: -1 }, { type: 'delete', path: '/zz', version: -1 }] })).toEqual([]);
  });
  it('a closeSession deletes ephemerals and fires their events', () => {
    const s = new Server();
    s.mk('/e', 9n);
    s.events({ type: 'create', path: '/e/x', data: null, acl: OPEN, mode: 'EPHEMERAL' }, 9n);
    addWatch(s.wm, 'data', '/e/x', 'other');
    addWatch(s.wm, 'child', '/e', 'other');
    expect(s.events({ type: 'closeSession' }, 9n)).toEqual(['other NodeDeleted /e/x', 'other NodeChildrenChanged /e']);
  });
});

describe('persistent watches (addWatch)', () => {
  it('PERSISTENT: the path’s own events plus NodeChildrenChanged, never removed', () => {
    const s = new Server();
    addPersistentWatch(s.wm, '/p', 'c1', 'PERSISTENT');
    expect(s.mk('/p')).toEqual(['c1 NodeCreated /p']);
    expect(s.mk('/p/a')).toEqual(['c1 NodeChildrenChanged /p']);
    expect(s.mk('/p/a/deep')).toEqual([]);
    expect(s.set('/p')).toEqual(['c1 NodeDataChanged /p']);
    expect(s.set('/p')).toEqual(['c1 NodeDataChanged /p']);
  });
  it('PERSISTENT_RECURSIVE: every type but NodeChildrenChanged, for the whole subtree', () => {
    const s = new Server();
    addPersistentWatch(s.wm, '/r', 'c1', 'PERSISTENT_RECURSIVE');
    expect(s.mk('/r')).toEqual(['c1 NodeCreated /r']);
    expect(s.mk('/r/a')).toEqual(['c1 NodeCreated /r/a']);
    expect(s.mk('/r/a/b')).toEqual(['c1 NodeCreated /r/a/b']);
    expect(s.set('/r/a/b')).toEqual(['c1 NodeDataChanged /r/a/b']);
    expect(s.rm('/r/a/b')).toEqual(['c1 NodeDeleted /r/a/b']);
    expect(s.mk('/rx')).toEqual([]);
  });
  it('addWatch again replaces the mode (recursive → persistent)', () => {
    const s = new Server();
    s.mk('/m');
    addPersistentWatch(s.wm, '/m', 'c1', 'PERSISTENT_RECURSIVE');
    addPersistentWatch(s.wm, '/m', 'c1', 'PERSISTENT');
    expect(s.mk('/m/a')).toEqual(['c1 NodeChildrenChanged /m']);
    expect(s.mk('/m/a/b')).toEqual([]);
  });
  it('a recursive watch on an ancestor and a standard watch give one event per connection', () => {
    const s = new Server();
    s.mk('/x');
    addPersistentWatch(s.wm, '/', 'c1', 'PERSISTENT_RECURSIVE');
    addWatch(s.wm, 'data', '/x', 'c1');
    expect(s.set('/x')).toEqual(['c1 NodeDataChanged /x']);
  });
});

describe('removeWatches / checkWatches', () => {
  it('removes by type; Any removes both tables; reports whether anything was there', () => {
    const s = new Server();
    s.mk('/r');
    addWatch(s.wm, 'data', '/r', 'c1');
    addWatch(s.wm, 'child', '/r', 'c1');
    expect(containsWatcher(s.wm, '/r', 'Children', 'c1')).toBe(true);
    expect(removeWatch(s.wm, '/r', 'Children', 'c1')).toBe(true);
    expect(removeWatch(s.wm, '/r', 'Children', 'c1')).toBe(false);
    expect(removeWatch(s.wm, '/r', 'Any', 'c1')).toBe(true);
    expect(s.set('/r')).toEqual([]);
  });
  it('-c on a persistent watch strips the child half on the server', () => {
    const s = new Server();
    s.mk('/p');
    addPersistentWatch(s.wm, '/p', 'c1', 'PERSISTENT');
    expect(removeWatch(s.wm, '/p', 'Children', 'c1')).toBe(true);
    expect(s.mk('/p/a')).toEqual([]);
    expect(s.set('/p')).toEqual(['c1 NodeDataChanged /p']);
  });
  it('a closed connection loses all its watches', () => {
    const s = new Server();
    s.mk('/z');
    addWatch(s.wm, 'data', '/z', 'c1');
    addPersistentWatch(s.wm, '/', 'c1', 'PERSISTENT_RECURSIVE');
    removeConnection(s.wm, 'c1');
    expect(s.set('/z')).toEqual([]);
    expect(s.wm.dataWatches.recursiveQty).toBe(0);
  });
});

describe('setWatches on reconnect', () => {
  it('fires what changed since relativeZxid and re-registers the rest', () => {
    const s = new Server();
    s.mk('/same');
    s.mk('/changed');
    const rel = s.zxid;
    s.set('/changed');
    s.mk('/born');
    s.mk('/same/kid');
    const out = setWatches(s.wm, s.tree, {
      relativeZxid: rel,
      dataWatches: ['/same', '/changed', '/gone'],
      existWatches: ['/born', '/absent'],
      childWatches: ['/same'],
      persistentWatches: [],
      persistentRecursiveWatches: ['/rec'],
    }, 'c1');
    expect(out.map((n) => `${n.type} ${n.path}`)).toEqual([
      'NodeDataChanged /changed', 'NodeDeleted /gone', 'NodeCreated /born', 'NodeChildrenChanged /same',
    ]);
    expect(s.set('/same')).toEqual(['c1 NodeDataChanged /same']);
    expect(s.mk('/absent')).toEqual(['c1 NodeCreated /absent']);
    expect(s.mk('/rec')).toEqual(['c1 NodeCreated /rec']);
  });
});

describe('client side (ZKWatchManager)', () => {
  it('exists registers an exist watch on NONODE, a data watch on OK; getData registers only on OK', () => {
    const c = createClientWatchManager();
    registerWatch(c, 'exists', '/a', Code.NONODE);
    registerWatch(c, 'exists', '/b', Code.OK);
    registerWatch(c, 'data', '/c', Code.NONODE);
    expect([...c.existWatches.keys()]).toEqual(['/a']);
    expect([...c.dataWatches.keys()]).toEqual(['/b']);
    expect(materialize(c, 'NodeCreated', '/a')).toEqual([DEFAULT_WATCHER]);
    expect(materialize(c, 'NodeCreated', '/a')).toEqual([]);
  });
  it('NodeDeleted reaches data, exist and child watchers; persistent-recursive ones on ancestors', () => {
    const c = createClientWatchManager();
    registerWatch(c, 'child', '/x', 0, 'w1');
    registerWatch(c, 'data', '/x', 0, 'w2');
    registerWatch(c, 'PERSISTENT_RECURSIVE', '/', 0, 'w3');
    expect(materialize(c, 'NodeDeleted', '/x')).toEqual(['w2', 'w1', 'w3']);
    // the client adds persistent watchers for every type; the server never sends recursive ones a child event
    expect(materialize(c, 'NodeChildrenChanged', '/x')).toEqual(['w3']);
    expect(materialize(c, 'None', null)).toEqual([DEFAULT_WATCHER, 'w3']);
  });
  it('removeWatches quirk: -c on a persistent watch is "No such watcher" locally', () => {
    const c = createClientWatchManager();
    registerWatch(c, 'PERSISTENT', '/p', 0);
    expect(clientContainsWatcher(c, '/p', null, 'Children')).toBe(true);
    expect(clientRemoveWatcher(c, '/p', null, 'Children', false, Code.OK)).toEqual({ ok: false, code: Code.NOWATCHER });
    expect(clientRemoveWatcher(c, '/p', null, 'Any', false, Code.OK)).toEqual({ ok: true, events: [{ type: 'PersistentWatchRemoved', watchers: [DEFAULT_WATCHER] }] });
    expect(clientRemoveWatcher(c, '/p', null, 'Any', false, Code.OK)).toEqual({ ok: false, code: Code.NOWATCHER });
  });
  it('removeWatches -d removes data and exist watches, reporting DataWatchRemoved; server errors propagate', () => {
    const c = createClientWatchManager();
    registerWatch(c, 'exists', '/e', Code.NONODE);
    expect(clientRemoveWatcher(c, '/e', null, 'Data', false, Code.CONNECTIONLOSS)).toEqual({ ok: false, code: Code.CONNECTIONLOSS });
    expect(clientRemoveWatcher(c, '/e', null, 'Data', true, Code.CONNECTIONLOSS)).toMatchObject({ ok: true, events: [{ type: 'DataWatchRemoved' }] });
    registerWatch(c, 'data', '/q', 0);
    registerWatch(c, 'child', '/q', 0);
    expect(watchesForReconnect(c)).toMatchObject({ dataWatches: ['/q'], childWatches: ['/q'], existWatches: [] });
  });
});
