/**
 * Four-letter words, printed as a ZooKeeper 3.8.0 server prints them (FourLetterCommands /
 * the `Command` classes; ZOOKEEPER.md §10: a server without quorum answers
 * "This ZooKeeper instance is not currently serving requests").
 */
import { hex } from '../protocol/zxid.ts';
import type { PeerView } from '../protocol/QuorumPeer.ts';

export const ZOOKEEPER_VERSION = '3.8.0-${mvngit.commit.id}, built on ${maven.build.timestamp}';

export const FOUR_LETTER_WORDS = ['srvr'];

export const NOT_SERVING = 'This ZooKeeper instance is not currently serving requests\n';

function mode(v: PeerView): string {
  switch (v.state) {
    case 'LEADING': return 'leader';
    case 'FOLLOWING': return 'follower';
    case 'OBSERVING': return 'observer';
    default: return 'standalone';
  }
}

export function fourLetterWord(word: string, v: PeerView | null): string {
  if (!v || !v.zab.serving) return NOT_SERVING;
  switch (word) {
    case 'srvr': {
      const lines = [
        `Zookeeper version: ${ZOOKEEPER_VERSION}`,
        'Latency min/avg/max: 0/0.0/0',
        'Received: 0',
        'Sent: 0',
        'Connections: 0',
        'Outstanding: 0',
        `Zxid: ${hex(v.zab.lastProcessedZxid)}`,
        `Mode: ${mode(v)}`,
        `Node count: ${v.zab.nodeCount}`,
      ];
      if (v.state === 'LEADING') lines.push('Proposal sizes last/min/max: -1/-1/-1');
      return lines.join('\n') + '\n';
    }
    default:
      return NOT_SERVING;
  }
}
