/**
 * The protocol's log lines in both languages: every line the protocol writes in the scenario
 * scripts and in soak runs (faults of every kind) has a translation, English reproduces the
 * protocol's own text exactly, and Chinese is Chinese.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseScript, ScriptRunner } from '../../worker/datadriven.ts';
import { runSoakSeed } from '../../worker/soak.ts';
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import { i18n } from '../i18n/index.ts';
import { parseLabConfig } from '../../protocol/config.ts';
import { parseUrlScript } from '../../store/urlScript.ts';
import { CONFIG_ERRORS, PROTOCOL_TEXT_KEYS, protocolText, protocolTextKey } from './protocolText.ts';

/** The zab texts and LOOKING reasons of a trace. */
function protocolLines(trace: readonly TraceEntry[]): string[] {
  const out: string[] = [];
  for (const e of trace) {
    if (e.kind !== 'event') continue;
    if (e.event.kind === 'zab') out.push(e.event.text);
    if (e.event.kind === 'state' && e.event.reason) out.push(e.event.reason);
  }
  return out;
}

const seen = new Set<string>();
const keysSeen = new Set<string>();

async function collect(runner: ScriptRunner, commands: string[]): Promise<void> {
  for (const c of commands) await runner.run(c);
  for (const line of protocolLines(runner.lab?.sim.trace ?? [])) seen.add(line);
  runner.lab?.dispose();
}

describe('protocol lines in the event log', () => {
  afterAll(() => void i18n.changeLanguage('en'));

  test('every line of the scenario scripts and of 12 soak runs has a translation', async () => {
    const dir = join(import.meta.dirname, '../../protocol/scenarios/testdata');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const { blocks } = parseScript(readFileSync(join(dir, file), 'utf8'));
      await collect(new ScriptRunner(), blocks.map((b) => b.command));
    }
    for (let seed = 1; seed <= 12; seed++) {
      const r = await runSoakSeed(seed);
      await collect(new ScriptRunner(), r.script);
    }
    expect(seen.size).toBeGreaterThan(10);
    const missing = [...seen].filter((l) => protocolTextKey(l) === null);
    expect(missing).toEqual([]);
    for (const l of seen) keysSeen.add(protocolTextKey(l)!);
    // The common lines are among them (so the run above really exercised the table).
    for (const k of ['proto.discovery', 'proto.newEpoch', 'proto.quorumOfSupporters', 'proto.syncing', 'proto.uptodate']) {
      expect(keysSeen).toContain(k);
    }
  }, 120_000);

  test('English is the protocol text itself; Chinese fills the same values', async () => {
    const examples = [
      'Expiring session 0x100000a2c0000, timeout of 4000ms exceeded',
      'Len error 1048577 (jute.maxbuffer=1048575): closing the connection of client 1001',
      'DISCOVERY: waiting for a quorum of FOLLOWERINFO',
      'new epoch 2 = max acceptedEpoch of [1, 2, 3] + 1',
      'Follower is ahead of the leader, leader summary: 1 (current epoch), 4294967300 (last zxid)',
      'Have quorum of supporters, sids: [1,3]; BROADCAST',
      'LearnerHandler for zk2 ended (connection closed)',
      'Closing connection to peer zk2 due to transaction timeout.',
      'syncing with leader zk3: TRUNC 0x100000002',
      'UPTODATE: serving in epoch 1',
      'Committing 0x100000003 without seeing txn',
      'zxid lower 32 bits have rolled over, forcing re-election, and therefore new epoch start',
      'Timeout while waiting for epoch from quorum',
      'Timeout while waiting for epoch to be acked by quorum',
      'Waiting for a quorum of followers, only synced with sids: [ 3 ]',
      'Not sufficient followers synced, only synced with sids: [ 3 ]',
      'Exception when following the leader: connection closed by the leader',
      'Failed to connect to the leader',
      'Exception when following the leader: java.net.SocketTimeoutException: Read timed out',
      'First packet should have been LEADERINFO, got DIFF',
      'Leaders epoch, 1 is less than accepted epoch, 2',
      'Severe unrecoverable error, from thread : CommitProcessor:2: java.lang.ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1',
      'Unexpected internal error',
      'Refusing session request for client c2 as it has seen zxid 0x200000000 our last zxid is 0x100000014 client must try another server',
      'ZooKeeperServer not running (state ERROR)',
    ];
    // One example per pattern.
    expect(new Set(examples.map(protocolTextKey))).toEqual(new Set(PROTOCOL_TEXT_KEYS));
    await i18n.changeLanguage('en');
    for (const e of examples) expect(protocolText(e)).toBe(e);
    await i18n.changeLanguage('zh-CN');
    for (const e of examples) {
      const zh = protocolText(e);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      // The values (numbers, sids, zxids) survive the translation.
      for (const v of e.match(/0x[0-9a-f]+|zk\d+|\d+/g) ?? []) expect(zh).toContain(v);
    }
    expect(protocolText('something new')).toBe('something new');
  });

  test('every error of the URL settings has a translation', async () => {
    const params = new URLSearchParams('seed=&boot=x&bugs=nope&tickTime=abc&voters=99&superDigest=nope');
    params.append('do', 'x'.repeat(5000));
    for (let i = 0; i < 201; i++) params.append('do', 'lab status');
    const errors = [...parseLabConfig(params).errors, ...parseUrlScript(params).errors, 'do: not run on a lesson page (the lesson drives the console)', 'run: not a run (bad encoding)'];
    expect(errors).toHaveLength(10);
    expect(new Set(errors.map((e) => CONFIG_ERRORS.key(e)))).toEqual(new Set(CONFIG_ERRORS.keys));
    await i18n.changeLanguage('en');
    for (const e of errors) expect(CONFIG_ERRORS.text(e)).toBe(e);
    await i18n.changeLanguage('zh-CN');
    for (const e of errors) expect(CONFIG_ERRORS.text(e)).toMatch(/[\u4e00-\u9fff]/);
    expect(CONFIG_ERRORS.text(errors.find((e) => e.startsWith('tickTime'))!)).toBe('tickTime 必须是 10 到 60000 之间的整数（收到的是“abc”）');
  });
});
