/**
 * A peek's delta rebuilds exactly the server's state (src/worker/workerHost.ts `peek`, as its
 * worker and the page do it): the worker diffs against its copy of what it sent last; the page
 * patches what it holds — a structured clone of everything sent before.
 */
import { describe, expect, it } from 'vitest';
import { HeadlessLab } from '../worker/headless.ts';
import { stableJson } from '../sim/stableJson.ts';
import { copyPeer } from './zookeeper.ts';
import { diffPeer, patchPeer, type PeerDelta } from './peerDelta.ts';
import type { QuorumPeer } from './QuorumPeer.ts';
import type { Sid } from './types.ts';

const OPEN_ACL = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];

/** One server's peeks: the worker's copy of what it sent, the page's state, and the bytes sent. */
class Peeker {
  private sent: QuorumPeer | undefined;
  held: QuorumPeer | undefined;
  lastBytes = 0;
  peek(live: QuorumPeer): QuorumPeer {
    if (this.sent && this.held) {
      const before = stableJson(this.held);
      const delta = structuredClone(diffPeer(this.sent, live)) as PeerDelta;
      this.lastBytes = stableJson(delta).length;
      const next = patchPeer(this.held, delta);
      expect(stableJson(this.held)).toBe(before); // the state held before is never changed
      this.held = next;
    } else {
      this.held = structuredClone(live);
      this.lastBytes = stableJson(live).length;
    }
    this.sent = copyPeer(live);
    return this.held;
  }
}

async function request(lab: HeadlessLab, sid: Sid, cxid: number, request: object): Promise<void> {
  await lab.runtime.apply({ type: 'request', sid, req: { sessionId: 0x5ca1ab1en, cxid, authInfo: [], request } as never });
}

describe('peerDelta', () => {
  it('rebuilds every server exactly through writes, deletes, sets, a leader killed and restarted, a wipe', async () => {
    const lab = new HeadlessLab({ voters: 3, observers: 1, seed: 7 }, 0);
    const peekers = new Map<Sid, Peeker>();
    const check = (): void => {
      for (const slot of lab.sim.servers.values()) {
        const live = lab.peer(slot.sid);
        if (!slot.up || !live) {
          peekers.delete(slot.sid); // a dead worker: the page forgets what it held
          continue;
        }
        let p = peekers.get(slot.sid);
        if (!p) peekers.set(slot.sid, (p = new Peeker()));
        expect(stableJson(p.peek(live))).toBe(stableJson(live));
      }
    };
    await lab.runtime.runFor(3000);
    check();
    let cxid = 0;
    for (let round = 0; round < 12; round++) {
      await lab.write(1 + (round % 4), 5);
      await request(lab, 2, ++cxid, { type: 'setData', path: `/w${round * 5 + 1}`, data: new TextEncoder().encode(`v${round}`), version: -1 });
      if (round % 3 === 2) await request(lab, 3, ++cxid, { type: 'delete', path: `/w${round * 5 + 2}`, version: -1 });
      if (round % 4 === 1) await request(lab, 1, ++cxid, { type: 'create', path: `/w${round * 5 + 2}`, data: new Uint8Array(), acl: OPEN_ACL, mode: 'PERSISTENT' });
      await lab.runtime.runFor(700);
      check();
      if (round === 5) {
        const leader = [...lab.sim.servers.values()].find((s) => s.view?.state === 'LEADING')!.sid;
        await lab.lab(`kill ${leader}`);
        await lab.runtime.runFor(8000);
        check();
        await lab.lab(`start ${leader}`);
        await lab.runtime.runFor(8000);
        check();
      }
      if (round === 8) {
        await lab.lab('kill 4');
        await lab.lab('wipe 4');
        await lab.lab('start 4');
        await lab.runtime.runFor(8000);
        check();
      }
    }
    lab.dispose();
  }, 60_000);

  it('sends a small part of a grown state: the znodes and txns since the last peek', async () => {
    const lab = new HeadlessLab({ voters: 3, seed: 1 }, 0);
    await lab.runtime.runFor(3000);
    for (let i = 0; i < 20; i++) {
      await lab.write(1, 10);
      await lab.runtime.runFor(500);
    }
    const peeker = new Peeker();
    const live = lab.peer(1)!;
    peeker.peek(live);
    const full = peeker.lastBytes;
    await lab.write(1, 2);
    await lab.runtime.runFor(500);
    peeker.peek(lab.peer(1)!);
    expect(full).toBeGreaterThan(30_000);
    expect(peeker.lastBytes).toBeLessThan(full / 10);
    lab.dispose();
  });
});
