// `npm run soak -- --seeds N [--from S]`: runs scripts/soak.soak-run.ts under vitest (the project
// has no tsx) with the seed range in the environment, streaming its output.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const value = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const env = { ...process.env, SOAK_SEEDS: value('--seeds', '100'), SOAK_FROM: value('--from', '1') };
const child = spawn('npx', ['vitest', 'run', '-c', 'vitest.soak.config.ts', '--reporter=verbose'], { env, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
