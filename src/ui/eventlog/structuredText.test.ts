/**
 * ZooKeeper's log lines and the link's problems are structured data (a key and values), rendered
 * through i18n in both languages: nothing parses English text back. English reproduces what
 * ZooKeeper logs, byte for byte (as the protocol printed it before it was structured); Chinese is
 * Chinese and keeps every value; every key the scenario scripts and soak runs produce renders.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseScript, ScriptRunner } from '../../worker/datadriven.ts';
import { runSoakSeed } from '../../worker/soak.ts';
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import { i18n } from '../i18n/index.ts';
import { parseLabConfig, urlProblem, URL_PROBLEMS_EN } from '../../protocol/config.ts';
import { parseUrlScript } from '../../store/urlScript.ts';
import { zkLog, zkLogText, ZK_LOG_EN, type ZkLogLine } from '../../protocol/zkLog.ts';
import { loadProtocolTexts } from '../../app/texts.ts';
import { tr } from '../strings.ts';

/** The zab lines and LOOKING reasons of a trace. */
function logLines(trace: readonly TraceEntry[]): ZkLogLine[] {
  const out: ZkLogLine[] = [];
  for (const e of trace) {
    if (e.kind !== 'event') continue;
    if (e.event.kind === 'zab') out.push(e.event.log);
    if (e.event.kind === 'state' && e.event.reason) out.push(e.event.reason);
  }
  return out;
}

const render = (l: ZkLogLine) => tr(`zookeeper.log.${l.key}`, l.values);

describe('structured log lines and notices', () => {
  beforeAll(() => loadProtocolTexts());
  afterAll(() => void i18n.changeLanguage('en'));

  test('the scenario scripts and 12 soak runs log structured lines, each rendered in both languages', async () => {
    const seen = new Map<string, ZkLogLine>();
    const collect = async (commands: string[]) => {
      const runner = new ScriptRunner();
      for (const c of commands) await runner.run(c);
      for (const l of logLines(runner.lab?.sim.trace ?? [])) seen.set(l.key, l);
      runner.lab?.dispose();
    };
    const dir = join(import.meta.dirname, '../../protocol/scenarios/testdata');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt') && !/^(multi)?paxos-/.test(f))) {
      await collect(parseScript(readFileSync(join(dir, file), 'utf8')).blocks.map((b) => b.command));
    }
    for (let seed = 1; seed <= 12; seed++) await collect((await runSoakSeed(seed)).script);
    for (const k of ['discovery', 'newEpoch', 'quorumOfSupporters', 'syncing', 'uptodate']) expect([...seen.keys()]).toContain(k);
    for (const l of seen.values()) {
      await i18n.changeLanguage('en');
      expect(render(l)).toBe(zkLogText(l));
      await i18n.changeLanguage('zh-CN');
      expect(render(l)).toMatch(/[\u4e00-\u9fff]/);
      expect(render(l)).not.toContain('{{');
    }
  }, 120_000);

  test('English is what ZooKeeper logs; Chinese fills the same values', async () => {
    const examples: Array<[ZkLogLine, string]> = [
      [zkLog('expiring', { session: '0x100000a2c0000', ms: 4000 }), 'Expiring session 0x100000a2c0000, timeout of 4000ms exceeded'],
      [zkLog('lenError', { len: 1048577, max: 1048575, c: 1001 }), 'Len error 1048577 (jute.maxbuffer=1048575): closing the connection of client 1001'],
      [zkLog('discovery'), 'DISCOVERY: waiting for a quorum of FOLLOWERINFO'],
      [zkLog('newEpoch', { epoch: 2, sids: '1, 2, 3' }), 'new epoch 2 = max acceptedEpoch of [1, 2, 3] + 1'],
      [zkLog('followerAhead', { epoch: 1, zxid: 4294967300 }), 'Follower is ahead of the leader, leader summary: 1 (current epoch), 4294967300 (last zxid)'],
      [zkLog('quorumOfSupporters', { sids: '1,3' }), 'Have quorum of supporters, sids: [1,3]; BROADCAST'],
      [zkLog('learnerHandlerEnded', { s: 'zk2' }), 'LearnerHandler for zk2 ended (connection closed)'],
      [zkLog('txnTimeout', { s: 'zk2' }), 'Closing connection to peer zk2 due to transaction timeout.'],
      [zkLog('syncing', { s: 'zk3', mode: 'TRUNC', zxid: '0x100000002' }), 'syncing with leader zk3: TRUNC 0x100000002'],
      [zkLog('uptodate', { epoch: 1 }), 'UPTODATE: serving in epoch 1'],
      [zkLog('commitUnseen', { zxid: '0x100000003' }), 'Committing 0x100000003 without seeing txn'],
      [zkLog('rollover'), 'zxid lower 32 bits have rolled over, forcing re-election, and therefore new epoch start'],
      [zkLog('epochTimeout'), 'Timeout while waiting for epoch from quorum'],
      [zkLog('epochAckTimeout'), 'Timeout while waiting for epoch to be acked by quorum'],
      [zkLog('waitingForQuorum', { sids: '3' }), 'Waiting for a quorum of followers, only synced with sids: [ 3 ]'],
      [zkLog('notSufficientSynced', { sids: '3' }), 'Not sufficient followers synced, only synced with sids: [ 3 ]'],
      [zkLog('closedByLeader'), 'Exception when following the leader: connection closed by the leader'],
      [zkLog('connectFailed'), 'Failed to connect to the leader'],
      [zkLog('readTimeout'), 'Exception when following the leader: java.net.SocketTimeoutException: Read timed out'],
      [zkLog('firstNotLeaderInfo', { type: 'DIFF' }), 'First packet should have been LEADERINFO, got DIFF'],
      [zkLog('epochBehind', { epoch: 1, accepted: 2 }), 'Leaders epoch, 1 is less than accepted epoch, 2'],
      [zkLog('commitProcessorDied', { sid: 2, error: 'java.lang.ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1' }), 'Severe unrecoverable error, from thread : CommitProcessor:2: java.lang.ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1'],
      [zkLog('internalError'), 'Unexpected internal error'],
      [zkLog('refusingSession', { c: 'c2', seen: '0x200000000', last: '0x100000014' }), 'Refusing session request for client c2 as it has seen zxid 0x200000000 our last zxid is 0x100000014 client must try another server'],
      [zkLog('serverInError'), 'ZooKeeperServer not running (state ERROR)'],
      [zkLog('reconfigObserving'), 'Exception when observing the leader: java.lang.Exception: changes proposed in reconfig'],
      [zkLog('reconfigFollowing'), 'Exception when following the leader: java.lang.Exception: changes proposed in reconfig'],
    ];
    // One example per key.
    expect(new Set(examples.map(([l]) => l.key))).toEqual(new Set(Object.keys(ZK_LOG_EN)));
    await i18n.changeLanguage('en');
    for (const [l, text] of examples) {
      expect(zkLogText(l)).toBe(text);
      expect(render(l)).toBe(text);
    }
    await i18n.changeLanguage('zh-CN');
    for (const [l, text] of examples) {
      const zh = render(l);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      // The values (numbers, sids, zxids) survive the translation.
      for (const v of text.match(/0x[0-9a-f]+|zk\d+|\d+/g) ?? []) expect(zh).toContain(v);
    }
  });

  test('every problem of a link is structured and has a translation', async () => {
    const params = new URLSearchParams('protocol=raft&seed=&boot=x&bugs=nope&tickTime=abc&voters=99&superDigest=nope&retry=never');
    params.append('do', 'x'.repeat(5000));
    for (let i = 0; i < 201; i++) params.append('do', 'lab status');
    const problems = [...parseLabConfig(params).problems, ...parseUrlScript(params).problems, urlProblem('doLesson'), urlProblem('run', { why: 'not a run (bad encoding)' })];
    expect(new Set(problems.map((p) => p.key))).toEqual(new Set(Object.keys(URL_PROBLEMS_EN).map((k) => `configErrors.${k}`)));
    await i18n.changeLanguage('en');
    for (const p of problems) expect(tr(p.key, p.values)).toBe(p.text);
    await i18n.changeLanguage('zh-CN');
    for (const p of problems) expect(tr(p.key, p.values)).toMatch(/[\u4e00-\u9fff]/);
    expect(tr(problems.find((p) => p.text.startsWith('tickTime'))!.key, problems.find((p) => p.text.startsWith('tickTime'))!.values)).toBe('tickTime 必须是 10 到 60000 之间的整数（收到的是“abc”）');
  });
});
