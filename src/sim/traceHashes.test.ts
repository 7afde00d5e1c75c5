/**
 * Pins the trace hashes (`lab hash`) of many runs, so that work on the kernel's speed (hashing,
 * checkpoints, the event queue, the protocols' hot paths) provably leaves every run as it was:
 * a run is a pure function of (config, seed, actions) (docs/architecture.md), and these hashes
 * were recorded before that work. Covered: soak seeds of ZooKeeper, ZooKeeper with
 * reconfigurations, Paxos, Multi-Paxos, 2PC and 3PC; ensembles of 3..9 voters + 4 observers under
 * writes, with rewinds and seeks; every scenario script (src/protocol/scenarios/testdata) and every
 * zkCli transcript (src/cli/testdata/conformance).
 *
 * RECORD=1 npx vitest run src/sim/traceHashes.test.ts rewrites testdata/traceHashes.json — only
 * ever for a change that is meant to change runs (say so in the commit).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseScript, ScriptRunner } from '../worker/datadriven.ts';
import { HeadlessLab } from '../worker/headless.ts';
import { runProtocolSoakSeed, type SoakProtocol } from '../worker/soak.ts';
import { runCommitSoakSeed } from '../worker/commitSoak.ts';
import { parseLabConfig } from '../protocol/config.ts';
import { LabZkClient } from '../worker/labZkClient.ts';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import { runMarkedScript, scriptLinesOf, transcriptHeader } from '../cli/zkcli/conformance.ts';

const goldenFile = join(import.meta.dirname, 'testdata/traceHashes.json');
const record = !!process.env.RECORD;
const golden: Record<string, string[]> = existsSync(goldenFile) ? (JSON.parse(readFileSync(goldenFile, 'utf8')) as Record<string, string[]>) : {};
const recorded: Record<string, string[]> = {};

function pin(name: string, hashes: string[]): void {
  if (record) {
    recorded[name] = hashes;
    return;
  }
  expect(golden[name], `no recorded hashes for ${name} (RECORD=1 records them)`).toBeDefined();
  expect(hashes, name).toEqual(golden[name]);
}

afterAll(() => {
  if (!record) return;
  const all = { ...golden, ...recorded };
  const sorted = Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]!]));
  writeFileSync(goldenFile, `${JSON.stringify(sorted, null, 1)}\n`);
});

describe('trace hashes are what they were', () => {
  const soaks: Array<[SoakProtocol, number[]]> = [
    ['zookeeper', [1, 2, 3, 4]], ['paxos', [1, 2, 3, 4]], ['multipaxos', [1, 2, 3, 4]], ['2pc', [1, 2, 3, 4]], ['3pc', [1, 2, 3, 4]],
    ['zookeeper-reconfig', [1, 2, 3, 4]],
  ];
  for (const [protocol, seeds] of soaks) {
    for (const seed of seeds) {
      test(`soak ${protocol} seed ${seed}`, async () => {
        const r = await runProtocolSoakSeed(protocol, seed, { stopAtViolation: false });
        pin(`soak ${protocol} ${seed}`, [r.hash, String(r.events)]);
      }, 60_000);
    }
  }

  // 3PC under partitions (the soak's known Atomicity class): heals where a participant that aborted
  // alone answers the commit with ACK of=abort.
  for (const seed of [1, 33]) {
    test(`soak 3pc partitions seed ${seed}`, async () => {
      const r = await runCommitSoakSeed('3pc', seed, { partitions: true });
      pin(`soak 3pc-partitions ${seed}`, [r.hash, String(r.events)]);
    }, 60_000);
  }

  for (let voters = 3; voters <= 9; voters++) {
    test(`${voters} voters + 4 observers: writes, rewinds, seeks`, async () => {
      const lab = new HeadlessLab({ voters, observers: 4, seed: voters }, 0);
      const hashes: string[] = [];
      const note = (): void => {
        hashes.push(`${lab.sim.eventCount}@${lab.sim.now} ${lab.sim.traceHash()}`);
      };
      await lab.runtime.runFor(3000);
      note();
      for (let s = 0; s < 12; s++) {
        for (let i = 0; i < 20; i++) await lab.write(1 + ((s * 20 + i) % (voters + 4)), 1);
        await lab.runtime.runFor(1000);
      }
      note();
      const end = lab.sim.now;
      const endHash = lab.sim.traceHash();
      await lab.runtime.back(2500);
      note();
      await lab.runtime.seek(end);
      expect(lab.sim.traceHash()).toBe(endHash);
      await lab.runtime.back(3777);
      note();
      await lab.runtime.seek(Math.round(end / 2));
      note();
      // Acting in the past: a new branch.
      await lab.runtime.kill(1);
      await lab.write(2, 3);
      await lab.runtime.runFor(2500);
      note();
      await lab.runtime.switchBranch(1);
      note();
      expect(lab.sim.traceHash()).toBe(endHash);
      lab.dispose();
      pin(`ensemble ${voters}+4`, hashes);
    }, 60_000);
  }

  const scenarioDir = join(import.meta.dirname, '../protocol/scenarios/testdata');
  const scripts = readdirSync(scenarioDir).filter((f) => f.endsWith('.txt')).sort();
  test('scenario scripts', async () => {
    for (const file of scripts) {
      const { blocks } = parseScript(readFileSync(join(scenarioDir, file), 'utf8'));
      const runner = new ScriptRunner();
      const hashes: string[] = [];
      for (const b of blocks) {
        if (b.command.startsWith('new ') && runner.lab) hashes.push(runner.lab.sim.traceHash());
        await runner.run(b.command);
      }
      if (runner.lab) hashes.push(runner.lab.sim.traceHash());
      runner.lab?.dispose();
      pin(`script ${file}`, hashes);
    }
  }, 60_000);

  const transcriptDir = join(import.meta.dirname, '../cli/testdata/conformance');
  const transcripts = readdirSync(transcriptDir).filter((f) => f.endsWith('.zk')).sort();
  test('zkCli transcripts', async () => {
    for (const name of transcripts) {
      const text = readFileSync(join(transcriptDir, name), 'utf8');
      const { config, errors } = parseLabConfig([['voters', '3'], ['seed', '1'], ...transcriptHeader(text).settings]);
      expect(errors).toEqual([]);
      const lab = new HeadlessLab(config);
      await lab.runtime.runFor(3000);
      const client = new LabZkClient(lab.runtime, { drive: () => true });
      const cli = new ZkCli({ server: 'zk1:2181', jline: false });
      await runMarkedScript(scriptLinesOf(text), {
        startup: () => cli.startup(client),
        execute: (line) => cli.execute(line.replace(/127\.0\.0\.1:33001/g, 'zk1:2181'), client),
        drain: () => cli.takeAsyncOutput(),
      });
      pin(`transcript ${name}`, [lab.sim.traceHash(), String(lab.sim.eventCount)]);
      lab.dispose();
    }
  }, 60_000);
});
