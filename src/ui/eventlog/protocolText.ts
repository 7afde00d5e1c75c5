/**
 * The protocol's own log lines (`zab` events and the reasons a server goes back to LOOKING) in the
 * current language. src/protocol writes them as ZooKeeper's Java code logs them — in English, with
 * the values in the text — so the protocol stays free of UI concerns; here each known line is a
 * pattern whose values become the i18n template's placeholders (`proto.*` in ./i18n). A line with no
 * pattern shows as it is; `protocolTextKey` tells tests which lines lack a translation.
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
];

function match(text: string): { key: string; values: Record<string, string> } | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (m) return { key: p.key, values: { ...m.groups } };
  }
  return null;
}

/** The `proto.*` key that translates a protocol line, or null when none does. */
export function protocolTextKey(text: string): string | null {
  const m = match(text);
  return m ? `proto.${m.key}` : null;
}

/** A protocol log line in the current language (as it is, when no pattern knows it). */
export function protocolText(text: string): string {
  const m = match(text);
  return m ? tr(`proto.${m.key}`, m.values) : text;
}

/** The keys of every pattern (for the i18n test). */
export const PROTOCOL_TEXT_KEYS: readonly string[] = PATTERNS.map((p) => `proto.${p.key}`);
