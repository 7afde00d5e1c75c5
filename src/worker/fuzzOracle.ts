/**
 * What counts as "an answer in zkCli's words" for the fuzz test (fuzz.test.ts): the vocabulary of
 * zkCli 3.8 (ZooKeeper 3.8): the usage block, CliException texts, KeeperException texts,
 * PathUtils messages, commons-cli exceptions, stat lines, lists, ACL lines, watch events, crash
 * traces, quota and config texts — plus data lines, which may be anything the test itself wrote
 * (every token and line it sent is remembered).
 *
 * Also: which commands may legitimately print nothing.
 */
import { usageLines } from '../cli/zkcli/commands.ts';
import { parseCommand } from '../cli/zkcli/tokenizer.ts';
import { utf8Encode } from '../protocol/acl/utf8.ts';

const DATE = '(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\d{4}';
const HEX = '0x[0-9a-f]+';

/** KeeperException.getCodeMessage texts (ZooKeeper 3.8). */
const CODE_MESSAGES = [
  'SystemError', 'RuntimeInconsistency', 'DataInconsistency', 'ConnectionLoss', 'MarshallingError', 'Unimplemented',
  'OperationTimeout', 'BadArguments', 'UnknownSession', 'NewConfigNoQuorum', 'ReconfigInProgress', 'APIError', 'NoNode',
  'NoAuth', 'BadVersion', 'NoChildrenForEphemerals', 'NodeExists', 'InvalidACL', 'AuthFailed', 'Directory not empty',
  'Session expired', 'Invalid callback', 'Session moved', 'Not a read-only call', 'Ephemeral node on local session',
  'No such watcher', 'RequestTimeout', 'Reconfig is disabled', 'SessionClosedRequireSaslAuth', 'Quota has exceeded', 'ThrottledOp',
];

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lines whose whole text must match one of these (`.*` = a path or text the client passed). */
const PATTERNS: RegExp[] = [
  // stat block (StatPrinter)
  new RegExp(`^(cZxid|mZxid|pZxid|ephemeralOwner) = ${HEX}$`),
  new RegExp(`^(ctime|mtime) = ${DATE}$`),
  /^(cversion|dataVersion|aclVersion|dataLength|numChildren) = -?\d+$/,
  // watcher output (MyWatcher)
  /^WATCHER::$/,
  /^WatchedEvent state:(SyncConnected|Disconnected|Expired|Closed|AuthFailed|ConnectedReadOnly) type:(None|NodeCreated|NodeDeleted|NodeDataChanged|NodeChildrenChanged|DataWatchRemoved|ChildWatchRemoved|PersistentWatchRemoved) path:(null|\/.*)$/,
  // unknown command
  /^Command not found: Command not found .*$/s, // `s`: the command may hold U+2028/U+2029 (not whitespace to Java)
  // CliWrapperException
  /^(Node does not exist|Ephemerals cannot have children|Node already exists|Node not empty|Not a read-only call): .*$/,
  /^(Acl is not valid|Insufficient permission|Arguments are not valid|version No is not valid|Quota has exceeded) : .*$/,
  /^Another reconfiguration is in progress -- concurrent reconfigs not supported \(yet\)$/,
  new RegExp(`^KeeperErrorCode = (${CODE_MESSAGES.map(esc).join('|')})( for .*)?$`),
  // setAcl -R prints `e.getMessage()` without a newline: glued to whatever line comes next
  new RegExp(`^KeeperErrorCode = (${CODE_MESSAGES.map(esc).join('|')})`),
  // PathUtils
  /^Path (cannot be null|length must be > 0|must start with \/ character|must not end with \/ character)$/,
  /^Invalid path string ".*" caused by (null character not allowed|empty node name specified|relative paths not allowed|invalid character) @\d+$/,
  // commons-cli (CliParseException)
  /^org\.apache\.commons\.cli\.UnrecognizedOptionException: Unrecognized option: .*$/,
  /^org\.apache\.commons\.cli\.MissingArgumentException: Missing argument for option: \S+$/,
  /^org\.apache\.commons\.cli\.AlreadySelectedException: The option '\S+' was specified but an option from this group has already been selected: '\S+'$/,
  /^org\.apache\.commons\.cli\.MissingOptionException: Missing required option: \[-n num soft quota, -b bytes soft quota, -N num hard quota, -B bytes hard quota\]$/,
  // command texts
  /^Created \/.*$/,
  /^'(ls|get|stat) path \[watch\]' has been deprecated\. Please use '(ls \[-w\]|get \[-s\] \[-w\]|stat \[-w\]) path' instead\.$/,
  /^'delete path \[version\]' has been deprecated\. Please use 'delete \[-v version\] path' instead\.$/,
  /^-c cannot be combined with -s or -e\. Containers cannot be ephemeral or sequential\.$/,
  /^TTLs cannot be used with (Ephemeral|Container) znodes$/,
  /^-t argument must be a long value$/,
  /^ttl must be positive and cannot be larger than: 1099511627775$/,
  /^Unable to create ephemeral node on a local session$/,
  /^.* does not have the form scheme:id:perm$/,
  /^Unknown perm type: .$/su,
  /^Sync is OK$/,
  /^Sync has failed\. rc=-?\d+$/,
  /^Failed to delete some node\(s\) in the subtree!$/,
  /^-b argument must be an int value$/,
  /^printwatches is (on|off)$/,
  /^Not connected$/,
  /^Command index out of range$/,
  /^No redoing redos$/,
  /^ZooKeeper CLI version: .+$/,
  /^Auth scheme: User$/,
  /^(ip|digest|super|world|sasl|x509): .*$/,
  // getAcl: jute Id.toString() (CSV) and the perms
  /^'[^,]*,'.*$/,
  /^: c?d?r?w?a?$/,
  // ls, getEphemerals (Java List.toString), getAllChildrenNumber
  /^\[.*\]$/,
  /^-?\d+$/,
  /^usage: ls \[options\] path$/,
  /^ -(\?|R|s|w) {3}(help|recurse|stat|watch)$/,
  // ls -R / deleteall paths
  /^\/.*$/,
  // config (dynamic config lines, -c connect string), reconfig
  /^server\.\d+=.*$/,
  /^version=[0-9a-f]+$/,
  /^[0-9a-f]* (\S*(,\S*)*)?$/,
  /^-v must be followed by a long \(configuration version\)$/,
  /^Can't use -file or -members together with -add or -remove \(mixing incremental and non-incremental modes is not allowed\)$/,
  /^Can't use -file and -members together \(conflicting non-incremental modes\)$/,
  /^Error processing .* \(No such file or directory\)$/,
  /^Committed new configuration:$/,
  // quotas
  /^cannot set a quota under the path: \/zookeeper\/quota$/,
  /^NumberFormatException happens when parsing the option value$/,
  /^the num quota must be greater than zero$/,
  /^the bytes quota must be greater than or equal to zero$/,
  /^.* does not exist\.$/,
  /^.* has a (child|parent) .* which has a quota$/,
  /^\[Warning\]: the (count|bytes) quota you create is less than the existing (count|bytes):-?\d+$/,
  /^absolute path is .*$/,
  /^Output (quota|stat) for .* .*$/,
  /^Quota does not exist for .*$/,
  // a quota node whose data is not a StatsTrack: Long.parseLong's NumberFormatException, which the
  // quota commands print as their message (conformance/61-quota-garbage-numbers)
  /^For input string: ".*"$/su,
  // StatsTrack.toString(); keys beyond count/bytes come from whatever was in the quota node
  /^count=-?\d+,bytes=-?\d+(=(;[^;]*=-?\d+)*)?$/u,
  // an uncaught Java exception (the JVM exits): allowed, the harness starts a new zkCli
  /^Exception in thread "main" java\.lang\.(NumberFormatException|IllegalArgumentException|NullPointerException|ArrayIndexOutOfBoundsException): .*$/,
  /^\tat [\w$./<>]+\([\w.]+(:\d+)?\)$/,
];

/** Commands that may print nothing at all (read from src/cli/zkcli/commands.ts and ZkCli.ts). */
const SILENT_COMMANDS = new Set([
  // success prints nothing (without -s)
  'set', 'delete', 'deleteall', 'setAcl', 'setquota', 'delquota',
  // fire and forget / asynchronous outcome
  'addauth', 'addWatch',
  // the session events they cause are the only output, and connect may not reach a server
  'connect', 'quit',
]);

/** Silent only while printwatches is off (otherwise a WATCHER block is printed). */
const SILENT_WITHOUT_WATCHES = new Set(['removewatches', 'close']);

export class ZkCliVocabulary {
  private readonly exact = new Set<string>(['', 'null', 'WATCHER::', 'Connecting to zk1:2181', 'Welcome to ZooKeeper!', 'JLine support is disabled', 'JLine support is enabled']);
  private readonly written = new Set<string>();
  private readonly sent = new Set<string>();

  constructor() {
    // the usage block, and each command's own usage line (a CliParseException: no tab)
    for (const l of usageLines()) {
      this.exact.add(l);
      this.exact.add(l.replace(/^\t/, ''));
    }
  }

  /** Remember a line the test sent: its tokens (and their UTF-8 round trips) are possible data. */
  addSent(line: string): void {
    this.sent.add(line);
    for (const t of parseCommand(line) ?? []) this.addWritten(t);
  }

  addWritten(text: string): void {
    if (this.written.has(text)) return;
    this.written.add(text);
    const roundTrip = new TextDecoder().decode(utf8Encode(text));
    for (const part of roundTrip.split('\n')) this.written.add(part);
    for (const part of text.split('\n')) this.written.add(part);
  }

  addExact(text: string): void {
    this.exact.add(text);
  }

  /** Is `text` (one output line) something zkCli 3.8 could print in this run? */
  allows(text: string): boolean {
    if (this.exact.has(text) || this.written.has(text)) return true;
    const h = /^(\d+) - (.*)$/s.exec(text);
    if (h && (this.sent.has(h[2] as string) || h[2] === 'null')) return true;
    return PATTERNS.some((p) => p.test(text));
  }
}

/** The command zkCli runs for `args` (its first token), and whether it may legitimately print nothing. */
export function maySilentlySucceed(args: readonly string[] | null, printWatches: boolean, history: ReadonlyMap<number, string>, depth = 0): boolean {
  const cmd = args?.[0];
  if (cmd === undefined) return false;
  if (SILENT_COMMANDS.has(cmd)) return true;
  if (SILENT_WITHOUT_WATCHES.has(cmd)) return !printWatches;
  if (cmd === 'printwatches') return args !== null && args.length >= 2;
  // `redo` without an index falls through processZKCmd's if-chain and does nothing
  if (cmd === 'redo' && args !== null && args.length < 2) return true;
  if (cmd === 'redo' && args !== null && depth === 0) {
    const n = /^(0|[1-9]\d{0,8})$/.test(args[1] as string) ? Number(args[1]) : null;
    if (n === null) return true; // Integer.decode forms (0x…, #…, 0…): not worth mirroring here
    const target = history.get(n);
    return target !== undefined && maySilentlySucceed(parseCommand(target) ?? args, printWatches, history, depth + 1);
  }
  return false;
}
