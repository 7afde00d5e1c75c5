/**
 * English lines written below the UI, in the current language. First the protocol's own log lines (`zab` events and the reasons a server goes back to LOOKING) in the
 * current language. src/protocol writes them as ZooKeeper's Java code logs them — in English, with
 * the values in the text — so the protocol stays free of UI concerns; here each known line is a
 * pattern whose values become the i18n template's placeholders (`proto.*` in ./i18n). A line with no
 * pattern shows as it is; `protocolTextKey` tells tests which lines lack a translation. The same
 * mechanism translates the URL settings' error lines (CONFIG_ERRORS).
 */
import { tr } from '../strings.ts';

interface Pattern {
  key: string;
  re: RegExp;
}

/** Each pattern's named groups are its template's placeholders. */
const PATTERNS: readonly Pattern[] = [
  // zab events
  { key: 'expiring', re: /^Expiring session (?<session>0x[0-9a-f]+), timeout of (?<ms>\d+)ms exceeded$/ },
  { key: 'lenError', re: /^Len error (?<len>\d+) \(jute\.maxbuffer=(?<max>\d+)\): closing the connection of client (?<c>\d+)$/ },
  { key: 'discovery', re: /^DISCOVERY: waiting for a quorum of FOLLOWERINFO$/ },
  { key: 'newEpoch', re: /^new epoch (?<epoch>\d+) = max acceptedEpoch of \[(?<sids>[^\]]*)\] \+ 1$/ },
  { key: 'followerAhead', re: /^Follower is ahead of the leader, leader summary: (?<epoch>-?\d+) \(current epoch\), (?<zxid>-?\d+) \(last zxid\)$/ },
  { key: 'quorumOfSupporters', re: /^Have quorum of supporters, sids: \[(?<sids>[^\]]*)\]; BROADCAST$/ },
  { key: 'learnerHandlerEnded', re: /^LearnerHandler for (?<s>zk\d+) ended \(connection closed\)$/ },
  { key: 'txnTimeout', re: /^Closing connection to peer (?<s>zk\d+) due to transaction timeout\.$/ },
  { key: 'syncing', re: /^syncing with leader (?<s>zk\d+): (?<mode>[A-Z]+) (?<zxid>0x[0-9a-f]+)$/ },
  { key: 'uptodate', re: /^UPTODATE: serving in epoch (?<epoch>\d+)$/ },
  { key: 'commitUnseen', re: /^Committing (?<zxid>0x[0-9a-f]+) without seeing txn$/ },
  { key: 'refusingSession', re: /^Refusing session request for client (?<c>c\d+) as it has seen zxid (?<seen>0x[0-9a-f]+) our last zxid is (?<last>0x[0-9a-f]+) client must try another server$/ },
  { key: 'commitProcessorDied', re: /^Severe unrecoverable error, from thread : CommitProcessor:(?<sid>\d+): (?<error>.*)$/s },
  // why a server goes back to LOOKING
  { key: 'rollover', re: /^zxid lower 32 bits have rolled over, forcing re-election, and therefore new epoch start$/ },
  { key: 'epochTimeout', re: /^Timeout while waiting for epoch from quorum$/ },
  { key: 'epochAckTimeout', re: /^Timeout while waiting for epoch to be acked by quorum$/ },
  { key: 'waitingForQuorum', re: /^Waiting for a quorum of followers, only synced with sids: \[ (?<sids>[^\]]*) \]$/ },
  { key: 'notSufficientSynced', re: /^Not sufficient followers synced, only synced with sids: \[ (?<sids>[^\]]*) \]$/ },
  { key: 'closedByLeader', re: /^Exception when following the leader: connection closed by the leader$/ },
  { key: 'connectFailed', re: /^Failed to connect to the leader$/ },
  { key: 'readTimeout', re: /^Exception when following the leader: java\.net\.SocketTimeoutException: Read timed out$/ },
  { key: 'firstNotLeaderInfo', re: /^First packet should have been LEADERINFO, got (?<type>\w+)$/ },
  { key: 'epochBehind', re: /^Leaders epoch, (?<epoch>\d+) is less than accepted epoch, (?<accepted>\d+)$/ },
  { key: 'internalError', re: /^Unexpected internal error$/ },
  { key: 'serverInError', re: /^ZooKeeperServer not running \(state ERROR\)$/ },
];

/** The translator of one family of English lines: `key(line)` finds its i18n key, `text(line)` translates. */
export interface LineTranslator {
  key(text: string): string | null;
  text(text: string): string;
  readonly keys: readonly string[];
}

/** Lines matched by `patterns` become `${prefix}.${key}` templates filled with the named groups. */
export function lineTranslator(prefix: string, patterns: readonly Pattern[]): LineTranslator {
  const match = (text: string): { key: string; values: Record<string, string> } | null => {
    for (const p of patterns) {
      const m = p.re.exec(text);
      if (m) return { key: `${prefix}.${p.key}`, values: { ...m.groups } };
    }
    return null;
  };
  return {
    key: (text) => match(text)?.key ?? null,
    text: (text) => {
      const m = match(text);
      return m ? tr(m.key, m.values) : text;
    },
    keys: patterns.map((p) => `${prefix}.${p.key}`),
  };
}

const PROTOCOL = lineTranslator('proto', PATTERNS);

/** The `proto.*` key that translates a protocol line, or null when none does. */
export const protocolTextKey = PROTOCOL.key;

/** A protocol log line in the current language (as it is, when no pattern knows it). */
export const protocolText = PROTOCOL.text;

/** The keys of every pattern (for the i18n test). */
export const PROTOCOL_TEXT_KEYS: readonly string[] = PROTOCOL.keys;

/** The URL settings the lab ignored (src/protocol/config.ts), in the current language. */
export const CONFIG_ERRORS = lineTranslator('configErrors', [
  { key: 'seed', re: /^seed must be 1-64 characters$/ },
  { key: 'boot', re: /^boot must list server numbers, e\.g\. boot=1,2$/ },
  { key: 'bugs', re: /^bugs must list bug switches \((?<names>[^)]*)\); unknown: (?<bad>.*)$/ },
  { key: 'range', re: /^(?<key>\w+) must be an integer from (?<lo>\d+) to (?<hi>\d+) \(got "(?<got>.*)"\)$/s },
  { key: 'superDigest', re: /^superDigest must be user:base64\(sha1\(user:password\)\), e\.g\. superDigest=(?<example>\S+) \(got "(?<got>.*)"\)$/s },
  { key: 'doLong', re: /^do: a line longer than (?<max>\d+) characters was not run \((?<start>.*)\)$/s },
  { key: 'run', re: /^run: (?<why>.*)$/s },
  { key: 'doLesson', re: /^do: not run on a lesson page \(the lesson drives the console\)$/ },
  { key: 'doMany', re: /^do: at most (?<max>\d+) lines run from a link; (?<n>\d+) more were not run$/ },
]);
