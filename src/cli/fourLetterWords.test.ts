/**
 * Four-letter words vs the replies of a real ZooKeeper 3.8.0 ensemble
 * (src/protocol/testdata/real-4lw/, recorded by scripts/real-zk/fourlw.sh; ensemble.txt says
 * who was who). Each test feeds `fourLetterWord` an input rebuilt from what that ensemble held —
 * 3 voters (zk3 leader) + observer zk4; one zkCli session 0x1000012e4860000 on zk1 that ran
 * createSession, create /a, /b, -e /eph (zxids 0x100000001…4), `get -w /a`, `ls -w /`,
 * `stat -w /b`, `stat -w /nothere` — with the lab's own names (zkN, ports 2181/2888/3888,
 * /data/zkN) and compares line by line with the recording.
 *
 * Normalised, in both texts, because they are machine- or run-specific and nothing the lab
 * could reproduce:
 *  - client ports (`/127.0.0.1:47866`), and the order of connection lines (Java iterates a
 *    set of connection objects by identity hash);
 *  - srvr/stat "Latency min/avg/max", "Received", "Sent" (counters include the recorder's own
 *    srvr polling); cons `recved=`/`sent=`, `est=`, `lresp=`, `llat=`…`maxlat=`;
 *  - dump's expiry times (wall clock);
 *  - conf: clientPort/electionPort/quorumPort, dataDir/dataLogDir paths and their sizes, the
 *    host:ports of the membership lines;
 *  - envi: every value but zookeeper.version (JVM / OS / user / memory);
 *  - mntr: values of the keys the lab does not model (JVM, fds, uptimes, latencies, byte and
 *    queue counters of ZooKeeper's request pipeline) become INT or DOUBLE — so the key, its
 *    position and whether Java printed it as a long or a double are still compared. Keys the
 *    input models (MODELLED below) are compared exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  FOUR_LETTER_WORDS, fourLetterWord, javaDouble, javaHashOrder, labEnvironment, membershipLines,
  type FourLetterInput, type SummaryValues,
} from './fourLetterWords.ts';

const dir = join(import.meta.dirname, '../protocol/testdata/real-4lw');
const recorded = (name: string): string => readFileSync(join(dir, `${name}.txt`), 'utf8');

const SESSION = 0x1000012e4860000n;
const T0 = 1795314072952; // the session's est= (ms); dump times are normalised anyway
const VOTERS = [1, 2, 3];
const OBSERVERS = [4];

function sum(count: number, total: number, min: number, max: number): SummaryValues {
  return { count, sum: total, min, max };
}

function base(sid: number, role: FourLetterInput['role']): FourLetterInput {
  const dataDir = `/data/zk${sid}/version-2`;
  return {
    sid, role, serving: true,
    peerState: role === 'leader' ? 'leading - broadcast' : role === 'follower' ? 'following - broadcast' : 'observing - broadcast',
    zxid: 0x100000004, nodeCount: 8,
    proposalSizes: { last: -1, min: -1, max: -1 },
    learners: 0, syncedFollowers: 0, syncedNonVotingFollowers: 0, syncedObservers: 0, pendingSyncs: 0,
    observerMasterId: 3, quorumSize: 3,
    membership: membershipLines(VOTERS, OBSERVERS),
    conf: {
      clientPort: 2181, secureClientPort: -1, dataDir, dataDirSize: 0, dataLogDir: dataDir, dataLogSize: 0,
      tickTime: 200, maxClientCnxns: 60, minSessionTimeout: 400, maxSessionTimeout: 4000, clientPortListenBacklog: -1,
      initLimit: 10, syncLimit: 5, electionAlg: 3, electionPort: 3888, quorumPort: 2888, peerType: role === 'observer' ? 1 : 0, version: 0,
    },
    environment: labEnvironment(sid),
    connections: [{ remoteAddress: '/127.0.0.1:40000', interestOps: 0, queued: 0, received: 1, sent: 0 }],
    packetsReceived: 1, packetsSent: 0, outstandingRequests: 0, latency: { min: 0, avg: 0, max: 0 },
    sessionBuckets: [],
    globalSessions: [{ sessionId: SESSION, timeoutMs: 4000 }],
    ephemerals: [{ sessionId: SESSION, paths: ['/eph'] }],
    connectionBuckets: [
      { expireAtMs: T0 + 10000, items: [] },
      { expireAtMs: T0 + 20000, items: [{ remoteAddress: '/127.0.0.1:40000', sessionId: 0n }] },
    ],
    dataWatchesBySession: [], dataWatchesByPath: [], watchCount: 0,
    ephemeralsCount: 1, approximateDataSize: 233, globalSessionCount: 1,
    uptimeMs: 3700, leaderUptimeMs: 0,
    readPerNamespace: [],
    // every server applies the same txns: /a, /b, /eph and the initial /zookeeper writes
    writePerNamespace: [['a', sum(1, 3, 3, 3)], ['b', sum(1, 3, 3, 3)], ['zookeeper', sum(3, 585, 195, 195)], ['eph', sum(1, 5, 5, 5)]],
    learnerHandlerQueueSize: [], learnerHandlerQueueTimeMs: [],
    metrics: {},
  };
}

/** The leader zk3: the session is global, so its tracker holds it; no client of its own. */
function leader(): FourLetterInput {
  const i = base(3, 'leader');
  i.proposalSizes = { last: 89, min: 48, max: 89 };
  i.learners = 3;
  i.syncedFollowers = 2;
  i.syncedObservers = 1;
  i.sessionBuckets = [{ expireAtMs: T0 + 4000, items: [] }, { expireAtMs: T0 + 4200, items: [SESSION] }];
  i.connectionBuckets[0]!.items = [];
  i.writePerNamespace[2] = ['zookeeper', sum(1, 195, 195, 195)];
  i.learnerHandlerQueueSize = [[1, sum(46, 0, 0, 0)], [2, sum(47, 3, 0, 2)], [4, sum(39, 0, 0, 0)]];
  i.learnerHandlerQueueTimeMs = [[1, sum(1, 0, 0, 0)], [2, sum(1, 3, 3, 3)], [4, sum(1, 0, 0, 0)]];
  return i;
}

/** zk1: holds the zkCli session and its watches (data: /a /b /nothere; child: /). */
function follower(): FourLetterInput {
  const i = base(1, 'follower');
  i.connections = [
    {
      remoteAddress: '/127.0.0.1:47866', interestOps: 1, queued: 0, received: 9, sent: 9,
      session: {
        sessionId: SESSION, lastOperation: 'EXIS', establishedMs: T0, timeoutMs: 4000, lastCxid: 8, lastZxid: 0x100000004,
        lastResponseMs: 1240614, lastLatency: 1, minLatency: 0, avgLatency: 7, maxLatency: 23,
      },
    },
    ...i.connections,
  ];
  i.connectionBuckets = [
    { expireAtMs: T0 + 10000, items: [{ remoteAddress: '/127.0.0.1:47866', sessionId: SESSION }] },
    { expireAtMs: T0 + 20000, items: [{ remoteAddress: '/127.0.0.1:40000', sessionId: 0n }] },
  ];
  i.dataWatchesBySession = [{ sessionId: SESSION, paths: ['/a', '/b', '/nothere'] }];
  i.dataWatchesByPath = javaHashOrder([['/a', [SESSION]], ['/b', [SESSION]], ['/nothere', [SESSION]]] as const)
    .map(([path, sessionIds]) => ({ path, sessionIds: [...sessionIds] }));
  i.watchCount = 4;
  i.latency = { min: 1, avg: 7.1111, max: 23 };
  i.readPerNamespace = [['a', sum(1, 71, 71, 71)], ['b', sum(1, 70, 70, 70)]];
  return i;
}

const INPUTS: Record<string, () => FourLetterInput> = {
  leader,
  follower,
  follower2: () => base(2, 'follower'),
  observer: () => base(4, 'observer'),
  noquorum: () => ({ ...base(1, 'follower'), serving: false }),
  'noquorum-observer': () => ({ ...base(4, 'observer'), serving: false }),
};

/** mntr keys whose values the input models (compared exactly). */
const MODELLED = new Set([
  'version', 'server_state', 'peer_state', 'observer_master_id', 'ephemerals_count', 'znode_count', 'global_sessions',
  'watch_count', 'approximate_data_size', 'quorum_size', 'min_proposal_size', 'max_proposal_size', 'last_proposal_size',
  'synced_followers', 'synced_non_voting_followers', 'synced_observers', 'pending_syncs', 'learners', 'outstanding_requests',
  'connection_drop_probability',
]);

function normalise(word: string, text: string): string {
  let t = text.replace(/\/127\.0\.0\.1:\d+/g, '/127.0.0.1:PORT');
  t = t.replace(/^Latency min\/avg\/max: .*$/m, 'Latency min/avg/max: L').replace(/^Received: \d+$/m, 'Received: N').replace(/^Sent: \d+$/m, 'Sent: N');
  t = t.replace(/recved=\d+,sent=\d+/g, 'recved=N,sent=N').replace(/,est=\d+/g, ',est=T').replace(/,lresp=\d+,llat=\d+,minlat=\d+,avglat=\d+,maxlat=\d+/g, ',lresp=T,LAT');
  t = t.replace(/ expire at [A-Za-z]{3} [A-Za-z]{3} \d\d \d\d:\d\d:\d\d UTC \d{4}:/g, ' expire at DATE:');
  if (word === 'conf') {
    t = t.replace(/^(clientPort|electionPort|quorumPort)=\d+$/gm, '$1=P').replace(/^(dataDir|dataLogDir)=.*$/gm, '$1=DIR').replace(/^(dataDirSize|dataLogSize)=\d+$/gm, '$1=SIZE');
    t = t.replace(/^server\.(\d+)=[^:]+:\d+:\d+:/gm, 'server.$1=HOST:Q:E:');
  }
  if (word === 'envi') t = t.replace(/^(?!zookeeper\.version)([a-z.]+)=.*$/gm, '$1=ENV');
  if (word === 'mntr') {
    t = t.replace(/^zk_([a-z0-9_]+)\t(.*)$/gm, (line, key: string, v: string) =>
      MODELLED.has(key) ? line : `zk_${key}\t${/^-?\d+$/.test(v) ? 'INT' : /^-?\d+\.\d+(E-?\d+)?$/.test(v) ? 'DOUBLE' : v}`);
  }
  if (word === 'stat' || word === 'cons') {
    // connection lines in sorted order (identity-hash iteration in Java)
    const lines = t.split('\n');
    const conns = lines.filter((l) => l.startsWith(' /')).sort();
    let k = 0;
    t = lines.map((l) => (l.startsWith(' /') ? conns[k++]! : l)).join('\n');
  }
  return t;
}

describe('four-letter words as ZooKeeper 3.8.0 prints them', () => {
  for (const [who, make] of Object.entries(INPUTS)) {
    const words = who.startsWith('noquorum') ? ['srvr', 'stat', 'mntr', 'ruok'] : FOUR_LETTER_WORDS;
    for (const word of words) {
      test(`${who}.${word}`, () => {
        const want = recorded(`${who}.${word}`);
        const got = fourLetterWord(word, make());
        expect(normalise(word, got).split('\n')).toEqual(normalise(word, want).split('\n'));
      });
    }
  }

  test('exact bytes where nothing is machine-specific', () => {
    expect(fourLetterWord('ruok', { ...base(1, 'follower'), serving: false })).toBe('imok');
    expect(fourLetterWord('wchs', follower())).toBe(recorded('follower.wchs'));
    expect(fourLetterWord('wchc', follower())).toBe(recorded('follower.wchc'));
    expect(fourLetterWord('wchp', follower())).toBe(recorded('follower.wchp'));
    expect(fourLetterWord('wchp', leader())).toBe(recorded('leader.wchp'));
    expect(fourLetterWord('srvr', { ...base(1, 'follower'), serving: false })).toBe(recorded('noquorum.srvr'));
    expect(fourLetterWord('mntr', { ...base(4, 'observer'), serving: false })).toBe(recorded('noquorum-observer.mntr'));
  });

  test('Java number formatting', () => {
    expect(javaDouble(0)).toBe('0.0');
    expect(javaDouble(3)).toBe('3.0');
    expect(javaDouble(7.1111)).toBe('7.1111');
    expect(javaDouble(1e7)).toBe('1.0E7');
    expect(javaDouble(0.0001)).toBe('1.0E-4');
    expect(javaHashOrder([['eph', 1], ['zookeeper', 2], ['b', 3], ['a', 4]]).map(([k]) => k)).toEqual(['a', 'b', 'zookeeper', 'eph']);
  });
});
