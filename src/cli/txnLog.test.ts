/**
 * `lab txnlog S [N]` against a real recording: src/cli/testdata/txnlog/real-standalone.txt is what
 * ZooKeeper 3.8.0's TxnLogToolkit printed for a real standalone server after a zkCli session and a
 * second session with two multis (scripts/real-zk/txnlog.sh). The same sequence runs here on a
 * simulated 1-voter and 3-voter ensemble and `lab txnlog` must print the same lines, up to the
 * normalisations explained in `normalise`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Op } from '../protocol/datatree/types.ts';
import { DEFAULT_QUORUM_CONFIG, type LoggedTxn } from '../protocol/types.ts';
import { makeZxid } from '../protocol/zxid.ts';
import { HeadlessLab } from '../worker/headless.ts';
import { LabZkClient } from '../worker/labZkClient.ts';
import { LAB_USAGE } from './lab.ts';
import { formatTxnLogEntry, javaShortLongDateTime, juteBinary, TXNLOG_HEADER, txnLogLines } from './txnLog.ts';
import { ZkCli } from './zkcli/ZkCli.ts';

const recordingFile = join(import.meta.dirname, 'testdata/txnlog/real-standalone.txt');
/** The tool's stdout, without the recording's `#` header. */
const recorded = readFileSync(recordingFile, 'utf8').split('\n').filter((l) => !l.startsWith('#'));
if (recorded[recorded.length - 1] === '') recorded.pop();

/** What the recording's zkCli session ran (its header says so too). */
const ZKCLI_SCRIPT = [
  'create /test_log v1',
  'set /test_log v2',
  'create /test_log/c v1',
  'delete /test_log/c',
  'create /test_log v3',
  'set -v 7 /test_log v3',
  'create -e /test_log/eph e1',
  'create -s /test_log/seq- s1',
  'create -c /test_cont',
  'create -t 5000 /test_ttl t1',
  'setAcl /test_log world:anyone:cdrwa',
  'quit',
];

const OPEN_ACL = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The recording's second session (a Java client: zkCli 3.8 has no multi). */
const MULTI_OK: Op[] = [
  { type: 'create', path: '/test_log/m', data: bytes('m1'), acl: OPEN_ACL, mode: 'PERSISTENT' },
  { type: 'setData', path: '/test_log', data: bytes('v4'), version: -1 },
  { type: 'check', path: '/test_log', version: 2 },
  { type: 'delete', path: '/test_log/m', version: -1 },
];
const MULTI_FAILS: Op[] = [
  { type: 'create', path: '/test_log/m2', data: bytes('m1'), acl: OPEN_ACL, mode: 'PERSISTENT' },
  { type: 'check', path: '/test_log', version: 0 },
  { type: 'delete', path: '/test_log', version: -1 },
];

/** Runs the recording's sequence against zk1 of a fresh simulated ensemble. */
async function runSequence(voters: number): Promise<HeadlessLab> {
  const lab = new HeadlessLab({ voters, seed: 1 });
  await lab.runtime.runFor(3000);
  const client = new LabZkClient(lab.runtime, { drive: () => true });
  const cli = new ZkCli({ server: 'zk1:2181', jline: false });
  await cli.startup(client);
  for (const line of ZKCLI_SCRIPT) await cli.execute(line, client);
  const second = new LabZkClient(lab.runtime, { drive: () => true });
  await second.connect('zk1:2181');
  await second.multi(MULTI_OK);
  await expect(second.multi(MULTI_FAILS)).rejects.toMatchObject({ code: -103 });
  await second.close();
  await lab.runtime.runFor(1000); // let every follower log the last PROPOSAL
  return lab;
}

const TIME = /^\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2}:\d{2} [AP]M UTC(?= session )/;

/**
 * Only what must differ between the real server and the lab:
 *  - times: the recording has the wall clock of the recording machine, the lab the simulation's
 *    clock (clockOriginMs + simulated ms). The shape must match (checked here), the value not;
 *  - session ids: a real id is `(serverId << 56) | (wall-clock ms << 24) >>> 8 …` plus a counter,
 *    the lab's is made the same way from the simulated clock; each distinct id becomes S1, S2 …
 *    in order of first appearance, so "same session" and "other session" are still checked;
 *  - the zxid's epoch (high 32 bits): a standalone server counts from epoch 0 (zxid 0x1…), the
 *    lab always runs the quorum code, where the first leader's epoch is 1 (0x100000001…). A real
 *    3-voter ensemble logs exactly 0x100000001… for the same writes (checked by hand with
 *    scripts/real-zk/lib.sh and tickTime=2000); the counter (low 32 bits) must match exactly.
 * Nothing else is touched: txn types, cxids, every field, the ACL line breaks and the multis'
 * raw jute bytes must be the same. A txn of another session would show up as an extra line: a
 * quiet simulated ensemble has none.
 */
function normalise(lines: readonly string[], epoch: number): string[] {
  const sessions = new Map<string, string>();
  return lines.map((line) => {
    if (!/^\d/.test(line)) return line;
    expect(line, 'time shape').toMatch(TIME);
    return line
      .replace(TIME, '<time>')
      .replace(/ session (0x[0-9a-f]+) /, (_m, id: string) => {
        if (!sessions.has(id)) sessions.set(id, `S${sessions.size + 1}`);
        return ` session ${sessions.get(id)} `;
      })
      .replace(/ zxid 0x([0-9a-f]+) /, (_m, z: string) => {
        const zxid = parseInt(z, 16);
        expect(Math.floor(zxid / 2 ** 32), `epoch of ${line.slice(0, 80)}`).toBe(epoch);
        return ` zxid 0x${(zxid % 2 ** 32).toString(16)} `;
      });
  });
}

describe('lab txnlog against real TxnLogToolkit output', () => {
  it('the recording is what the tests expect', () => {
    expect(recorded[0]).toBe(TXNLOG_HEADER);
    expect(recorded[recorded.length - 1]).toBe('EOF reached after 17 txns.');
  });

  for (const voters of [1, 3]) {
    it(`${voters}-voter ensemble: zk1's log prints as the real one`, async () => {
      const lab = await runSequence(voters);
      const printed = await lab.lab('lab txnlog 1');
      expect(normalise(printed, 1)).toEqual(normalise(recorded, 0));
      // the lab's times are its clock: the first txn came a little after the 3 s of start-up
      expect(printed[1]).toMatch(/^11\/22\/26, 12:00:0\d AM UTC session /);
      if (voters === 3) {
        // every server logged the same txns in the same zxid order, byte for byte
        expect(await lab.lab('lab txnlog 2')).toEqual(printed);
        expect(await lab.lab('lab txnlog zk3')).toEqual(printed);
      }
      lab.dispose();
    });
  }

  it('N shows only the last N txns and says so', async () => {
    const lab = await runSequence(1);
    const all = await lab.lab('lab txnlog 1');
    const tail = await lab.lab('lab txnlog 1 3');
    expect(tail[0]).toBe(TXNLOG_HEADER);
    expect(tail[1]).toBe("(lab: showing the last 3 of the 17 txns in zk1's log)");
    expect(tail.slice(2)).toEqual(all.slice(-4));
    expect(tail[2]).toContain(' multi create:');
    expect(await lab.lab('lab txnlog 1 100')).toEqual(all);
    lab.dispose();
  });

  it('a down server still has its log; a wiped one has none; bad arguments are refused', async () => {
    const lab = await runSequence(3);
    const before = await lab.lab('lab txnlog 2');
    expect(await lab.lab('lab kill 2')).toEqual(['zk2 killed']);
    expect(await lab.lab('lab txnlog 2')).toEqual(before);
    expect(await lab.lab('lab wipe 2')).toEqual(['zk2 wiped (disk erased; it is down)']);
    expect(await lab.lab('lab txnlog 2')).toEqual([
      'zk2 has no transaction log: its disk is empty (a new or wiped server writes log.<zxid> with its first txn)',
    ]);
    expect(await lab.lab('lab txnlog 9')).toEqual(['lab txnlog: no server 9 (servers are zk1, zk2, zk3)']);
    expect(await lab.lab('lab txnlog')).toEqual(['lab txnlog: missing server']);
    for (const bad of ['lab txnlog 1 0', 'lab txnlog 1 x', 'lab txnlog 1 2 3']) {
      expect(await lab.lab(bad)).toEqual(['lab txnlog: usage: lab txnlog S [N]   (N: only the last N txns, N >= 1)']);
    }
    lab.dispose();
  });

  it('a server whose log was replaced by a snapshot says where its txns are', () => {
    const disk = { acceptedEpoch: 1, currentEpoch: 1, log: [], snapshotZxid: makeZxid(1, 5), snapshot: {} };
    expect(txnLogLines(3, disk)).toEqual(['zk3 has no transaction log after its snapshot: snapshot.100000005 holds every txn up to 0x100000005']);
  });

  it('is listed in lab help (and so in Tab completion)', () => {
    expect(LAB_USAGE.some((l) => l.trim().startsWith('lab txnlog S [N]'))).toBe(true);
  });
});

describe('TxnLogToolkit formatting', () => {
  it('DateFormat SHORT/LONG in en_US, UTC', () => {
    const origin = DEFAULT_QUORUM_CONFIG.clockOriginMs; // Sun Nov 22 2026 00:00:00 UTC
    expect(javaShortLongDateTime(origin)).toBe('11/22/26, 12:00:00 AM UTC');
    expect(javaShortLongDateTime(origin + 5 * 3600_000 + 17_999)).toBe('11/22/26, 5:00:17 AM UTC');
    expect(javaShortLongDateTime(origin + 12 * 3600_000)).toBe('11/22/26, 12:00:00 PM UTC');
    expect(javaShortLongDateTime(origin + 13 * 3600_000 + 5 * 60_000 + 9_000)).toBe('11/22/26, 1:05:09 PM UTC');
    expect(javaShortLongDateTime(Date.UTC(2009, 0, 2, 23, 59, 59))).toBe('1/2/09, 11:59:59 PM UTC');
  });

  const entry = (record: unknown, cxid = 1): LoggedTxn => ({
    zxid: makeZxid(2, 7),
    time: DEFAULT_QUORUM_CONFIG.clockOriginMs,
    txn: { clientId: 0x200000123450001n, cxid, zxid: makeZxid(2, 7), time: DEFAULT_QUORUM_CONFIG.clockOriginMs, record },
  });
  const head = '11/22/26, 12:00:00 AM UTC session 0x200000123450001 cxid 0x1 zxid 0x200000007 ';

  it('records the recording has no example of', () => {
    const ip = { perms: 1, id: { scheme: 'ip', id: '10.0.0.1' } };
    expect(formatTxnLogEntry(entry({ type: 'deleteContainer', path: '/a,b' }))).toBe(head + "deleteContainer '/a%2Cb\n");
    expect(formatTxnLogEntry(entry({ type: 'setACL', path: '/a', acl: [...OPEN_ACL, ip], version: 3 }))).toBe(
      head + "setACL '/a,v{s{31,s{'world,'anyone}},s{1,s{'ip,'10.0.0.1}}},3\n",
    );
    expect(formatTxnLogEntry(entry({ type: 'closeSession', paths2Delete: ['/e1', '/e2'] }))).toBe(head + "closeSession v{'/e1,'/e2}\n");
    expect(formatTxnLogEntry(entry({ type: 'create', path: '/n', data: null, acl: [...OPEN_ACL, ip], ephemeral: false, parentCVersion: -3 }))).toBe(
      head + "create /n,,[31,s{'world,'anyone}\n, 1,s{'ip,'10.0.0.1}\n],false,-3\n",
    );
    // cxid is an int printed with Long.toHexString: a negative one is sign-extended
    expect(formatTxnLogEntry(entry({ type: 'error', err: -101 }, -2))).toContain(' cxid 0xfffffffffffffffe ');
  });

  it("a multi's sub-txns are their binary jute form read as UTF-8", () => {
    expect([...juteBinary({ type: 'createTTL', path: '/t', data: null, acl: [], parentCVersion: 1, ttl: 258 })]).toEqual([
      0, 0, 0, 2, 0x2f, 0x74, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 2,
    ]);
    const line = formatTxnLogEntry(entry({ type: 'multi', txns: [{ type: 'createTTL', path: '/t', data: null, acl: [], parentCVersion: 1, ttl: 258 }, { type: 'error', err: -2 }] }));
    expect(line).toBe(head + 'multi createTtl:\0\0\0\u0002/t\uFFFD\uFFFD\uFFFD\uFFFD\0\0\0\0\0\0\0\u0001\0\0\0\0\0\0\u0001\u0002;error:\uFFFD\uFFFD\uFFFD\uFFFD\n');
  });
});
