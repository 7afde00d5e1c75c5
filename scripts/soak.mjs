// `npm run soak -- --seeds N [--from S] [--protocol zookeeper|paxos|multipaxos|2pc|3pc|all]`: runs
// scripts/soak.soak-run.ts under vitest (the project has no tsx) with the seed range and the
// protocols in the environment, streaming its output. Without --protocol every protocol runs,
// ZooKeeper first (its output as it always was), then Paxos and Multi-Paxos.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const value = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const env = { ...process.env, SOAK_SEEDS: value('--seeds', '100'), SOAK_FROM: value('--from', '1'), SOAK_PROTOCOL: value('--protocol', 'all') };
const child = spawn('npx', ['vitest', 'run', '-c', 'vitest.soak.config.ts', '--reporter=verbose'], { env, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
