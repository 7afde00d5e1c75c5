/**
 * The layer rule of docs/architecture.md and the deterministic-core rule of §1 are enforced by ESLint
 * (eslint.config.js). These tests prove the rules bite: each snippet, linted as if it lived at
 * the given path, must be rejected (or accepted) for the stated reason.
 */
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('deterministic core: no clock, randomness, timers, workers or DOM in src/protocol and src/sim', () => {
  test.each([
    ['src/protocol/election/x.ts', 'export const r = Math.random();', 'no-restricted-properties'],
    ['src/protocol/zab/x.ts', 'export const t = Date.now();', 'no-restricted-properties'],
    ['src/sim/x.ts', 'export const d = new Date();', 'no-restricted-globals'],
    ['src/sim/x.ts', 'setTimeout(() => undefined, 1);', 'no-restricted-globals'],
    ['src/sim/x.ts', 'export const w = new Worker("a.js");', 'no-restricted-globals'],
    ['src/protocol/x.ts', 'export const el = document.body;', 'no-restricted-globals'],
    ['src/protocol/x.ts', 'export const p = performance.now();', 'no-restricted-properties'],
  ])('%s: %s', async (path, code, rule) => {
    expect(await ruleIds(code, path)).toContain(rule);
  });

  test('the same code is fine outside the core', async () => {
    expect(await ruleIds('export const r = Math.random();', 'src/ui/x.ts')).not.toContain('no-restricted-properties');
  });
});

describe('layers: sim (kernel) ← protocol (modules) ← cli ← worker ← store/machines ← ui ← app', () => {
  test.each([
    ['src/sim/x.ts', "import { zookeeperModule } from '../protocol/zookeeper.ts';\nexport { zookeeperModule };"],
    ['src/protocol/x.ts', "import { runLabCommand } from '../cli/lab.ts';\nexport { runLabCommand };"],
    ['src/protocol/paxos/x.ts', "import { InProcessHost } from '../../worker/inProcessHost.ts';\nexport { InProcessHost };"],
    ['src/sim/x.ts', "import { InProcessHost } from '../worker/inProcessHost.ts';\nexport { InProcessHost };"],
    ['src/cli/x.ts', "import { useLabStore } from '../store/labStore.ts';\nexport { useLabStore };"],
    ['src/worker/x.ts', "import { useLabStore } from '../store/labStore.ts';\nexport { useLabStore };"],
    ['src/store/x.ts', "import { LabPage } from '../ui/LabPage.tsx';\nexport { LabPage };"],
  ])('%s may not import upward', async (path, code) => {
    expect(await ruleIds(code, path)).toContain('no-restricted-imports');
  });

  test('a protocol module may use the kernel', async () => {
    expect(await ruleIds("import { NodeContext } from '../../sim/node.ts';\nexport { NodeContext };", 'src/protocol/paxos/x.ts')).toEqual([]);
  });

  test('ui imports only types from protocol', async () => {
    expect(await ruleIds("import { hex } from '../protocol/zxid.ts';\nexport const h = hex(1);", 'src/ui/x.ts')).toContain('@typescript-eslint/no-restricted-imports');
    expect(await ruleIds("import type { PeerView } from '../protocol/QuorumPeer.ts';\nexport type V = PeerView;", 'src/ui/x.ts')).toEqual([]);
  });

  test('downward imports are fine', async () => {
    expect(await ruleIds("import { Rng } from '../sim/rng.ts';\nexport const r = new Rng(1);", 'src/worker/x.ts')).toEqual([]);
  });
});
