import { describe, expect, it } from 'vitest';
import { validatePath } from '../../protocol/datatree/PathUtils.ts';
import { Code } from '../../protocol/datatree/KeeperException.ts';
import { cliWrapperMessage, getClientConfigStr, usageLines } from './commands.ts';
import { options, parseCli, type ParseException } from './commonsCli.ts';
import { compareTranscript, extractWatcherBlocks, markScript } from './conformance.ts';
import { civilFromDays, formatAcl, hexLong, javaDateToString } from './format.ts';
import { Output } from './output.ts';
import { StandaloneServer } from './standaloneClient.ts';
import { parseCommand } from './tokenizer.ts';
import { ZkCli } from './ZkCli.ts';

/** A console on a fresh standalone server; `run` returns the text lines, `errs` the stderr ones. */
async function console1(opts: { superDigest?: string } = {}) {
  const server = new StandaloneServer({ extendedTypesEnabled: true, ...opts });
  const client = server.newClient();
  const cli = new ZkCli({ server: 'zk1:2181' });
  const startup = await cli.startup(client);
  const run = async (line: string): Promise<string[]> => (await cli.execute(line, client)).map((l) => l.text);
  const streams = async (line: string) => cli.execute(line, client);
  return { server, client, cli, startup, run, streams };
}

describe('tokenizer (ZooKeeper 3.8)', () => {
  it('splits on whitespace and strips one pair of outer quotes', () => {
    expect(parseCommand('create /sp "hello world"')).toEqual(['create', '/sp', 'hello world']);
    expect(parseCommand("create /emp ''")).toEqual(['create', '/emp', '']);
    expect(parseCommand('  ls   /  ')).toEqual(['ls', '/']);
    expect(parseCommand('set /a x"y')).toEqual(['set', '/a', 'x"y']);
    expect(parseCommand('"')).toBeNull();
    expect(parseCommand('  ')).toEqual([' ']);
  });
});

describe('commons-cli DefaultParser', () => {
  const o = options([['s', false, 'stats'], ['v', true, 'version']]);
  it('takes options before or after the path, concatenated, or with attached values', () => {
    expect(parseCli(o, ['set', '/a', 'x', '-s']).args).toEqual(['set', '/a', 'x']);
    expect(parseCli(o, ['set', '-v', '3', '/a']).getOptionValue('v')).toBe('3');
    expect(parseCli(o, ['set', '-v5', '/a']).getOptionValue('v')).toBe('5');
    expect(parseCli(o, ['set', '-v=7', '/a']).getOptionValue('v')).toBe('7');
    expect(parseCli(o, ['set', '-v', '-1', '/a']).getOptionValue('v')).toBe('-1');
    expect(parseCli(o, ['set', '--', '-s']).args).toEqual(['set', '-s']);
    expect(parseCli(o, ['set', '-']).args).toEqual(['set', '-']);
  });
  it('reports errors with the exception class name', () => {
    const err = (argv: string[]): string => {
      try {
        parseCli(o, argv);
        return '';
      } catch (e) {
        return (e as ParseException).toString();
      }
    };
    expect(err(['ls', '-x', '/'])).toBe('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -x');
    expect(err(['ls', '-sx', '/'])).toBe('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -sx');
    expect(err(['ls', '--s'])).toBe('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: --s');
    expect(err(['set', '/a', 'b', '-v'])).toBe('org.apache.commons.cli.MissingArgumentException: Missing argument for option: v');
    expect(err(['set', '-v', '-s'])).toBe('org.apache.commons.cli.MissingArgumentException: Missing argument for option: v');
  });
});

describe('Java formatting', () => {
  it('new Date(ms).toString() in UTC', () => {
    expect(javaDateToString(0)).toBe('Thu Jan 01 00:00:00 UTC 1970');
    expect(javaDateToString(Date.UTC(2026, 10, 22, 1, 44, 2))).toBe('Sun Nov 22 01:44:02 UTC 2026');
    expect(javaDateToString(Date.UTC(2000, 1, 29, 23, 59, 59, 999))).toBe('Tue Feb 29 23:59:59 UTC 2000');
    expect(javaDateToString(-1)).toBe('Wed Dec 31 23:59:59 UTC 1969');
    for (let d = -800000; d < 800000; d += 997) {
      const js = new Date(d * 86400000);
      expect(civilFromDays(d)).toEqual([js.getUTCFullYear(), js.getUTCMonth() + 1, js.getUTCDate()]);
    }
  });
  it('Long.toHexString and jute Id.toString', () => {
    expect(hexLong(0)).toBe('0x0');
    expect(hexLong(0x100000002)).toBe('0x100000002');
    expect(hexLong(-(1n << 63n))).toBe('0x8000000000000000');
    expect(hexLong(-1n)).toBe('0xffffffffffffffff');
    expect(formatAcl({ perms: 31, id: { scheme: 'world', id: 'anyone' } })).toBe("'world,'anyone\n: cdrwa");
    expect(formatAcl({ perms: 1 | 16, id: { scheme: 'x,y', id: '%}\n' } })).toBe("'x%2Cy,'%25%7D%0A\n: ra");
  });
  it('print without newline is glued to the next line of either stream', () => {
    const o = new Output();
    o.print('stdout', 'KeeperErrorCode = NoAuth for /a');
    o.err('Node does not exist: /x');
    expect(o.take()).toEqual([{ stream: 'stderr', text: 'KeeperErrorCode = NoAuth for /aNode does not exist: /x' }]);
  });
});

describe('PathUtils messages (ZooKeeper 3.8)', () => {
  it('gives ZooKeeper’s exact texts and indices', () => {
    expect(validatePath(null)).toBe('Path cannot be null');
    expect(validatePath('')).toBe('Path length must be > 0');
    expect(validatePath('a')).toBe('Path must start with / character');
    expect(validatePath('/a/')).toBe('Path must not end with / character');
    expect(validatePath('/a//b')).toBe('Invalid path string "/a//b" caused by empty node name specified @3');
    expect(validatePath('/a/./b')).toBe('Invalid path string "/a/./b" caused by relative paths not allowed @3');
    expect(validatePath('/a/../b')).toBe('Invalid path string "/a/../b" caused by relative paths not allowed @4');
    expect(validatePath('/a\u0000')).toBe('Invalid path string "/a\u0000" caused by null character not allowed @2');
    expect(validatePath('/a\u0001')).toBe('Invalid path string "/a\u0001" caused by invalid character @2');
    expect(validatePath('/\ud800')).toBe('Invalid path string "/\ud800" caused by invalid character @1');
    expect(validatePath('/...')).toBeNull();
    expect(validatePath('/')).toBeNull();
    expect(validatePath('/z2/', true)).toBeNull();
  });
});

describe('KeeperException texts (CliWrapperException)', () => {
  it('maps every special code and falls back to KeeperErrorCode = …', () => {
    const t = (code: number, path: string | null = '/p') => cliWrapperMessage({ code, path });
    expect(t(Code.NONODE)).toBe('Node does not exist: /p');
    expect(t(Code.NOCHILDRENFOREPHEMERALS)).toBe('Ephemerals cannot have children: /p');
    expect(t(Code.NODEEXISTS)).toBe('Node already exists: /p');
    expect(t(Code.NOTEMPTY)).toBe('Node not empty: /p');
    expect(t(Code.NOTREADONLY)).toBe('Not a read-only call: /p');
    expect(t(Code.INVALIDACL)).toBe('Acl is not valid : /p');
    expect(t(Code.INVALIDACL, null)).toBe('Acl is not valid : null');
    expect(t(Code.NOAUTH)).toBe('Insufficient permission : /p');
    expect(t(Code.BADARGUMENTS)).toBe('Arguments are not valid : /p');
    expect(t(Code.BADVERSION)).toBe('version No is not valid : /p');
    expect(t(Code.RECONFIGINPROGRESS)).toBe('Another reconfiguration is in progress -- concurrent reconfigs not supported (yet)');
    expect(t(Code.NEWCONFIGNOQUORUM)).toContain('last committed config');
    expect(t(Code.QUOTAEXCEEDED)).toBe('Quota has exceeded : /p');
    expect(t(Code.UNIMPLEMENTED, '/ttl')).toBe('KeeperErrorCode = Unimplemented for /ttl');
    expect(t(Code.CONNECTIONLOSS, '/big2')).toBe('KeeperErrorCode = ConnectionLoss for /big2');
    expect(t(Code.NOWATCHER)).toBe('KeeperErrorCode = No such watcher for /p');
    expect(t(Code.RECONFIGDISABLED, null)).toBe('KeeperErrorCode = Reconfig is disabled');
    expect(t(Code.SESSIONEXPIRED)).toBe('KeeperErrorCode = Session expired for /p');
    expect(t(Code.UNKNOWNSESSION)).toBe('KeeperErrorCode = Unknown error UNKNOWNSESSION for /p');
  });
});

describe('zkCli console', () => {
  it('prints the startup lines, the SyncConnected block and a JLine prompt', async () => {
    const { startup, cli, client } = await console1();
    expect(startup.map((l) => l.text)).toEqual([
      'Connecting to zk1:2181', 'Welcome to ZooKeeper!', 'JLine support is enabled',
      '', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:None path:null',
    ]);
    expect(cli.prompt(client)).toBe('[zk: zk1:2181(CONNECTED) 0] ');
    await cli.execute('ls /', client);
    await cli.execute('', client);
    expect(cli.prompt(client)).toBe('[zk: zk1:2181(CONNECTED) 1] ');
  });
  it('keeps stdout and stderr apart: Created and errors on stderr, data on stdout', async () => {
    const { streams } = await console1();
    expect(await streams('create /a x')).toEqual([{ stream: 'stderr', text: 'Created /a' }]);
    expect(await streams('get /a')).toEqual([{ stream: 'stdout', text: 'x' }]);
    expect(await streams('get /nope')).toEqual([{ stream: 'stderr', text: 'Node does not exist: /nope' }]);
  });
  it('prints every usage line and the usage block for unknown commands and help', async () => {
    const { run } = await console1();
    const block = usageLines();
    expect(block).toHaveLength(29);
    expect(block).toContain('\tclose ');
    expect(await run('help')).toEqual([...block, 'Command not found: Command not found help']);
    const cases: [string, string][] = [
      ['create', 'create [-s] [-e] [-c] [-t ttl] path [data] [acl]'], ['ls', 'ls [-s] [-w] [-R] path'],
      ['get', 'get [-s] [-w] path'], ['set /x', 'set [-s] [-v version] path data'], ['delete', 'delete [-v version] path'],
      ['deleteall', 'deleteall path [-b batch size]'], ['stat', 'stat [-w] path'], ['getAcl', 'getAcl [-s] path'],
      ['setAcl /x', 'setAcl [-s] [-v version] [-R] path acl'], ['sync', 'sync path'], ['addauth', 'addauth scheme auth'],
      ['removewatches', 'removewatches path [-c|-d|-a] [-l]'], ['getAllChildrenNumber', 'getAllChildrenNumber path'],
      ['listquota', 'listquota path'], ['delquota', 'delquota [-n|-b|-N|-B] path'], ['setquota -n 5', 'setquota -n|-b|-N|-B val path'],
      ['version x', 'version '], ['addWatch', block[1]!.slice(1)], ['addWatch -m FOO /x', block[1]!.slice(1)],
    ];
    for (const [line, usage] of cases) expect(await run(line), line).toEqual([usage]);
    expect(await run('setquota /x')).toEqual([
      'org.apache.commons.cli.MissingOptionException: Missing required option: [-n num soft quota, -b bytes soft quota, -N num hard quota, -B bytes hard quota]',
    ]);
    expect(await run('setquota -n 2 -b 3 /x')).toEqual([
      "org.apache.commons.cli.AlreadySelectedException: The option 'b' was specified but an option from this group has already been selected: 'n'",
    ]);
  });
  it('create: flag and ACL errors', async () => {
    const { run } = await console1();
    expect(await run('create -c -s /c')).toEqual(['-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.']);
    expect(await run('create -t 10 -e /t')).toEqual(['TTLs cannot be used with Ephemeral znodes']);
    expect(await run('create -t 10 -c /t')).toEqual(['TTLs cannot be used with Container znodes']);
    expect(await run('create -t abc /t')).toEqual(['-t argument must be a long value']);
    expect(await run('create -t 0 /t')).toEqual(['ttl must be positive and cannot be larger than: 1099511627775']);
    expect(await run('create -t 1099511627776 /t')).toEqual(['ttl must be positive and cannot be larger than: 1099511627775']);
    expect(await run('create /acl d badacl')).toEqual(['badacl does not have the form scheme:id:perm', 'KeeperErrorCode = InvalidACL', 'Acl is not valid : null']);
    expect(await run('create /acl d digest:bob:cdrwa')).toEqual(['KeeperErrorCode = InvalidACL for /acl', 'Acl is not valid : /acl']);
    expect(await run('create /acl2 d world:anyone:cdrwaz')).toEqual(['Unknown perm type: z', 'Created /acl2']);
    expect(await run('create /acl3 d auth::cdrwa')).toEqual(['KeeperErrorCode = InvalidACL for /acl3', 'Acl is not valid : /acl3']);
    expect(await run('create a')).toEqual(['Path must start with / character']);
    expect(await run('create /x/y')).toEqual(['Node does not exist: /x/y']);
    expect(await run('create -e /eph')).toEqual(['Created /eph']);
    expect(await run('create /eph/c')).toEqual(['Ephemerals cannot have children: /eph/c']);
    expect(await run('create -t 3000 /ttl')).toEqual(['Created /ttl']);
    expect(await run('create -s -t 3000 /ttl-')).toEqual(['Created /ttl-0000000003']); // failed creates do not count
  });
  it('deprecated forms, permission errors and version errors', async () => {
    const { run } = await console1();
    await run('create /w 1');
    expect(await run('ls /w watch')).toEqual(["'ls path [watch]' has been deprecated. Please use 'ls [-w] path' instead.", '[]']);
    expect(await run('get /w watch')).toEqual(["'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead.", '1']);
    expect((await run('stat /w watch'))[0]).toBe("'stat path [watch]' has been deprecated. Please use 'stat [-w] path' instead.");
    expect(await run('delete /w 5')).toEqual([
      "'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead.",
      '', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:NodeDeleted path:/w',
    ]);
    await run('create /pub data');
    await run('setAcl /pub world:anyone:r');
    expect(await run('set /pub x')).toEqual(['Insufficient permission : /pub']);
    expect(await run('create /pub/kid 1')).toEqual(['Insufficient permission : /pub/kid']);
    expect(await run('set -v 5 /pub x')).toEqual(['Insufficient permission : /pub']);
    expect(await run('setAcl /pub foo')).toEqual(['foo does not have the form scheme:id:perm', 'Acl is not valid : null']);
    await run('create /v x');
    expect(await run('set -v 5 /v y')).toEqual(['version No is not valid : /v']);
    expect(await run('delete /')).toEqual(['Arguments are not valid : /']);
    expect(await run('create /v/c x')).toEqual(['Created /v/c']);
    expect(await run('delete /v')).toEqual(['Node not empty: /v']);
    expect(await run('create /v x')).toEqual(['Node already exists: /v']);
    expect(await run('set /zookeeper/config x')).toEqual(['Insufficient permission : /zookeeper/config']);
    expect(await run('reconfig -remove 3')).toEqual(['KeeperErrorCode = Reconfig is disabled']);
  });
  it('getAcl masks digests without ADMIN; whoami lists ids; super reads anything', async () => {
    const { run } = await console1({ superDigest: 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs=' });
    await run('addauth digest bob:pw');
    expect(await run('whoami')).toEqual(['Auth scheme: User', 'digest: bob', 'ip: 127.0.0.1']);
    await run('create /s x digest:bob:ikIaKsbtGweaHnb/jKn7OHqbunM=:r,world:anyone:a');
    expect(await run('getAcl /s')).toEqual(["'digest,'bob:ikIaKsbtGweaHnb/jKn7OHqbunM=", ': r', "'world,'anyone", ': a']);
    const other = await console1({ superDigest: 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs=' });
    await other.run('create /s x digest:bob:ikIaKsbtGweaHnb/jKn7OHqbunM=:r,world:anyone:r');
    expect(await other.run('getAcl /s')).toEqual(["'digest,'bob:x", ': r', "'world,'anyone", ': r']);
    expect(await other.run('setAcl /s world:anyone:cdrwa')).toEqual(['Insufficient permission : /s']);
    await other.run('create /s2 x digest:bob:ikIaKsbtGweaHnb/jKn7OHqbunM=:cdrwa');
    expect(await other.run('get /s2')).toEqual(['Insufficient permission : /s2']);
    await other.run('addauth digest super:admin');
    expect(await other.run('get /s2')).toEqual(['x']);
    expect(await other.run('whoami')).toEqual(['Auth scheme: User', 'digest: super', 'super: ', 'ip: 127.0.0.1']);
  });
  it('setAcl -R prints per-node errors without a newline', async () => {
    const { run } = await console1();
    await run('create /nd');
    await run('create /nd/c1');
    await run('setAcl /nd/c1 world:anyone:r');
    expect(await run('setAcl -R /nd world:anyone:cdrwa')).toEqual([]);
    expect(await run('stat /zz')).toEqual(['KeeperErrorCode = NoAuth for /nd/c1Node does not exist: /zz']);
  });
  it('history, redo, printwatches, close and connect', async () => {
    const { run, cli } = await console1();
    await run('create /h x');
    expect(await run('redo 0')).toEqual(['Node already exists: /h']);
    expect(await run('redo 5')).toEqual(['Command index out of range']);
    expect(await run('redo 2')).toEqual(['No redoing redos']);
    expect(await run('history')).toEqual(['0 - create /h x', '1 - create /h x', '2 - redo 5', '3 - redo 2', '4 - history']);
    expect(await run('printwatches')).toEqual(['printwatches is on']);
    await run('printwatches off');
    expect(cli.printWatches).toBe(false);
    expect(await run('get -w /h')).toEqual(['x']);
    expect(await run('set /h y')).toEqual([]);
    await run('printwatches on');
    expect(await run('close')).toEqual(['', 'WATCHER::', '', 'WatchedEvent state:Closed type:None path:null']);
    expect(await run('ls /')).toEqual(['Not connected']);
    expect(await run('history')).toContain('Not connected');
    expect(await run('connect zk2:2181')).toEqual(['', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:None path:null']);
    expect(cli.host).toBe('zk2:2181');
    expect(await run('ls /')).toEqual(['[h, zookeeper]']);
  });
  it('an uncaught Java exception prints a stack trace and ends the console', async () => {
    const { run, cli } = await console1();
    await run('create /c x');
    const out = await run('set -v x /c y');
    expect(out[0]).toBe('Exception in thread "main" java.lang.NumberFormatException: For input string: "x"');
    expect(out).toContain('\tat org.apache.zookeeper.cli.SetCommand.exec(SetCommand.java:69)');
    expect(out[out.length - 2]).toBe('\tat org.apache.zookeeper.ZooKeeperMain.run(ZooKeeperMain.java:327)');
    expect(cli.crashed).toBe(true);
    expect(await run('ls /')).toEqual([]);
  });
  it('addauth with a bad scheme: AuthFailed, the next request fails, then Not connected', async () => {
    const { run } = await console1();
    expect(await run('addauth foo bar')).toEqual([]);
    expect(await run('ls /')).toEqual(['', 'WATCHER::', '', 'WatchedEvent state:AuthFailed type:None path:null', 'KeeperErrorCode = AuthFailed for /']);
    expect(await run('ls /')).toEqual(['Not connected']);
  });
  it('removewatches: events for removed watches, No such watcher otherwise, the persistent quirk', async () => {
    const { run } = await console1();
    await run('create /p x');
    expect(await run('removewatches /p')).toEqual(['KeeperErrorCode = No such watcher for /p']);
    await run('stat -w /p');
    expect(await run('removewatches /p -c')).toEqual(['KeeperErrorCode = No such watcher for /p']);
    expect(await run('removewatches /p -d')).toEqual(['', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:DataWatchRemoved path:/p']);
    await run('addWatch -m PERSISTENT /p');
    expect(await run('removewatches /p -c')).toEqual(['KeeperErrorCode = No such watcher for /p']);
    expect(await run('create /p/kid')).toEqual(['Created /p/kid']); // the child half is gone on the server
    expect(await run('set /p 2')).toEqual(['', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:NodeDataChanged path:/p']);
    expect(await run('removewatches /p')).toEqual(['', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:PersistentWatchRemoved path:/p']);
  });
  it('quotas are plain nodes under /zookeeper/quota', async () => {
    const { run } = await console1();
    await run('create /q');
    await run('create /q/a');
    expect(await run('setquota -n 1 /q')).toEqual(['[Warning]: the count quota you create is less than the existing count:2']);
    expect(await run('listquota /q')).toEqual([
      'absolute path is /zookeeper/quota/q/zookeeper_limits',
      'Output quota for /q count=1,bytes=-1=;byteHardLimit=-1;countHardLimit=-1',
      'Output stat for /q count=2,bytes=0',
    ]);
    expect(await run('setquota -n 3 /q/a')).toEqual(['/q/a has a parent /q which has a quota']);
    expect(await run('ls /zookeeper/quota/q')).toEqual(['[zookeeper_limits, zookeeper_stats]']);
    expect(await run('delquota /q')).toEqual([]);
    expect(await run('ls /zookeeper/quota')).toEqual(['[]']);
    expect(await run('delquota /q')).toEqual(['Quota does not exist for /q']);
    expect(await run('listquota /q')).toEqual(['absolute path is /zookeeper/quota/q/zookeeper_limits', 'quota for /q does not exist.']);
    expect(await run('setquota -n 0 /q')).toEqual(['the num quota must be greater than zero']);
    expect(await run('setquota -n abc /q')).toEqual(['NumberFormatException happens when parsing the option value']);
    expect(await run('setquota -b -1 /q')).toEqual(['the bytes quota must be greater than or equal to zero']);
    expect(await run('setquota -n 2 /nonexist')).toEqual(['/nonexist does not exist.']);
    expect(await run('setquota -n 2 /zookeeper/quota/x')).toEqual(['cannot set a quota under the path: /zookeeper/quota']);
  });
  it('ephemerals and watches between two clients; session close removes ephemerals', async () => {
    const server = new StandaloneServer();
    const a = server.newClient();
    const b = server.newClient();
    const ca = new ZkCli({ server: 'zk1:2181' });
    const cb = new ZkCli({ server: 'zk2:2181' });
    await ca.startup(a);
    await cb.startup(b);
    const runA = async (l: string) => (await ca.execute(l, a)).map((x) => x.text);
    const runB = async (l: string) => (await cb.execute(l, b)).map((x) => x.text);
    await runA('create -e /lock x');
    expect(await runA('getEphemerals')).toEqual(['[/lock]']);
    expect(await runB('getEphemerals')).toEqual(['[]']);
    await runB('stat -w /lock');
    await runA('close');
    expect(cb.takeAsyncOutput().map((l) => l.text)).toEqual(['', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:NodeDeleted path:/lock']);
    expect(await runB('ls /')).toEqual(['[zookeeper]']);
  });
  it('ls -R, getAllChildrenNumber, sync, version, config -c', async () => {
    const { run } = await console1();
    for (const p of ['/r', '/r/a', '/r/c', '/r/a/b', '/r/a/b/z', '/r/c/d']) await run('create ' + p);
    expect(await run('ls -R /r')).toEqual(['/r', '/r/a', '/r/c', '/r/a/b', '/r/a/b/z', '/r/c/d']);
    expect(await run('getAllChildrenNumber /')).toEqual(['9']);
    expect(await run('sync /nope')).toEqual(['Sync is OK']);
    expect(await run('version')).toEqual(['ZooKeeper CLI version: 3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC']);
    expect(await run('config -c')).toEqual([' ']);
    expect(getClientConfigStr('server.1=h:1:2:participant;0.0.0.0:2181\nversion=100000000')).toBe('100000000 0.0.0.0:2181');
    expect(await run('deleteall /r -b x')).toEqual(['-b argument must be an int value']);
    expect(await run('deleteall /r -b 1')).toEqual([]);
    expect(await run('deleteall /')).toEqual(['Failed to delete some node(s) in the subtree!']);
  });
});

describe('conformance comparison', () => {
  it('marks scripts and tolerates only what the README allows', () => {
    expect(markScript(['ls /'])).toEqual(['ls /', 'stat /zz-mark-01', 'quit']);
    const script = ['get -s /e', 'getEphemerals'];
    const base = (owner: string, date: string, eph: string, order: 'early' | 'late') => [
      'Connecting to 127.0.0.1:33001',
      ...(order === 'early' ? ['', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:None path:null'] : []),
      'x', `ctime = ${date}`, `ephemeralOwner = ${owner}`, 'Node does not exist: /zz-mark-01',
      eph, 'Node does not exist: /zz-mark-02',
      ...(order === 'late' ? ['', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:None path:null'] : []),
    ];
    const expected = base('0x100000327e30006', 'Sun Nov 22 01:44:02 UTC 2026', '[/a, /b]', 'early');
    expect(compareTranscript(script, expected, base('0x1000001', 'Mon Jan 05 10:00:00 UTC 2026', '[/b, /a]', 'late'))).toEqual([]);
    expect(compareTranscript(script, expected, base('0x0', 'Sun Nov 22 01:44:02 UTC 2026', '[/a, /b]', 'early'))).toHaveLength(1);
    expect(compareTranscript(script, expected, base('0x1', 'Sun Nov 22 01:44:02 UTC 2026', '[/a]', 'early'))).toHaveLength(1);
    expect(extractWatcherBlocks(['', 'WATCHER::', 'out', '', 'WatchedEvent state:Closed type:None path:null'])).toEqual({
      rest: ['out'], events: ['WatchedEvent state:Closed type:None path:null'],
    });
  });
});
