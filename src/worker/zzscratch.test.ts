import { test } from 'vitest';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import { StandaloneServer } from '../cli/zkcli/standaloneClient.ts';
import { HeadlessLab } from './headless.ts';
import { LabZkClient } from './labZkClient.ts';

test('perf', async () => {
  const server = new StandaloneServer({ extendedTypesEnabled: true });
  const c = server.newClient();
  const cli = new ZkCli({ server: 'zk1:2181', jline: false });
  await cli.startup(c);
  let t = Date.now();
  for (let i = 0; i < 20000; i++) {
    await cli.execute(`create /a${i % 50} x`, c);
    await cli.execute(`get /a${i % 50}`, c);
  }
  console.log('standalone 40000 lines', Date.now() - t, 'ms', server.tree.nodes?.size);
  for (const every of [1, 50]) {
    const lab = new HeadlessLab({ voters: 3, seed: 1 }, every);
    await lab.runtime.runFor(3000);
    const lc = new LabZkClient(lab.runtime, { drive: () => true });
    const cli2 = new ZkCli({ server: 'zk1:2181', jline: false });
    await cli2.startup(lc);
    t = Date.now();
    const ev0 = lab.sim.eventCount;
    for (let i = 0; i < 1000; i++) {
      await cli2.execute(`create /a${i % 50} x`, lc);
      await cli2.execute(`get /a${i % 50}`, lc);
    }
    console.log('ensemble every', every, '2000 lines', Date.now() - t, 'ms events', lab.sim.eventCount - ev0, 'now', lab.sim.now, lab.checker.violations.length);
    lab.dispose();
  }
}, 600000);
