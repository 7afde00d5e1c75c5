/**
 * Four-letter words from a server's live state: `fourLetterInputOf` on servers of a HeadlessLab
 * whose clients (LabZkClient, zkCli's client) really connected, wrote and set watches. The words
 * must list exactly what those clients did, and asking must change nothing in the run.
 *
 * The first test replays the session of the real recording (src/protocol/testdata/real-4lw/,
 * ensemble.txt: 3 voters + observer zk4, tickTime=200, one zkCli session on zk1 running
 * create /a x; create /b y; create -e /eph e; get -w /a; ls -w /; stat -w /b; stat -w /nothere;
 * stat /zz-ready) and compares with what ZooKeeper 3.8.0 printed — exactly where nothing is
 * machine-specific (session id, ports, times and JVM numbers aside).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fourLetterWord, FOUR_LETTER_WORDS, NOT_SERVING } from '../../cli/fourLetterWords.ts';
import { hexLong } from '../../cli/zkcli/format.ts';
import { HeadlessLab } from '../../worker/headless.ts';
import { InProcessHost } from '../../worker/inProcessHost.ts';
import { LabZkClient } from '../../worker/labZkClient.ts';
import { LabRuntime } from '../../worker/runtime.ts';
import { WorkerHost } from '../../worker/workerHost.ts';
import { DEFAULT_LAB_CONFIG } from '../config.ts';
import { dynamicConfig } from '../zab/Zab.ts';
import { clientAddress, fourLetterInputOf } from './fourLetterInput.ts';
import { proposalSize } from './serverStats.ts';
import { nodeWorkers } from '../../worker/nodeWorkers.test-helper.ts';

const OPEN = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
const enc = (s: string) => new TextEncoder().encode(s);
const real = (name: string): string => readFileSync(join(import.meta.dirname, '../testdata/real-4lw', `${name}.txt`), 'utf8');

async function ask(lab: HeadlessLab, sid: number, word: string): Promise<string> {
  return lab.sim.query(sid, word);
}

/** The recorded ensemble and its zkCli session on zk1 (loopback-like links, as on one machine). */
async function recordedSession() {
  const lab = new HeadlessLab({ voters: 3, observers: 1, seed: 7, tickTime: 200, latencyMs: 1, latencySpreadMs: 2 });
  await lab.runtime.runFor(2000);
  const c = new LabZkClient(lab.runtime, { drive: () => true });
  await c.connect('zk1:2181');
  await c.create('/a', enc('x'), OPEN, 'PERSISTENT', 0);
  await c.create('/b', enc('y'), OPEN, 'PERSISTENT', 0);
  await c.create('/eph', enc('e'), OPEN, 'EPHEMERAL', 0);
  await c.getData('/a', true);
  await c.getChildren('/', true);
  await c.exists('/b', true);
  await c.exists('/nothere', true);
  await c.exists('/zz-ready', false);
  return { lab, c, session: c.sessionId! };
}

describe('four-letter words from the live state, against the real recording', () => {
  test('the follower holding the session: watches exactly, cons/stat/dump/mntr as recorded', async () => {
    const { lab, c, session } = await recordedSession();
    expect(await lab.lab('status')).toContain('zk3 LEADING leader=zk3 phase=BROADCAST logicalclock=1 acceptedEpoch=1 currentEpoch=1 lastZxid=0x100000004');
    const theirs = (text: string): string => text.replaceAll('0x1000012e4860000', hexLong(session));

    // wchs / wchc / wchp: byte for byte (data watches only: /a, /b, /nothere; the child watch on / is not listed).
    for (const w of ['wchs', 'wchc', 'wchp']) expect(await ask(lab, 1, w)).toBe(theirs(real(`follower.${w}`)));

    // cons: the session's connection exactly as recorded but for its port, est=, lresp= and latencies;
    // then the asking connection.
    const cons = (await ask(lab, 1, 'cons')).split('\n');
    const cnxn = `/127.0.0.1:${40000 + c.clientId!}`;
    expect(cons).toHaveLength(4);
    expect(cons[0]).toMatch(new RegExp(`^ ${cnxn}\\[1\\]\\(queued=0,recved=9,sent=9,sid=${hexLong(session)},lop=EXIS,est=\\d+,to=4000,lcxid=0x8,lzxid=0x100000004,lresp=\\d+,llat=0,minlat=0,avglat=\\d+,maxlat=\\d+\\)$`));
    expect(cons.slice(1)).toEqual([' /127.0.0.1:40000[0](queued=0,recved=1,sent=0)', '', '']);

    // srvr / stat: two connections; the session's 9 packets each way plus the asking packet.
    const srvr = await ask(lab, 1, 'srvr');
    expect(srvr).toMatch(/^Latency min\/avg\/max: 0\/\d+\.\d+\/\d+$/m);
    expect(srvr.replace(/^Latency.*$/m, 'L')).toBe(theirs(real('follower.srvr')).replace(/^Latency.*$/m, 'L').replace('Received: 25', 'Received: 10').replace('Sent: 24', 'Sent: 9'));
    expect((await ask(lab, 1, 'stat')).split('\n').slice(1, 5)).toEqual([
      'Clients:', ` ${cnxn}[1](queued=0,recved=9,sent=9)`, ' /127.0.0.1:40000[0](queued=0,recved=1,sent=0)', '',
    ]);

    // dump: the global session with its negotiated timeout, its ephemeral, both connections.
    const dump = await ask(lab, 1, 'dump');
    const recorded = theirs(real('follower.dump'));
    expect(dump.slice(0, dump.indexOf('Connections dump:'))).toBe(recorded.slice(0, recorded.indexOf('Connections dump:')));
    expect(dump).toContain(`\tip: ${cnxn} sessionId: ${hexLong(session)}\n`);
    expect(dump).toContain('\tip: /127.0.0.1:40000 sessionId: 0x0\n');

    // mntr: the modelled numbers equal the recording's (the data size differs only by /zookeeper/config's text).
    const mntr = new Map((await ask(lab, 1, 'mntr')).trimEnd().split('\n').map((l) => l.split('\t') as [string, string]));
    const want = new Map(real('follower.mntr').trimEnd().split('\n').map((l) => l.split('\t') as [string, string]));
    for (const k of ['zk_server_state', 'zk_peer_state', 'zk_ephemerals_count', 'zk_num_alive_connections', 'zk_outstanding_requests', 'zk_znode_count', 'zk_global_sessions', 'zk_watch_count', 'zk_quorum_size']) {
      expect([k, mntr.get(k)]).toEqual([k, want.get(k)]);
    }
    const realConfig = 'server.1=127.0.0.1:33101:33201:participant\nserver.2=127.0.0.1:33102:33202:participant\nserver.3=127.0.0.1:33103:33203:participant\nserver.4=127.0.0.1:33104:33204:observer\nversion=0';
    const labConfig = dynamicConfig(lab.peer(1)!.config);
    expect(Number(mntr.get('zk_approximate_data_size'))).toBe(Number(want.get('zk_approximate_data_size')) - realConfig.length + labConfig.length);
    expect(mntr.get('zk_packets_received')).toBe('10');
    expect(mntr.get('zk_packets_sent')).toBe('9');
  });

  test('the leader: proposal sizes as recorded, sessions in the tracker, no clients of its own', async () => {
    const { lab, session } = await recordedSession();
    const srvr = await ask(lab, 3, 'srvr');
    expect(srvr.split('\n').slice(-5)).toEqual(['Zxid: 0x100000004', 'Mode: leader', 'Node count: 8', 'Proposal sizes last/min/max: 89/48/89', '']);
    expect(await ask(lab, 3, 'cons')).toBe(' /127.0.0.1:40000[0](queued=0,recved=1,sent=0)\n\n');
    expect(await ask(lab, 3, 'wchc')).toBe(real('leader.wchc'));
    expect(await ask(lab, 3, 'wchs')).toBe(real('leader.wchs'));
    const dump = await ask(lab, 3, 'dump');
    expect(dump).toMatch(new RegExp(`^SessionTracker dump:\nSession Sets \\(1\\)/\\(1\\):\n1 expire at [^\n]+:\n\t${hexLong(session)}\nephemeral nodes dump:\nSessions with Ephemerals \\(1\\):\n${hexLong(session)}:\n\t/eph\n`));
    const mntr = await ask(lab, 3, 'mntr');
    for (const line of ['zk_learners\t3', 'zk_synced_followers\t2', 'zk_synced_observers\t1', 'zk_pending_syncs\t0', 'zk_min_proposal_size\t48', 'zk_max_proposal_size\t89', 'zk_last_proposal_size\t89']) {
      expect(mntr.split('\n')).toContain(line);
    }
    // The observer lists the same global session and ephemeral.
    expect((await ask(lab, 4, 'dump')).startsWith(`SessionTracker dump:\nGlobal Sessions(1):\n${hexLong(session)}\t4000ms\nephemeral nodes dump:`)).toBe(true);
    expect((await ask(lab, 4, 'mntr')).split('\n').slice(1, 4)).toEqual(['zk_server_state\tobserver', 'zk_peer_state\tobserving - broadcast', 'zk_observer_master_id\t3']);
    // conf: the lab's own ports and directories, the membership as /zookeeper/config holds it.
    const conf = await ask(lab, 4, 'conf');
    expect(conf.split('\n').slice(0, 3)).toEqual(['clientPort=2181', 'secureClientPort=-1', 'dataDir=/var/lib/zookeeper/zk4/version-2']);
    const norm = (t: string) => t.replace(/^(clientPort|electionPort|quorumPort|dataDirSize|dataLogSize)=\d+$/gm, '$1=N')
      .replace(/^(dataDir|dataLogDir)=.*$/gm, '$1=DIR').replace(/^server\.(\d+)=[^:]+:\d+:\d+:/gm, 'server.$1=HOST:');
    expect(norm(conf)).toBe(norm(real('observer.conf')));
    expect(conf.endsWith(`peerType=1\nmembership: \n${dynamicConfig(lab.peer(4)!.config)}`)).toBe(true);
  });
});

describe('fourLetterInputOf on a follower with two client sessions', () => {
  async function twoSessions() {
    const lab = new HeadlessLab({ voters: 3, seed: 21 });
    await lab.runtime.runFor(3000);
    const a = new LabZkClient(lab.runtime, { drive: () => true });
    const b = new LabZkClient(lab.runtime, { drive: () => true });
    await a.connect('zk1:2181');
    await b.connect('zk1:2181');
    await a.create('/a', enc('x'), OPEN, 'PERSISTENT', 0);
    await a.create('/eph', enc('e'), OPEN, 'EPHEMERAL', 0);
    await b.create('/b', enc('y'), OPEN, 'PERSISTENT', 0);
    await b.create('/lock', null, OPEN, 'EPHEMERAL', 0);
    await a.getData('/a', true);
    await b.getData('/a', true);
    await b.exists('/nothere', true);
    await b.getChildren('/', true);
    return { lab, a, b, sa: a.sessionId!, sb: b.sessionId! };
  }

  test('connections, sessions, ephemerals and watches are what the clients did', async () => {
    const { lab, a, b, sa, sb } = await twoSessions();
    const peer = lab.peer(1)!;
    const i = fourLetterInputOf(peer, lab.sim.now);
    expect(i.role).toBe('follower');
    expect(i.serving).toBe(true);
    expect(i.connections.map((c) => [c.remoteAddress, c.interestOps, c.received, c.sent, c.session?.sessionId, c.session?.lastOperation, c.session?.lastCxid])).toEqual([
      [clientAddress(a.clientId!), 1, 4, 4, sa, 'GETD', 3],
      [clientAddress(b.clientId!), 1, 6, 6, sb, 'GETC', 5],
      ['/127.0.0.1:40000', 0, 1, 0, undefined, undefined, undefined],
    ]);
    expect(i.packetsReceived).toBe(4 + 6 + 1);
    expect(i.packetsSent).toBe(4 + 6);
    expect(i.outstandingRequests).toBe(0);
    expect(i.globalSessions).toEqual([{ sessionId: sa, timeoutMs: 30000 }, { sessionId: sb, timeoutMs: 30000 }]);
    expect(i.globalSessionCount).toBe(2);
    expect(i.ephemerals.map((e) => [e.sessionId, e.paths])).toEqual(expect.arrayContaining([[sa, ['/eph']], [sb, ['/lock']]]));
    expect(i.ephemeralsCount).toBe(2);
    expect(i.dataWatchesBySession).toEqual([{ sessionId: sa, paths: ['/a'] }, { sessionId: sb, paths: ['/a', '/nothere'] }]);
    expect(i.dataWatchesByPath).toEqual([{ path: '/a', sessionIds: [sa, sb] }, { path: '/nothere', sessionIds: [sb] }]);
    expect(i.watchCount).toBe(4); // 3 data watches + the child watch on /
    expect(i.nodeCount).toBe(4 + 4 + 1); // /, /zookeeper, quota, config, /a /eph /b /lock, and the root again
    // Writes wait for the quorum: their latency is simulated time; reads answer at once.
    const [ca, cb] = i.connections;
    expect(ca!.session!.lastLatency).toBe(0);
    expect(ca!.session!.maxLatency).toBeGreaterThan(0);
    expect(i.latency.max).toBe(Math.max(ca!.session!.maxLatency, cb!.session!.maxLatency));
    expect(i.latency.min).toBe(0);

    expect(fourLetterWord('wchc', i)).toBe(`${hexLong(sa)}\n\t/a\n${hexLong(sb)}\n\t/a\n\t/nothere\n\n`);
    expect(fourLetterWord('wchp', i)).toBe(`/a\n\t${hexLong(sa)}\n\t${hexLong(sb)}\n/nothere\n\t${hexLong(sb)}\n\n`);
    expect(fourLetterWord('wchs', i)).toBe('2 connections watching 2 paths\nTotal watches:3\n');
    expect(await ask(lab, 1, 'wchc')).toBe(fourLetterWord('wchc', i));

    // The other follower has no client: only the asking connection, but the same sessions and ephemerals.
    const other = fourLetterInputOf(lab.peer(2)!, lab.sim.now);
    expect(other.connections).toHaveLength(1);
    expect(other.globalSessions).toEqual(i.globalSessions);
    expect(other.dataWatchesBySession).toEqual([]);
    expect(fourLetterWord('wchs', other)).toBe('0 connections watching 0 paths\nTotal watches:0\n');
  });

  test('a fired watch is gone from wchp; a closed session from cons, dump and the watches', async () => {
    const { lab, a, b, sa, sb } = await twoSessions();
    await a.setData('/a', enc('z'), -1);
    let i = fourLetterInputOf(lab.peer(1)!, lab.sim.now);
    expect(i.dataWatchesByPath).toEqual([{ path: '/nothere', sessionIds: [sb] }]);
    // watch2Paths keeps a watcher whose paths all fired (WatchManager does): 2 connections, 1 path.
    expect(fourLetterWord('wchs', i)).toBe('2 connections watching 1 paths\nTotal watches:1\n');
    expect(i.connections[0]!.session!.lastOperation).toBe('SETD');
    await b.close();
    i = fourLetterInputOf(lab.peer(1)!, lab.sim.now);
    expect(i.connections.map((c) => c.session?.sessionId)).toEqual([sa, undefined]);
    expect(i.globalSessions.map((s) => s.sessionId)).toEqual([sa]);
    expect(i.ephemerals.map((e) => e.sessionId)).toEqual([sa]);
    expect(i.dataWatchesBySession).toEqual([{ sessionId: sa, paths: [] }]);
  });

  test('asking changes nothing: the peer, the trace hash, and the run that follows', async () => {
    const { lab } = await twoSessions();
    const hash = lab.sim.traceHash();
    const before = new Map([1, 2, 3].map((sid) => [sid, structuredClone(lab.peer(sid)!)]));
    for (const sid of [1, 2, 3]) for (const w of FOUR_LETTER_WORDS) await lab.lab(`4lw ${sid} ${w}`);
    expect(lab.sim.traceHash()).toBe(hash);
    for (const sid of [1, 2, 3]) expect(lab.peer(sid)).toEqual(before.get(sid));

    // Two identical runs, one asked at every step of the way: the same trace.
    const run = async (asking: boolean): Promise<string> => {
      const l = new HeadlessLab({ voters: 3, seed: 4 });
      const c = new LabZkClient(l.runtime, { drive: () => true });
      await l.runtime.runFor(3000);
      await c.connect('zk2:2181');
      for (let k = 0; k < 5; k++) {
        await c.create(`/n${k}`, enc(String(k)), OPEN, k % 2 ? 'EPHEMERAL' : 'PERSISTENT', 0);
        await c.getData(`/n${k}`, true);
        if (asking) for (const sid of [1, 2, 3]) for (const w of FOUR_LETTER_WORDS) await l.lab(`4lw ${sid} ${w}`);
        await l.runtime.runFor(700);
      }
      await l.lab('kill 3');
      if (asking) expect(await l.lab('4lw 3 srvr')).toEqual(['zk3:2181: Connection refused']);
      await l.runtime.runFor(5000);
      return l.sim.traceHash();
    };
    expect(await run(true)).toBe(await run(false));
  });

  test('not serving: srvr/stat/mntr say so, ruok is imok, envi answers', async () => {
    const { lab } = await twoSessions();
    await lab.lab('kill 2');
    await lab.lab('kill 3');
    await lab.runtime.runFor(20000);
    for (const w of ['srvr', 'stat', 'mntr', 'cons', 'wchc']) expect(await ask(lab, 1, w)).toBe(NOT_SERVING);
    expect(await ask(lab, 1, 'ruok')).toBe('imok');
    expect((await ask(lab, 1, 'envi')).split('\n').slice(0, 3)).toEqual(['Environment:', 'zookeeper.version=3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC', 'host.name=zk1']);
    expect(await lab.lab('4lw 2 ruok')).toEqual(['zk2:2181: Connection refused']);
  });

  test('proposal sizes are the serialized txn (header + record + digest), as Leader.propose measures them', () => {
    const txn = (record: Parameters<typeof proposalSize>[0]['record']) => proposalSize({ clientId: 1n, cxid: 1, zxid: 1, time: 0, record });
    expect(txn({ type: 'createSession', timeOut: 4000 })).toBe(48);
    expect(txn({ type: 'create', path: '/a', data: enc('x'), acl: OPEN, ephemeral: false, parentCVersion: 1 })).toBe(87);
    expect(txn({ type: 'create', path: '/eph', data: enc('e'), acl: OPEN, ephemeral: true, parentCVersion: 3 })).toBe(89);
    expect(txn({ type: 'closeSession', paths2Delete: ['/eph'] })).toBe(32 + 4 + 8 + 12);
  });
});


describe('the worker host answers from the worker', () => {
  test('a Web Worker per server gives the same answers as the in-process host; a dead one refuses', async () => {
    const config = { ...DEFAULT_LAB_CONFIG, voters: 3, seed: 9 };
    const inProcess = new LabRuntime(config, () => new InProcessHost());
    const makeWorker = await nodeWorkers(3);
    const workers = new LabRuntime(config, () => new WorkerHost(makeWorker));
    for (const rt of [inProcess, workers]) {
      await rt.runFor(3000);
      const c = new LabZkClient(rt, { drive: () => true });
      await c.connect('zk1:2181');
      await c.create('/x', enc('1'), OPEN, 'EPHEMERAL', 0);
      await c.getData('/x', true);
    }
    expect(workers.sim.hostKind).toBe('worker');
    expect(workers.sim.traceHash()).toBe(inProcess.sim.traceHash());
    for (const sid of [1, 2, 3]) {
      for (const w of FOUR_LETTER_WORDS) expect([sid, w, await workers.sim.query(sid, w)]).toEqual([sid, w, await inProcess.sim.query(sid, w)]);
    }
    expect(await workers.sim.query(1, 'wchc')).toContain('\t/x\n');
    await workers.kill(2);
    expect(await workers.sim.query(2, 'ruok')).toBe('zk2:2181: Connection refused');
    inProcess.dispose();
    workers.dispose();
  });
});
