/**
 * The CliCommand table of zkCli 3.8 (ZK/cli/*Command.java): option parsing, the client-side
 * checks of ZooKeeper.java, and byte-exact output (ZooKeeper 3.8).
 */
import { OPEN_ACL_UNSAFE, type ACL } from '../../protocol/acl/acl.ts';
import { javaHashOrder, javaParseInt, javaParseLong, javaSplit, javaStringHash } from '../../protocol/acl/javaString.ts';
import { utf8Encode } from '../../protocol/acl/utf8.ts';
import { MAX_TTL, TTL_ERROR } from '../../protocol/datatree/EphemeralType.ts';
import { Code, isKeeperError, keeperErrorMessage, type KeeperError } from '../../protocol/datatree/KeeperException.ts';
import { validatePath } from '../../protocol/datatree/PathUtils.ts';
import { formatStatsTrack, parseStatsTrackBytes, Quotas, statsGet, type StatsKey, type StatsTrack } from '../../protocol/datatree/StatsTrack.ts';
import { isJavaThrowable } from '../../protocol/javaThrowable.ts';
import { isSequential, type CreateMode, type Op, type Stat } from '../../protocol/datatree/types.ts';
import type { WatcherType } from '../../protocol/watch/WatchManager.ts';
import { parseAcl } from './AclParser.ts';
import { options, parseCli, ParseException, type CommandLine, type Options } from './commonsCli.ts';
import { formatAcl, formatStat, javaListToString } from './format.ts';
import type { Output } from './output.ts';
import type { AddWatchMode, ZkClient } from './ZkClient.ts';

/** CliException: printed on stderr by ZooKeeperMain.processCmd. */
export class CliException extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/**
 * An unchecked Java exception escaping a command (NumberFormatException from `set -v abc`,
 * IllegalArgumentException from `addWatch a`, `redo abc`): real zkCli prints the stack trace and
 * the JVM exits. `frames` are the frames above ZooKeeperMain (line numbers of 3.8.0 and JDK 17,
 * as recorded); ZkCli adds its own.
 */
export class JavaException extends Error {
  /** how many `redo` levels it passed through (each adds processCmd/processZKCmd frames) */
  redoLevels = 0;
  constructor(readonly className: string, message: string, readonly frames: string[] = [], readonly mainLine = 438) {
    super(message);
  }
  override toString(): string {
    return 'Exception in thread "main" ' + this.className + ': ' + this.message;
  }
}

const NFE_FRAMES = [
  'java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)',
  'java.base/java.lang.Integer.parseInt(Integer.java:668)',
];

/** The version line of Debian's zookeeper 3.8.0 package (`version`). */
export const DEFAULT_CLI_VERSION = '3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC';

export interface CommandContext {
  client: ZkClient;
  out: Output;
  version: string;
}

/** CliWrapperException.getMessage (ZooKeeper 3.8). */
export function cliWrapperMessage(e: KeeperError): string {
  switch (e.code) {
    case Code.NONODE: return 'Node does not exist: ' + e.path;
    case Code.NOCHILDRENFOREPHEMERALS: return 'Ephemerals cannot have children: ' + e.path;
    case Code.NODEEXISTS: return 'Node already exists: ' + e.path;
    case Code.NOTEMPTY: return 'Node not empty: ' + e.path;
    case Code.NOTREADONLY: return 'Not a read-only call: ' + e.path;
    case Code.INVALIDACL: return 'Acl is not valid : ' + e.path;
    case Code.NOAUTH: return 'Insufficient permission : ' + e.path;
    case Code.BADARGUMENTS: return 'Arguments are not valid : ' + e.path;
    case Code.BADVERSION: return 'version No is not valid : ' + e.path;
    case Code.RECONFIGINPROGRESS: return 'Another reconfiguration is in progress -- concurrent reconfigs not supported (yet)';
    case Code.NEWCONFIGNOQUORUM:
      return 'No quorum of new config is connected and up-to-date with the leader of last committed config - try invoking reconfiguration after new servers are connected and synced';
    case Code.QUOTAEXCEEDED: return 'Quota has exceeded : ' + e.path;
    default: return keeperErrorMessage(e);
  }
}

/** `catch (KeeperException e) { throw new CliWrapperException(e); }`; anything else propagates. */
function rethrowWrapped(e: unknown): never {
  if (isKeeperError(e)) throw new CliException(cliWrapperMessage(e));
  throw e;
}

async function wrap<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    rethrowWrapped(e);
  }
}

function isCode(e: unknown, code: number): e is KeeperError {
  return isKeeperError(e) && e.code === code;
}

/** PathUtils.validatePath in a ZooKeeper client method: IllegalArgumentException → MalformedPathException. */
function checkPath(path: string, sequential = false): void {
  const m = validatePath(path, sequential);
  if (m !== null) throw new CliException(m);
}

/** PathUtils.java line of each IllegalArgumentException (3.8.0). */
function pathUtilsLine(message: string): number {
  if (message === 'Path cannot be null') return 43;
  if (message === 'Path length must be > 0') return 46;
  if (message === 'Path must start with / character') return 49;
  if (message === 'Path must not end with / character') return 55;
  return 91;
}

/** ZooKeeper.addWatch's validatePath, which AddWatchCommand does not catch. */
function checkPathAddWatch(path: string): void {
  const m = validatePath(path);
  if (m !== null) {
    throw new JavaException('java.lang.IllegalArgumentException', m, [
      'org.apache.zookeeper.common.PathUtils.validatePath(PathUtils.java:' + pathUtilsLine(m) + ')',
      'org.apache.zookeeper.ZooKeeper.addWatch(ZooKeeper.java:2808)',
      'org.apache.zookeeper.ZooKeeper.addWatch(ZooKeeper.java:2840)',
      'org.apache.zookeeper.cli.AddWatchCommand.exec(AddWatchCommand.java:77)',
    ]);
  }
}

/** `Integer.parseInt` in `site` (e.g. `SetCommand.exec(SetCommand.java:69)`), which nothing catches. */
function parseIntUncaught(s: string, site: string): number {
  const v = javaParseInt(s);
  if (v === null) {
    throw new JavaException('java.lang.NumberFormatException', 'For input string: "' + s + '"', [
      ...NFE_FRAMES, 'java.base/java.lang.Integer.parseInt(Integer.java:786)', 'org.apache.zookeeper.cli.' + site,
    ]);
  }
  return v;
}

/** `Integer.decode(args[1])` in ZooKeeperMain.processZKCmd (redo). */
export function decodeUncaught(s: string): number {
  const m = /^([+-]?)(0[xX]|#|0(?=.))?(.*)$/.exec(s);
  const radix = !m || m[2] === undefined ? 10 : m[2] === '0' ? 8 : 16;
  const digits = m?.[3] ?? '';
  if (s.length === 0) {
    throw new JavaException('java.lang.NumberFormatException', 'Zero length string', ['java.base/java.lang.Integer.decode(Integer.java:1436)'], 397);
  }
  const valid = radix === 10 ? /^[0-9]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/;
  const v = valid.test(digits) ? parseInt(digits, radix) * (m?.[1] === '-' ? -1 : 1) : NaN;
  if (Number.isNaN(v) || v > 2147483647 || v < -2147483648) {
    throw new JavaException(
      'java.lang.NumberFormatException',
      'For input string: "' + digits + '"' + (radix === 10 ? '' : ' under radix ' + radix),
      [...NFE_FRAMES, 'java.base/java.lang.Integer.valueOf(Integer.java:973)', 'java.base/java.lang.Integer.decode(Integer.java:1458)'],
      397,
    );
  }
  return v;
}

function parse(opts: Options, cmdArgs: readonly string[]): CommandLine {
  try {
    return parseCli(opts, cmdArgs);
  } catch (e) {
    if (e instanceof ParseException) throw new CliException(e.toString());
    throw e;
  }
}

/**
 * `ls path watch`, `get path watch`, `stat path watch` (ZooKeeper 3.4's form): LsCommand,
 * GetCommand and StatCommand each turn the third word into `-w`, print the deprecation and parse
 * again.
 */
function parseLegacyWatch(opts: Options, cmdArgs: string[], out: Output, oldForm: string, newForm: string): CommandLine {
  cmdArgs[2] = '-w';
  out.err(`'${oldForm}' has been deprecated. Please use '${newForm}' instead.`);
  return parse(opts, cmdArgs);
}

const textDecoder = new TextDecoder();
const decode = (b: Uint8Array): string => textDecoder.decode(b);

function printStat(out: Output, stat: Stat): void {
  for (const l of formatStat(stat)) out.out(l);
}

export interface CliCommand {
  cmdStr: string;
  optionStr: string;
  /** parse(cmdArgs).exec() */
  run(cmdArgs: string[], ctx: CommandContext): Promise<void>;
}

const usage = (c: { cmdStr: string; optionStr: string }): string => c.cmdStr + ' ' + c.optionStr;

// ---------------------------------------------------------------------------------------------
// ZKUtil

/** ZKUtil.visitSubTreeDFS: the path, then all sorted children of each node, recursively. */
async function visitSubTreeDFS(client: ZkClient, path: string, watch: boolean, cb: (p: string) => Promise<void> | void): Promise<void> {
  checkPath(path);
  await wrap(client.getData(path, watch));
  await cb(path);
  await visitHelper(client, path, watch, cb);
}

async function visitHelper(client: ZkClient, path: string, watch: boolean, cb: (p: string) => Promise<void> | void): Promise<void> {
  const isRoot = path.length === 1;
  let children: string[];
  try {
    children = [...(await client.getChildren(path, watch)).children].sort(javaCompare);
  } catch (e) {
    if (isCode(e, Code.NONODE)) return;
    rethrowWrapped(e);
  }
  for (const child of children) await cb((isRoot ? path : path + '/') + child);
  for (const child of children) await visitHelper(client, (isRoot ? path : path + '/') + child, watch, cb);
}

/** String.compareTo: UTF-16 code unit order (what Collections.sort uses). */
export function javaCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function listSubTreeBFS(client: ZkClient, pathRoot: string): Promise<string[]> {
  const queue = [pathRoot];
  const tree = [pathRoot];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    const { children } = await wrap(client.getChildren(node, false));
    for (const child of children) {
      const childPath = (node === '/' ? '' : node) + '/' + child;
      queue.push(childPath);
      tree.push(childPath);
    }
  }
  return tree;
}

/** ZKUtil.deleteInBatch: leaves first, `multi` batches, at most 10 in flight, fail fast. */
async function deleteInBatch(client: ZkClient, tree: string[], batchSize: number): Promise<boolean> {
  let success = true;
  const inflight: Promise<void>[] = [];
  let ops: Op[] = [];
  for (let i = tree.length - 1; i >= 0; --i) {
    ops.push({ type: 'delete', path: tree[i] as string, version: -1 });
    if (ops.length === batchSize || i === 0) {
      if (!success) break;
      if (inflight.length >= 10) await inflight.shift();
      const batch = ops;
      inflight.push(client.multi(batch).then(() => undefined, () => { success = false; }));
      ops = [];
    }
  }
  await Promise.all(inflight);
  return success;
}

// ---------------------------------------------------------------------------------------------
// the commands

const CREATE_OPTS = options([['e', false, 'ephemeral'], ['s', false, 'sequential'], ['c', false, 'container'], ['t', true, 'ttl']]);

const create: CliCommand = {
  cmdStr: 'create',
  optionStr: '[-s] [-e] [-c] [-t ttl] path [data] [acl]',
  async run(cmdArgs, { client, out }) {
    const cl = parse(CREATE_OPTS, cmdArgs);
    const args = cl.args;
    if (args.length < 2) throw new CliException(usage(this));
    const hasE = cl.hasOption('e');
    const hasS = cl.hasOption('s');
    const hasC = cl.hasOption('c');
    const hasT = cl.hasOption('t');
    if (hasC && (hasE || hasS)) throw new CliException('-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.');
    let ttl = 0n;
    if (hasT) {
      const v = javaParseLong(cl.getOptionValue('t') ?? '');
      if (v === null) throw new CliException('-t argument must be a long value');
      ttl = v;
    }
    if (hasT && hasE) throw new CliException('TTLs cannot be used with Ephemeral znodes');
    if (hasT && hasC) throw new CliException('TTLs cannot be used with Container znodes');
    let mode: CreateMode;
    if (hasE && hasS) mode = 'EPHEMERAL_SEQUENTIAL';
    else if (hasE) mode = 'EPHEMERAL';
    else if (hasS) mode = hasT ? 'PERSISTENT_SEQUENTIAL_WITH_TTL' : 'PERSISTENT_SEQUENTIAL';
    else if (hasC) mode = 'CONTAINER';
    else mode = hasT ? 'PERSISTENT_WITH_TTL' : 'PERSISTENT';
    if (hasT && (ttl <= 0n || ttl > BigInt(MAX_TTL))) throw new CliException(TTL_ERROR);

    const path = args[1] as string;
    const data = args.length > 2 ? utf8Encode(args[2] as string) : null;
    const acl: ACL[] = args.length > 3 ? parseAcl(args[3] as string, out) : OPEN_ACL_UNSAFE;
    // ZooKeeper.create: validatePath(path, sequential), validateTTL, validateACL
    checkPath(path, isSequential(mode));
    try {
      if (acl.length === 0) throw { code: Code.INVALIDACL, path: null } satisfies KeeperError;
      const r = await client.create(path, data, acl, mode, hasT ? Number(ttl) : -1);
      out.err('Created ' + r.path);
    } catch (e) {
      if (isCode(e, Code.EPHEMERALONLOCALSESSION)) out.err('Unable to create ephemeral node on a local session');
      else if (isCode(e, Code.INVALIDACL)) out.err(keeperErrorMessage(e));
      rethrowWrapped(e);
    }
  },
};

const LS_OPTS = options([['?', false, 'help'], ['s', false, 'stat'], ['w', false, 'watch'], ['R', false, 'recurse']]);

const ls: CliCommand = {
  cmdStr: 'ls',
  optionStr: '[-s] [-w] [-R] path',
  async run(cmdArgs, { client, out }) {
    let cl = parse(LS_OPTS, cmdArgs);
    let args = cl.args;
    if (cl.hasOption('?')) {
      // HelpFormatter.printHelp("ls [options] path", options)
      out.out('usage: ls [options] path');
      for (const l of [' -?   help', ' -R   recurse', ' -s   stat', ' -w   watch']) out.out(l);
    }
    if (args.length > 2) {
      cl = parseLegacyWatch(LS_OPTS, cmdArgs, out, 'ls path [watch]', 'ls [-w] path');
      args = cl.args;
    }
    if (args.length < 2) throw new CliException(usage(this));
    const path = args[1] as string;
    const watch = cl.hasOption('w');
    if (cl.hasOption('R')) {
      await visitSubTreeDFS(client, path, watch, (p) => out.out(p));
      return;
    }
    checkPath(path);
    const { children, stat } = await wrap(client.getChildren(path, watch));
    out.out(javaListToString([...children].sort(javaCompare)));
    if (cl.hasOption('s')) printStat(out, stat);
  },
};

const GET_OPTS = options([['s', false, 'stats'], ['w', false, 'watch']]);

const get: CliCommand = {
  cmdStr: 'get',
  optionStr: '[-s] [-w] path',
  async run(cmdArgs, { client, out }) {
    let cl = parse(GET_OPTS, cmdArgs);
    let args = cl.args;
    if (args.length < 2) throw new CliException(usage(this));
    if (args.length > 2) {
      cl = parseLegacyWatch(GET_OPTS, cmdArgs, out, 'get path [watch]', 'get [-s] [-w] path');
      args = cl.args;
    }
    const path = args[1] as string;
    checkPath(path);
    const { data, stat } = await wrap(client.getData(path, cl.hasOption('w')));
    out.out(data === null ? 'null' : decode(data));
    if (cl.hasOption('s')) printStat(out, stat);
  },
};

const SET_OPTS = options([['s', false, 'stats'], ['v', true, 'version']]);

const set: CliCommand = {
  cmdStr: 'set',
  optionStr: '[-s] [-v version] path data',
  async run(cmdArgs, { client, out }) {
    const cl = parse(SET_OPTS, cmdArgs);
    const args = cl.args;
    if (args.length < 3) throw new CliException(usage(this));
    const path = args[1] as string;
    const data = utf8Encode(args[2] as string);
    const version = cl.hasOption('v') ? parseIntUncaught(cl.getOptionValue('v') ?? '', 'SetCommand.exec(SetCommand.java:69)') : -1;
    checkPath(path);
    const stat = await wrap(client.setData(path, data, version));
    if (cl.hasOption('s')) printStat(out, stat);
  },
};

const DELETE_OPTS = options([['v', true, 'version']]);

const del: CliCommand = {
  cmdStr: 'delete',
  optionStr: '[-v version] path',
  async run(cmdArgs, { client, out }) {
    let cl = parse(DELETE_OPTS, cmdArgs);
    let args = cl.args;
    if (args.length < 2) throw new CliException(usage(this));
    if (args.length > 2) {
      // the deprecated version argument is ignored (ZooKeeper 3.8)
      out.err("'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead.");
      cl = parse(DELETE_OPTS, cmdArgs);
      args = cl.args;
    }
    const path = args[1] as string;
    const version = cl.hasOption('v') ? parseIntUncaught(cl.getOptionValue('v') ?? '', 'DeleteCommand.exec(DeleteCommand.java:81)') : -1;
    checkPath(path);
    await wrap(client.delete(path, version));
  },
};

const DELETEALL_OPTS = options([['b', true, 'batch size']]);

const deleteall: CliCommand = {
  cmdStr: 'deleteall',
  optionStr: 'path [-b batch size]',
  async run(cmdArgs, { client, out }) {
    const cl = parse(DELETEALL_OPTS, cmdArgs);
    const args = cl.args;
    if (args.length < 2) throw new CliException(usage(this));
    let batchSize = 1000;
    if (cl.hasOption('b')) {
      const v = javaParseInt(cl.getOptionValue('b') ?? '');
      if (v === null) throw new CliException('-b argument must be an int value');
      batchSize = v;
    }
    const path = args[1] as string;
    checkPath(path);
    const tree = await listSubTreeBFS(client, path);
    if (!(await deleteInBatch(client, tree, batchSize))) out.err('Failed to delete some node(s) in the subtree!');
  },
};

const STAT_OPTS = options([['w', false, 'watch']]);

const stat: CliCommand = {
  cmdStr: 'stat',
  optionStr: '[-w] path',
  async run(cmdArgs, { client, out }) {
    let cl = parse(STAT_OPTS, cmdArgs);
    let args = cl.args;
    if (args.length < 2) throw new CliException(usage(this));
    if (args.length > 2) {
      cl = parseLegacyWatch(STAT_OPTS, cmdArgs, out, 'stat path [watch]', 'stat [-w] path');
      args = cl.args;
    }
    const path = args[1] as string;
    checkPath(path);
    const st = await wrap(client.exists(path, cl.hasOption('w')));
    if (st === null) throw new CliException(cliWrapperMessage({ code: Code.NONODE, path }));
    printStat(out, st);
  },
};

const GETACL_OPTS = options([['s', false, 'stats']]);

const getAcl: CliCommand = {
  cmdStr: 'getAcl',
  optionStr: '[-s] path',
  async run(cmdArgs, { client, out }) {
    const cl = parse(GETACL_OPTS, cmdArgs);
    const args = cl.args;
    if (args.length < 2) throw new CliException(usage(this));
    const path = args[1] as string;
    checkPath(path);
    const { acl, stat } = await wrap(client.getACL(path));
    for (const a of acl) out.out(formatAcl(a));
    if (cl.hasOption('s')) printStat(out, stat);
  },
};

const SETACL_OPTS = options([['s', false, 'stats'], ['v', true, 'version'], ['R', false, 'recursive']]);

const setAcl: CliCommand = {
  cmdStr: 'setAcl',
  optionStr: '[-s] [-v version] [-R] path acl',
  async run(cmdArgs, { client, out }) {
    const cl = parse(SETACL_OPTS, cmdArgs);
    const args = cl.args;
    if (args.length < 3) throw new CliException(usage(this));
    const path = args[1] as string;
    const acl = parseAcl(args[2] as string, out);
    const version = cl.hasOption('v') ? parseIntUncaught(cl.getOptionValue('v') ?? '', 'SetAclCommand.exec(SetAclCommand.java:76)') : -1;
    if (cl.hasOption('R')) {
      await visitSubTreeDFS(client, path, false, async (p) => {
        try {
          checkPath(p);
          if (acl.length === 0) throw { code: Code.INVALIDACL, path: null } satisfies KeeperError;
          await client.setACL(p, acl, version);
        } catch (e) {
          // out.print(e.getMessage()): no newline, glued to whatever stdout prints next
          if (isKeeperError(e)) out.print('stdout', keeperErrorMessage(e));
          else throw e;
        }
      });
      return;
    }
    checkPath(path);
    if (acl.length === 0) throw new CliException(cliWrapperMessage({ code: Code.INVALIDACL, path: null }));
    const st = await wrap(client.setACL(path, acl, version));
    if (cl.hasOption('s')) printStat(out, st);
  },
};

const NO_OPTS = options([]);

const sync: CliCommand = {
  cmdStr: 'sync',
  optionStr: 'path',
  async run(cmdArgs, { client, out }) {
    const args = parse(NO_OPTS, cmdArgs).args;
    if (args.length < 2) throw new CliException(usage(this));
    const path = args[1] as string;
    checkPath(path);
    const rc = await wrap(client.sync(path));
    out.out(rc === 0 ? 'Sync is OK' : 'Sync has failed. rc=' + rc);
  },
};

const addauth: CliCommand = {
  cmdStr: 'addauth',
  optionStr: 'scheme auth',
  async run(cmdArgs, { client }) {
    const args = parse(NO_OPTS, cmdArgs).args;
    if (args.length < 2) throw new CliException(usage(this));
    client.addAuthInfo(args[1] as string, args.length >= 3 ? utf8Encode(args[2] as string) : null);
  },
};

const ADDWATCH_OPTS = options([['m', true, '']]);

const addWatch: CliCommand = {
  cmdStr: 'addWatch',
  optionStr: '[-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE',
  async run(cmdArgs, { client }) {
    const cl = parse(ADDWATCH_OPTS, cmdArgs);
    if (cl.args.length !== 2) throw new CliException(usage(this));
    let mode: AddWatchMode = 'PERSISTENT_RECURSIVE';
    if (cl.hasOption('m')) {
      const m = (cl.getOptionValue('m') ?? '').toUpperCase();
      if (m !== 'PERSISTENT' && m !== 'PERSISTENT_RECURSIVE') throw new CliException(usage(this));
      mode = m;
    }
    const path = cl.args[1] as string;
    checkPathAddWatch(path);
    await wrap(client.addWatch(path, mode));
  },
};

const REMOVEWATCHES_OPTS = options([
  ['c', false, 'child watcher type'], ['d', false, 'data watcher type'], ['a', false, 'any watcher type'],
  ['l', false, 'remove locally when there is no server connection'],
]);

const removewatches: CliCommand = {
  cmdStr: 'removewatches',
  optionStr: 'path [-c|-d|-a] [-l]',
  async run(cmdArgs, { client }) {
    const cl = parse(REMOVEWATCHES_OPTS, cmdArgs);
    const args = cl.args;
    if (args.length < 2) throw new CliException(usage(this));
    const path = args[1] as string;
    let type: WatcherType = 'Any';
    if (cl.hasOption('c')) type = 'Children';
    else if (cl.hasOption('d')) type = 'Data';
    else if (cl.hasOption('a')) type = 'Any';
    checkPath(path);
    await wrap(client.removeWatches(path, type, cl.hasOption('l')));
  },
};

const getEphemerals: CliCommand = {
  cmdStr: 'getEphemerals',
  optionStr: 'path',
  async run(cmdArgs, { client, out }) {
    const args = parse(NO_OPTS, cmdArgs).args;
    let list: string[];
    if (args.length < 2) {
      list = await wrap(client.getEphemerals(null));
    } else {
      const path = args[1] as string;
      checkPath(path);
      list = await wrap(client.getEphemerals(path));
    }
    out.out(javaListToString(list));
  },
};

const getAllChildrenNumber: CliCommand = {
  cmdStr: 'getAllChildrenNumber',
  optionStr: 'path',
  async run(cmdArgs, { client, out }) {
    const args = parse(NO_OPTS, cmdArgs).args;
    if (args.length < 2) throw new CliException(usage(this));
    const path = args[1] as string;
    checkPath(path);
    out.out(String(await wrap(client.getAllChildrenNumber(path))));
  },
};

const whoami: CliCommand = {
  cmdStr: 'whoami',
  optionStr: '',
  async run(_cmdArgs, { client, out }) {
    const infos = await wrap(client.whoAmI());
    out.out('Auth scheme: User');
    for (const i of infos) out.out(i.authScheme + ': ' + i.user);
  },
};

const version: CliCommand = {
  cmdStr: 'version',
  optionStr: '',
  async run(cmdArgs, { out, version: v }) {
    if (parse(NO_OPTS, cmdArgs).args.length > 1) throw new CliException(usage(this));
    out.out('ZooKeeper CLI version: ' + v);
  },
};

const close: CliCommand = {
  cmdStr: 'close',
  optionStr: '',
  async run(_cmdArgs, { client }) {
    await wrap(client.close());
  },
};

/** ConfigUtils.getClientConfigStr: `version host:port,host:port`. */
export function getClientConfigStr(configData: string): string {
  const props = new Map<string, string>();
  for (const raw of configData.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const i = line.search(/[=:]/);
    if (i < 0) props.set(line, '');
    else props.set(line.substring(0, i).trim(), line.substring(i + 1).trim());
  }
  let version = '';
  const parts: string[] = [];
  // java.util.Properties iterates its internal ConcurrentHashMap (16 bins)
  for (const key of javaHashOrder([...props.keys()], javaStringHash, 16)) {
    const value = props.get(key) ?? '';
    if (key === 'version') version = value;
    if (!key.startsWith('server.')) continue;
    const client = value.split(';')[1];
    if (client === undefined) {
      parts.push('');
      continue;
    }
    const c = client.trim();
    const colon = c.lastIndexOf(':');
    parts.push(colon < 0 ? '0.0.0.0:' + c : c);
  }
  return version + ' ' + parts.join(',');
}

const CONFIG_OPTS = options([['s', false, 'stats'], ['w', false, 'watch'], ['c', false, 'client connection string']]);

const config: CliCommand = {
  cmdStr: 'config',
  optionStr: '[-c] [-w] [-s]',
  async run(cmdArgs, { client, out }) {
    const cl = parse(CONFIG_OPTS, cmdArgs);
    if (cl.args.length < 1) throw new CliException(usage(this));
    const { data, stat } = await wrap(client.getConfig(cl.hasOption('w')));
    const text = data === null ? 'null' : decode(data);
    out.out(cl.hasOption('c') ? getClientConfigStr(text) : text);
    if (cl.hasOption('s')) printStat(out, stat);
  },
};

const RECONFIG_OPTS = options([
  ['s', false, 'stats'], ['v', true, 'required current config version'],
  ['file', true, 'path of config file to parse for membership'],
  ['members', true, 'comma-separated list of config strings for non-incremental reconfig'],
  ['add', true, 'comma-separated list of config strings for new servers'],
  ['remove', true, 'comma-separated list of server IDs to remove'],
]);

const reconfig: CliCommand = {
  cmdStr: 'reconfig',
  optionStr:
    '[-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]',
  async run(cmdArgs, { client, out }) {
    const cl = parse(RECONFIG_OPTS, cmdArgs);
    const has = (o: string): boolean => cl.hasOption(o);
    if (!(has('file') || has('members')) && !has('add') && !has('remove')) throw new CliException(usage(this));
    let ver = -1;
    if (has('v')) {
      const s = cl.getOptionValue('v') ?? '';
      if (!/^[+-]?[0-9a-fA-F]+$/.test(s)) throw new CliException('-v must be followed by a long (configuration version)');
      ver = parseInt(s, 16);
    }
    if ((has('file') || has('members')) && (has('add') || has('remove'))) {
      throw new CliException(
        "Can't use -file or -members together with -add or -remove (mixing incremental and non-incremental modes is not allowed)",
      );
    }
    if (has('file') && has('members')) throw new CliException("Can't use -file and -members together (conflicting non-incremental modes)");
    const joining = has('add') ? (cl.getOptionValue('add') ?? '').toLowerCase() : null;
    const leaving = has('remove') ? (cl.getOptionValue('remove') ?? '').toLowerCase() : null;
    let members = has('members') ? (cl.getOptionValue('members') ?? '').toLowerCase() : null;
    if (has('file')) {
      // there is no file system in the lab: FileInputStream fails
      const f = cl.getOptionValue('file') ?? '';
      throw new CliException('Error processing ' + f + f + ' (No such file or directory)');
    }
    members ??= null;
    const r = await wrap(client.reconfig(joining, leaving, members, ver));
    out.out('Committed new configuration:\n' + decode(r.data));
    if (has('s')) printStat(out, r.stat);
  },
};

// --- quotas: implemented by zkCli with ordinary create/setData/delete on /zookeeper/quota (§1.3)

const SETQUOTA_OPTS = options(
  [['n', true, 'num soft quota'], ['b', true, 'bytes soft quota'], ['N', true, 'num hard quota'], ['B', true, 'bytes hard quota']],
  [{ options: ['n', 'b', 'N', 'B'], required: true }],
);

/** IllegalArgumentException thrown inside createQuota (caught by SetQuotaCommand). */
class QuotaIllegalArgument extends Error {}

function checkQuotaWarnings(out: Output, quota: StatsTrack, stat: StatsTrack): void {
  const count = statsGet(stat, 'count');
  const bytes = statsGet(stat, 'bytes');
  if ((statsGet(quota, 'count') > -1n && statsGet(quota, 'count') < count) || (statsGet(quota, 'countHardLimit') > -1n && statsGet(quota, 'countHardLimit') < count)) {
    out.out('[Warning]: the count quota you create is less than the existing count:' + count);
  }
  if ((statsGet(quota, 'bytes') > -1n && statsGet(quota, 'bytes') < bytes) || (statsGet(quota, 'byteHardLimit') > -1n && statsGet(quota, 'byteHardLimit') < bytes)) {
    out.out('[Warning]: the bytes quota you create is less than the existing bytes:' + bytes);
  }
}

/**
 * Reads a quota node as `new StatsTrack(zk.getData(...))`. Data that is not a StatsTrack throws
 * what Java throws (recorded: conformance/60-…64-quota-*): a NumberFormatException is an
 * IllegalArgumentException, which every quota command catches and prints as its message
 * (MalformedPathException); anything else (ArrayIndexOutOfBounds, NullPointer for null data)
 * escapes zkCli with a stack trace. `frames`: where the quota command called the constructor.
 */
async function getStats(client: ZkClient, path: string, frames: string[]): Promise<StatsTrack> {
  const { data } = await client.getData(path, false);
  try {
    return parseStatsTrackBytes(data);
  } catch (e) {
    if (!isJavaThrowable(e)) throw e;
    if (e.isIllegalArgument()) throw new CliException(e.message);
    throw new JavaException(e.className, e.message, [...e.frames, ...frames]);
  }
}

/** SetQuotaCommand's frames (3.8.0): createQuota at `line`, called from exec. */
function setQuotaFrames(line: number): string[] {
  return ['org.apache.zookeeper.cli.SetQuotaCommand.createQuota(SetQuotaCommand.java:' + line + ')', 'org.apache.zookeeper.cli.SetQuotaCommand.exec(SetQuotaCommand.java:102)'];
}

async function createIgnoringExists(client: ZkClient, path: string, data: Uint8Array | null): Promise<void> {
  try {
    await client.create(path, data, OPEN_ACL_UNSAFE, 'PERSISTENT', -1);
  } catch (e) {
    if (!isCode(e, Code.NODEEXISTS)) throw e;
  }
}

/** SetQuotaCommand.createQuota */
async function createQuota(client: ZkClient, out: Output, path: string, quota: StatsTrack): Promise<void> {
  checkPath(path);
  if ((await client.exists(path, false)) === null) throw new QuotaIllegalArgument(path + ' does not exist.');
  // checkIfChildQuota
  const realPath = Quotas.quotaPath(path);
  try {
    const m = validatePath(realPath);
    if (m !== null) throw new QuotaIllegalArgument(m);
    await client.getData(realPath, false);
    const visit = async (quotaPath: string): Promise<void> => {
      let children: string[];
      try {
        children = (await client.getChildren(quotaPath, false)).children;
      } catch (e) {
        if (isCode(e, Code.NONODE)) return;
        throw e;
      }
      for (const child of children) {
        if (quotaPath !== Quotas.quotaZookeeper + path && child === Quotas.limitNode) {
          throw new QuotaIllegalArgument(path + ' has a child ' + Quotas.trimQuotaPath(quotaPath) + ' which has a quota');
        }
      }
    };
    await visit(realPath);
    const helper = async (p: string): Promise<void> => {
      let children: string[];
      try {
        children = [...(await client.getChildren(p, false)).children].sort(javaCompare);
      } catch (e) {
        if (isCode(e, Code.NONODE)) return;
        throw e;
      }
      for (const c of children) await visit(p + '/' + c);
      for (const c of children) await helper(p + '/' + c);
    };
    await helper(realPath);
  } catch (e) {
    if (!isCode(e, Code.NONODE)) throw e;
  }
  // checkIfParentQuota
  const splits = javaSplit(path, '/');
  let sb = Quotas.quotaZookeeper;
  for (let i = 1; i < splits.length - 1; i++) {
    sb += '/' + splits[i];
    let children: string[];
    try {
      children = (await client.getChildren(sb, false)).children;
    } catch (e) {
      if (isCode(e, Code.NONODE)) break;
      throw e;
    }
    if (children.length === 0) break;
    for (const child of children) {
      if (sb !== Quotas.quotaPath(path) && child === Quotas.limitNode) {
        throw new QuotaIllegalArgument(path + ' has a parent ' + Quotas.trimQuotaPath(sb) + ' which has a quota');
      }
    }
  }
  if ((await client.exists(Quotas.quotaZookeeper, false)) === null) {
    await createIgnoringExists(client, Quotas.procZookeeper, null);
    await createIgnoringExists(client, Quotas.quotaZookeeper, null);
  }
  let quotaPath = Quotas.quotaZookeeper;
  for (let i = 1; i < splits.length; i++) {
    quotaPath += '/' + splits[i];
    if ((await client.exists(quotaPath, false)) === null) await createIgnoringExists(client, quotaPath, null);
  }
  const statPath = quotaPath + '/' + Quotas.statNode;
  const limitPath = quotaPath + '/' + Quotas.limitNode;
  if ((await client.exists(limitPath, false)) === null) {
    await client.create(limitPath, utf8Encode(formatStatsTrack(quota)), OPEN_ACL_UNSAFE, 'PERSISTENT', -1);
    const stats: StatsTrack = new Map([['count', 0n], ['bytes', 0n]]);
    await client.create(statPath, utf8Encode(formatStatsTrack(stats)), OPEN_ACL_UNSAFE, 'PERSISTENT', -1);
    const q = await getStats(client, limitPath, setQuotaFrames(247));
    checkQuotaWarnings(out, q, await getStats(client, statPath, setQuotaFrames(250)));
  } else {
    const q = await getStats(client, limitPath, setQuotaFrames(255));
    for (const k of ['count', 'bytes', 'countHardLimit', 'byteHardLimit'] as const) {
      if (statsGet(quota, k) > -1n) q.set(k, statsGet(quota, k));
    }
    checkQuotaWarnings(out, q, await getStats(client, statPath, setQuotaFrames(271)));
    await client.setData(limitPath, utf8Encode(formatStatsTrack(q)), -1);
  }
}

const setquota: CliCommand = {
  cmdStr: 'setquota',
  optionStr: '-n|-b|-N|-B val path',
  async run(cmdArgs, { client, out }) {
    const cl = parse(SETQUOTA_OPTS, cmdArgs);
    const args = cl.args;
    if (args.length < 2) throw new CliException(usage(this));
    const path = args[1] as string;
    if (path.startsWith(Quotas.quotaZookeeper)) {
      out.err('cannot set a quota under the path: ' + Quotas.quotaZookeeper);
      return;
    }
    const quota: StatsTrack = new Map([['count', -1n], ['bytes', -1n], ['countHardLimit', -1n], ['byteHardLimit', -1n]]);
    // checkOptionValue
    const checks: [string, StatsKey, boolean][] = [
      ['n', 'count', true], ['b', 'bytes', false], ['N', 'countHardLimit', true], ['B', 'byteHardLimit', false],
    ];
    for (const [opt, key, isCount] of checks) {
      if (!cl.hasOption(opt)) continue;
      const s = cl.getOptionValue(opt) ?? '';
      const v = isCount ? javaParseInt(s) : javaParseLong(s);
      if (v === null) {
        out.err('NumberFormatException happens when parsing the option value');
        return;
      }
      const n = BigInt(v);
      if (isCount ? n <= 0n : n < 0n) {
        out.err(isCount ? 'the num quota must be greater than zero' : 'the bytes quota must be greater than or equal to zero');
        return;
      }
      quota.set(key, n);
    }
    try {
      await createQuota(client, out, path, quota);
    } catch (e) {
      if (e instanceof QuotaIllegalArgument) throw new CliException(e.message);
      rethrowWrapped(e);
    }
  },
};

const listquota: CliCommand = {
  cmdStr: 'listquota',
  optionStr: 'path',
  async run(cmdArgs, { client, out }) {
    const args = parse(NO_OPTS, cmdArgs).args;
    if (args.length < 2) throw new CliException(usage(this));
    const path = args[1] as string;
    const absolutePath = Quotas.limitPath(path);
    out.err('absolute path is ' + absolutePath);
    try {
      checkPath(absolutePath);
      const frames = (line: number) => ['org.apache.zookeeper.cli.ListQuotaCommand.listQuota(ListQuotaCommand.java:' + line + ')', 'org.apache.zookeeper.cli.ListQuotaCommand.exec(ListQuotaCommand.java:68)'];
      const limit = await getStats(client, absolutePath, frames(93));
      checkPath(Quotas.statPath(path));
      const st = await getStats(client, Quotas.statPath(path), frames(97));
      out.out('Output quota for ' + path + ' ' + formatStatsTrack(limit));
      out.out('Output stat for ' + path + ' ' + formatStatsTrack(st));
    } catch (e) {
      if (isCode(e, Code.NONODE)) out.err('quota for ' + path + ' does not exist.');
      else rethrowWrapped(e);
    }
  },
};

const DELQUOTA_OPTS = options(
  [['n', false, 'num soft quota'], ['b', false, 'bytes soft quota'], ['N', false, 'num hard quota'], ['B', false, 'bytes hard quota']],
  [{ options: ['n', 'b', 'N', 'B'], required: false }],
);

const delquota: CliCommand = {
  cmdStr: 'delquota',
  optionStr: '[-n|-b|-N|-B] path',
  async run(cmdArgs, { client, out }) {
    const cl = parse(DELQUOTA_OPTS, cmdArgs);
    const args = cl.args;
    if (args.length < 2) throw new CliException(usage(this));
    const path = args[1] as string;
    const flags = { n: 'count', b: 'bytes', N: 'countHardLimit', B: 'byteHardLimit' } as const;
    const flagSet = Object.keys(flags).some((f) => cl.hasOption(f));
    try {
      const parentPath = Quotas.quotaPath(path);
      const quotaPath = Quotas.limitPath(path);
      checkPath(quotaPath);
      if ((await client.exists(quotaPath, false)) === null) {
        out.out('Quota does not exist for ' + path);
        return;
      }
      const strack = await getStats(client, quotaPath, [
        'org.apache.zookeeper.cli.DelQuotaCommand.delQuota(DelQuotaCommand.java:132)', 'org.apache.zookeeper.cli.DelQuotaCommand.exec(DelQuotaCommand.java:93)',
      ]);
      if (!flagSet) {
        const { children } = await client.getChildren(parentPath, false);
        for (const child of children) await client.delete(parentPath + '/' + child, -1);
        // trimProcQuotas
        let p = parentPath;
        while (p !== Quotas.quotaZookeeper) {
          const { children: c } = await client.getChildren(p, false);
          if (c.length !== 0) break;
          await client.delete(p, -1);
          p = p.substring(0, p.lastIndexOf('/'));
        }
      } else {
        for (const [f, key] of Object.entries(flags)) if (cl.hasOption(f)) strack.set(key, -1n);
        await client.setData(quotaPath, utf8Encode(formatStatsTrack(strack)), -1);
      }
    } catch (e) {
      if (isCode(e, Code.NONODE)) out.err('quota for ' + path + ' does not exist.');
      else rethrowWrapped(e);
    }
  },
};

/** CommandFactory.Command: every CliCommand, by name. */
export const COMMANDS: readonly CliCommand[] = [
  close, create, del, deleteall, set, get, ls, getAcl, setAcl, stat, sync, setquota, listquota, delquota,
  addauth, reconfig, config, removewatches, getEphemerals, getAllChildrenNumber, version, addWatch, whoami,
];

export const COMMAND_MAP_CLI: ReadonlyMap<string, CliCommand> = new Map(COMMANDS.map((c) => [c.cmdStr, c]));

/** ZooKeeperMain.commandMap: the CliCommands plus connect/history/redo/printwatches/quit. */
export const COMMAND_MAP: ReadonlyMap<string, string> = new Map([
  ['connect', 'host:port'],
  ['history', ''],
  ['redo', 'cmdno'],
  ['printwatches', 'on|off'],
  ['quit', ''],
  ...COMMANDS.map((c) => [c.cmdStr, c.optionStr] as [string, string]),
]);

/** ZooKeeperMain.usage(): the usage block, on stderr, commands sorted. */
export function usageLines(): string[] {
  const cmds = [...COMMAND_MAP.keys()].sort(javaCompare);
  return ['ZooKeeper -server host:port -client-configuration properties-file cmd args', ...cmds.map((c) => '\t' + c + ' ' + COMMAND_MAP.get(c))];
}
