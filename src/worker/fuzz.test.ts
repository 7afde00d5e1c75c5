/**
 * zkCli fuzz (issue 4): ≥ 100,000 generated and mutated command lines (fuzzGen.ts). Most run
 * against the fast standalone harness, a substantial stream against the simulated 3-voter ensemble
 * with a console on every server and lab faults (kill/start, partition/heal) interleaved.
 *
 * For every line: no exception escapes `ZkCli.execute` (an uncaught *Java* exception — stack trace,
 * JVM exit — is an answer real zkCli also gives: a new zkCli is started), the line gets output
 * unless its command legitimately prints nothing, and every output line is in zkCli's vocabulary
 * (fuzzOracle.ts). Afterwards the ensemble settles (heal, start all, 30 s) and must show no
 * invariant violation, no server crashed by an exception, and identical DataTrees everywhere.
 *
 * A failure prints the seed, the stream and the line. FUZZ_SEED, FUZZ_STANDALONE and FUZZ_ENSEMBLE
 * (environment) change the seed and the line counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { RECORDED_ENSEMBLE_CONFIG, StandaloneServer } from '../cli/zkcli/standaloneClient.ts';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import type { ZkClient } from '../cli/zkcli/ZkClient.ts';
import type { OutputLine } from '../cli/zkcli/output.ts';
import { parseCommand } from '../cli/zkcli/tokenizer.ts';
import type { DataTree } from '../protocol/datatree/types.ts';
import { Rng } from '../sim/rng.ts';
import { stableJson } from '../sim/stableJson.ts';
import { FuzzLineGenerator } from './fuzzGen.ts';
import { maySilentlySucceed, ZkCliVocabulary } from './fuzzOracle.ts';
import { HeadlessLab } from './headless.ts';
import { LabZkClient } from './labZkClient.ts';

const envNumber = (name: string, dflt: number): number => {
  const v = process.env[name];
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : dflt;
};

const SEED = envNumber('FUZZ_SEED', 20261122);
const STANDALONE_LINES = envNumber('FUZZ_STANDALONE', 90_000);
const ENSEMBLE_LINES = envNumber('FUZZ_ENSEMBLE', 10_000);
/** Lines per standalone episode (a fresh server each). */
const EPISODE = 10_000;
/**
 * Lines per ensemble episode (a fresh lab each). The invariant checker's cost per check grows with
 * the txn log, so shorter episodes keep frequent checks affordable.
 */
const ENSEMBLE_EPISODE = 2_500;

const corpusDir = join(import.meta.dirname, '../cli/testdata/conformance');
/**
 * Every transcript line but the headers (`#lab …`) and the lines that touch a quota's
 * zookeeper_stats node: data there that is not a StatsTrack kills every server's CommitProcessor
 * at the next write under the quota'd path, and a setData there kills the servers for good (real
 * 3.8.0 does that too: conformance/62-quota-garbage-stats-crash), which would end the fuzz's
 * ensemble for everything after it.
 */
const CORPUS = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.zk'))
  .sort()
  .flatMap((f) => readFileSync(join(corpusDir, f), 'utf8').split('\n'))
  .filter((l) => l !== '' && !l.startsWith('#') && !l.includes('zookeeper_stats'));

class FuzzFailure extends Error {}

/** One zkCli console: a ZkCli and its client, replaced when zkCli exits (quit or a crash). */
class Console {
  cli!: ZkCli;
  client!: ZkClient;
  lastArgs: string[] | null = null;
  /** lines in a row that found the session dead (closed, auth failed) */
  deadStreak = 0;
  restarts = 0;
  crashes = 0;

  constructor(readonly name: string, private readonly makeClient: () => ZkClient, public server: string) {}

  async start(): Promise<OutputLine[]> {
    this.cli = new ZkCli({ server: this.server, jline: false });
    this.client = this.makeClient();
    this.lastArgs = null;
    return this.cli.startup(this.client);
  }
}

interface Stream {
  name: string;
  seed: number;
  vocab: ZkCliVocabulary;
  lines: number;
}

function fail(s: Stream, index: number, line: string, reason: string, out: readonly OutputLine[]): never {
  const msg = `zkCli fuzz failure — seed ${s.seed} (FUZZ_SEED=${SEED}), stream ${s.name}, line #${index}: ${JSON.stringify(line)}\n  ${reason}\n  output:\n${out.map((l) => `    [${l.stream}] ${JSON.stringify(l.text)}`).join('\n')}`;
  console.log(msg);
  throw new FuzzFailure(msg);
}

function checkVocabulary(s: Stream, index: number, line: string, out: readonly OutputLine[]): void {
  for (const l of out) if (!s.vocab.allows(l.text)) fail(s, index, line, `not zkCli's words: ${JSON.stringify(l.text)}`, out);
}

/** Runs one line on a console and checks the answer; restarts zkCli after it exited. */
async function runLine(s: Stream, c: Console, index: number, line: string): Promise<OutputLine[]> {
  s.vocab.addSent(line);
  const printWatches = c.cli.printWatches;
  const stateBefore = c.client.getState();
  let out: OutputLine[];
  try {
    out = await c.cli.execute(line, c.client);
  } catch (e) {
    fail(s, index, line, `exception escaped execute: ${e instanceof Error ? e.stack ?? e.message : stableJson(e)}`, []);
  }
  s.lines += 1;
  if (line !== '') {
    const parsed = parseCommand(line);
    if (parsed !== null) c.lastArgs = parsed;
  }
  if (out.length === 0 && line !== '' && !maySilentlySucceed(c.lastArgs, printWatches, c.cli.history)) {
    fail(s, index, line, `no output for command ${JSON.stringify(c.lastArgs?.[0])} (${c.name}, client ${stateBefore} → ${c.client.getState()})`, out);
  }
  checkVocabulary(s, index, line, out);
  // (the trace may be glued to text printed without a newline, e.g. setAcl -R's per-node errors)
  if (c.cli.crashed && !out.some((l) => l.text.includes('Exception in thread "main" '))) fail(s, index, line, 'zkCli died without a stack trace', out);
  const state = c.client.getState();
  c.deadStreak = state === 'CLOSED' || state === 'AUTH_FAILED' ? c.deadStreak + 1 : 0;
  if (c.cli.exited) {
    if (c.cli.crashed) c.crashes += 1;
    c.restarts += 1;
    const alive = c.client.getState();
    // the JVM is gone: its connection closes (the lab's client has no "abandon", so close it)
    if (alive === 'CONNECTED' || alive === 'CONNECTING') await c.client.close();
    checkVocabulary(s, index, line, await c.start());
  }
  return out;
}

/** Every node's parent exists and lists it, every listed child exists. */
function checkTreeShape(tree: DataTree): string | null {
  for (const [path, node] of tree.nodes) {
    if (path !== '/') {
      const i = path.lastIndexOf('/');
      const parent = tree.nodes.get(i === 0 ? '/' : path.substring(0, i));
      if (!parent || !parent.children.has(path.substring(i + 1))) return `${path} is not a child of its parent`;
    }
    for (const child of node.children) {
      if (!tree.nodes.has((path === '/' ? '' : path) + '/' + child)) return `${path} lists a missing child ${child}`;
    }
  }
  return null;
}

/** The tree outside /zookeeper, as comparable text (children sorted: insertion order may differ). */
function userTree(tree: DataTree): string {
  const paths = [...tree.nodes.keys()].filter((p) => p !== '/zookeeper' && !p.startsWith('/zookeeper/')).sort();
  return paths
    .map((p) => {
      const n = tree.nodes.get(p)!;
      const children = [...n.children].filter((c) => p !== '/' || c !== 'zookeeper').sort();
      return stableJson({ p, data: n.data, acl: n.acl, stat: n.stat, children });
    })
    .join('\n');
}

describe('zkCli fuzz', () => {
  test('standalone harness: generated and mutated lines, several clients on one server', async () => {
    const started = Date.now();
    let total = 0;
    let crashes = 0;
    let restarts = 0;
    for (let episode = 0; total < STANDALONE_LINES; episode++) {
      const seed = new Rng(SEED).child(`standalone-${episode}`).nextUint32();
      const rng = new Rng(seed);
      const gen = new FuzzLineGenerator(rng, CORPUS, { hosts: ['zk1:2181', 'zk2:2181', '127.0.0.1:2181', 'localhost:2181', 'nohost'], maxLarge: 20_000 });
      const s: Stream = { name: `standalone#${episode}`, seed, vocab: new ZkCliVocabulary(), lines: 0 };
      const server = new StandaloneServer({ extendedTypesEnabled: true, quorumConfig: RECORDED_ENSEMBLE_CONFIG });
      const consoles = [0, 1, 2].map((i) => new Console(`c${i}`, () => server.newClient(), 'zk1:2181'));
      for (const c of consoles) checkVocabulary(s, -1, '(startup)', await c.start());
      const n = Math.min(EPISODE, STANDALONE_LINES - total);
      for (let i = 0; i < n; i++) {
        const c = consoles[rng.next() < 0.7 ? 0 : rng.int(1, 2)]!;
        const line = c.deadStreak > 25 ? 'connect zk1:2181' : gen.next();
        await runLine(s, c, i, line);
        for (const other of consoles) checkVocabulary(s, i, '(events between commands)', other.cli.takeAsyncOutput());
        if (i % 1000 === 999) {
          const bad = checkTreeShape(server.tree);
          if (bad !== null) fail(s, i, line, `DataTree broken: ${bad}`, []);
        }
      }
      total += s.lines;
      for (const c of consoles) {
        crashes += c.crashes;
        restarts += c.restarts;
      }
    }
    console.log(`zkCli fuzz, standalone: ${total} lines, ${restarts} zkCli restarts (${crashes} Java crashes), ${Date.now() - started} ms`);
    expect(total).toBeGreaterThanOrEqual(STANDALONE_LINES);
  }, 120_000);

  /** One ensemble episode: a fresh lab, `lines` lines, then it settles and is compared. */
  async function ensembleEpisode(episode: number, lines: number): Promise<{ lines: number; faults: number; restarts: number; crashes: number; events: number; simMs: number; nodes: number }> {
    const seed = new Rng(SEED).child(`ensemble-${episode}`).nextUint32();
    const rng = new Rng(seed);
    const hosts = ['zk1:2181', 'zk2:2181', 'zk3:2181'];
    const gen = new FuzzLineGenerator(rng, CORPUS, { hosts: [...hosts, 'zk1:2181', 'zk2:2181', 'zk3:2181', 'zk9:2181', '127.0.0.1:2181'], maxLarge: 2_000 });
    const s: Stream = { name: `ensemble#${episode}`, seed, vocab: new ZkCliVocabulary(), lines: 0 };
    const lab = new HeadlessLab({ voters: 3, seed }, 10);
    // The invariant checker re-reads every server's whole txn log on each check (O(log) per event):
    // run it every CHECK_EVERY batches and after every fault; the trace-based checks (monotonic
    // zxids) still see every event, and agreement is cumulative (it reads the logs on disk).
    const CHECK_EVERY = 10;
    const fullCheck = lab.sim.afterBatch;
    let batches = 0;
    lab.sim.afterBatch = () => {
      if (++batches % CHECK_EVERY === 0) fullCheck?.();
    };
    const checkNow = (): void => fullCheck?.();
    await lab.runtime.runFor(3000);
    for (const h of hosts) s.vocab.addExact(`Connecting to ${h}`);
    const consoles = hosts.map((h, i) => new Console(`zk${i + 1}-console`, () => new LabZkClient(lab.runtime, { drive: () => true }), h));
    for (const c of consoles) checkVocabulary(s, -1, '(startup)', await c.start());

    let traceSeen = 0;
    const checkCrashes = (index: number, line: string): void => {
      const trace = lab.sim.trace;
      for (; traceSeen < trace.length; traceSeen++) {
        const e = trace[traceSeen]!;
        if (e.kind === 'crash' && e.reason !== 'killed') fail(s, index, line, `zk${e.sid} died: ${e.reason}`, []);
      }
      if (lab.checker.violations.length > 0) fail(s, index, line, `invariant violated: ${stableJson(lab.checker.violations.slice(0, 3))}`, []);
    };

    let impaired: { kind: 'kill' | 'partition'; sid: number } | null = null;
    let faults = 0;
    for (let i = 0; i < lines; i++) {
      if (rng.next() < 1 / 120) {
        // one server at a time is killed or cut off, then brought back
        let cmd: string;
        if (impaired === null) {
          const sid = rng.int(1, 3);
          impaired = { kind: rng.next() < 0.5 ? 'kill' : 'partition', sid };
          cmd = impaired.kind === 'kill' ? `kill ${sid}` : `partition ${sid} ${[1, 2, 3].filter((x) => x !== sid).join(',')}`;
        } else {
          cmd = impaired.kind === 'kill' ? `start ${impaired.sid}` : 'heal';
          impaired = null;
        }
        await lab.lab(cmd);
        faults += 1;
        checkNow();
        checkCrashes(i, `lab ${cmd}`);
      }
      if (rng.next() < 0.02) await lab.runtime.runFor(rng.int(10, 2000));
      const c = consoles[rng.int(0, consoles.length - 1)]!;
      const line = c.deadStreak > 15 ? `connect ${hosts[rng.int(0, 2)]}` : gen.next();
      await runLine(s, c, i, line);
      for (const other of consoles) checkVocabulary(s, i, '(events between commands)', other.cli.takeAsyncOutput());
      checkCrashes(i, line);
    }

    // settle: everything healed and running for 30 s
    await lab.lab('heal');
    for (const sid of [1, 2, 3]) await lab.lab(`start ${sid}`);
    await lab.runtime.runFor(30_000);
    checkNow();
    checkCrashes(lines, '(settled)');
    for (const c of consoles) checkVocabulary(s, lines, '(events while settling)', c.cli.takeAsyncOutput());
    // the consoles still answer (stat needs no permission in 3.8.0, whatever ACLs the fuzz set)
    for (const c of consoles) {
      if (c.client.getState() !== 'CONNECTED') await runLine(s, c, lines, `connect ${c.server}`);
      const out = await runLine(s, c, lines, 'stat /');
      expect(out.map((l) => l.text), `${c.name} answers after settling`).toContain('cZxid = 0x0');
    }
    const trees = [1, 2, 3].map((sid) => {
      const peer = lab.peer(sid);
      const db = peer?.zab.db;
      expect(peer?.zab.phase, `zk${sid} serves after settling`).toBe('BROADCAST');
      expect(checkTreeShape(db!.tree), `zk${sid}'s tree`).toBeNull();
      return { sid, zxid: db!.tree.lastProcessedZxid, text: userTree(db!.tree), nodes: db!.tree.nodes.size };
    });
    for (const t of trees.slice(1)) {
      expect(t.zxid, `zk${t.sid} applied as far as zk1`).toBe(trees[0]!.zxid);
      expect(t.text === trees[0]!.text, `zk${t.sid}'s DataTree equals zk1's outside /zookeeper`).toBe(true);
    }
    expect(lab.checker.violations).toEqual([]);
    const restarts = consoles.reduce((a, c) => a + c.restarts, 0);
    const crashes = consoles.reduce((a, c) => a + c.crashes, 0);
    const result = { lines: s.lines, faults, restarts, crashes, events: lab.sim.eventCount, simMs: lab.sim.now, nodes: trees[0]!.nodes };
    lab.dispose();
    return result;
  }

  test('simulated ensemble: consoles on every server, kill/start and partition/heal interleaved, then it settles', async () => {
    const started = Date.now();
    const totals = { lines: 0, faults: 0, restarts: 0, crashes: 0, events: 0, simMs: 0 };
    for (let episode = 0; totals.lines < ENSEMBLE_LINES; episode++) {
      const r = await ensembleEpisode(episode, Math.min(ENSEMBLE_EPISODE, ENSEMBLE_LINES - totals.lines));
      totals.lines += r.lines;
      totals.faults += r.faults;
      totals.restarts += r.restarts;
      totals.crashes += r.crashes;
      totals.events += r.events;
      totals.simMs += r.simMs;
    }
    console.log(
      `zkCli fuzz, ensemble: ${totals.lines} lines on 3 consoles per lab, ${totals.faults} lab faults, ${totals.restarts} zkCli restarts ` +
      `(${totals.crashes} Java crashes), ${totals.events} events, ${(totals.simMs / 1000).toFixed(0)} s simulated, ${Date.now() - started} ms`,
    );
    expect(totals.lines).toBeGreaterThanOrEqual(ENSEMBLE_LINES);
  }, 180_000);
});

/** Bugs the fuzz found, each pinned down on its own. */
describe('zkCli fuzz regressions', () => {
  test('a request made while the only server is down fails with ConnectionLoss at the next failed attempt (ClientCnxn.cleanup), not after 120 s', async () => {
    const lab = new HeadlessLab({ voters: 3, seed: 5 });
    await lab.runtime.runFor(3000);
    const client = new LabZkClient(lab.runtime, { drive: () => true });
    const cli = new ZkCli({ server: 'zk1:2181', jline: false });
    await cli.startup(client);
    await lab.lab('kill 1');
    await cli.execute('ls /', client); // Disconnected, ConnectionLoss (the request was in flight)
    const t0 = lab.sim.now;
    const out = await cli.execute('get /zookeeper', client);
    expect(out.map((l) => l.text)).toEqual(['KeeperErrorCode = ConnectionLoss for /zookeeper']);
    expect(lab.sim.now - t0).toBeLessThan(2000);
    lab.dispose();
  });

  test('a first line that parses to nothing (a lone quote) dies with the NullPointerException of getArgArray', async () => {
    const server = new StandaloneServer();
    const client = server.newClient();
    const cli = new ZkCli({ server: 'zk1:2181', jline: false });
    await cli.startup(client);
    const out = await cli.execute('"', client);
    expect(out.map((l) => l.text)).toEqual([
      'Exception in thread "main" java.lang.NullPointerException: Cannot invoke "java.util.List.toArray(Object[])" because "this.cmdArgs" is null',
      '\tat org.apache.zookeeper.ZooKeeperMain$MyCommandOptions.getArgArray(ZooKeeperMain.java:157)',
      '\tat org.apache.zookeeper.ZooKeeperMain.processZKCmd(ZooKeeperMain.java:377)',
      '\tat org.apache.zookeeper.ZooKeeperMain.processCmd(ZooKeeperMain.java:367)',
      '\tat org.apache.zookeeper.ZooKeeperMain.executeLine(ZooKeeperMain.java:359)',
      '\tat org.apache.zookeeper.ZooKeeperMain.run(ZooKeeperMain.java:345)',
      '\tat org.apache.zookeeper.ZooKeeperMain.main(ZooKeeperMain.java:293)',
    ]);
    expect(cli.crashed).toBe(true);
    // after one parsed line, an unparsable line repeats the previous arguments (no crash)
    const cli2 = new ZkCli({ server: 'zk1:2181', jline: false });
    await cli2.startup(client);
    await cli2.execute('ls /', client);
    expect((await cli2.execute("'", client)).map((l) => l.text)).toEqual(['[zookeeper]']);
  });

  test('close on a client whose host names no server still ends with a Closed event', async () => {
    const lab = new HeadlessLab({ voters: 3, seed: 5 });
    await lab.runtime.runFor(3000);
    const client = new LabZkClient(lab.runtime, { drive: () => true });
    const cli = new ZkCli({ server: 'zk1:2181', jline: false });
    await cli.startup(client);
    expect(await cli.execute('connect zk9:2181', client)).toEqual(
      ['', 'WATCHER::', '', 'WatchedEvent state:Closed type:None path:null'].map((text) => ({ stream: 'stdout', text })),
    );
    const out = await cli.execute('close', client);
    expect(out.map((l) => l.text)).toEqual(['', 'WATCHER::', '', 'WatchedEvent state:Closed type:None path:null']);
    expect(client.getState()).toBe('CLOSED');
    expect((await cli.execute('ls /', client)).map((l) => l.text)).toEqual(['Not connected']);
    lab.dispose();
  });
});
