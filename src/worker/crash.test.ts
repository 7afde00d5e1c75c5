/**
 * A server whose code throws is a crashed server, and the rest of the ensemble lives on
 * (the page's equivalent: a worker that throws shows as a crashed server).
 */
import { expect, test } from 'vitest';
import { zkSim } from '../protocol/zookeeper.ts';
import { runLabCommand } from '../cli/lab.ts';
import { DEFAULT_LAB_CONFIG } from '../protocol/config.ts';
import type { StepRequest } from '../sim/host.ts';
import { InProcessHost, runStep } from './inProcessHost.ts';
import { LabRuntime } from './runtime.ts';

/** An in-process host whose zk2 throws on its first COMMIT (like FollowerZooKeeperServer.commit's exit). */
class FaultyHost extends InProcessHost {
  override step(batch: StepRequest[]) {
    return batch.map((req) => {
      if (req.sid === 2 && req.input.type === 'message' && (req.input.msg as { type: string }).type === 'COMMIT') {
        return { sid: 2, outputs: [], view: null, error: 'Committing zxid 0x100000001 but next pending txn 0x100000002' };
      }
      return runStep(this.process(req.sid), req);
    });
  }
}

test('a server that throws is marked crashed with its reason; the others keep serving', async () => {
  const rt = new LabRuntime({ ...DEFAULT_LAB_CONFIG, voters: 3, seed: 5 }, () => new FaultyHost());
  await rt.runFor(3000);
  await rt.apply({
    type: 'request', sid: 1,
    req: { sessionId: 7n, cxid: 1, authInfo: [], request: { type: 'create', path: '/x', data: null, acl: [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }], mode: 'PERSISTENT' } },
  });
  await rt.runFor(2000);
  const zk2 = zkSim(rt.sim).servers.get(2)!;
  expect(zk2.up).toBe(false);
  expect(zk2.crashReason).toBe('crashed: Committing zxid 0x100000001 but next pending txn 0x100000002');
  expect(zkSim(rt.sim).trace.some((e) => e.kind === 'crash' && e.sid === 2 && e.reason.startsWith('crashed:'))).toBe(true);
  const status = (await runLabCommand(rt, 'lab status')).lines.join('\n');
  expect(status).toContain('zk2 DOWN');
  expect(status).toMatch(/zk3 LEADING .*phase=BROADCAST/);
  // And it can be started again.
  await runLabCommand(rt, 'lab start 2');
  await rt.runFor(3000);
  expect(zkSim(rt.sim).servers.get(2)!.view?.state).toBe('FOLLOWING');
});
