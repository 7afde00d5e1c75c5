/**
 * The protocol modules a host can run, by `NodeModule.id` (src/sim/module.ts). The same table
 * serves the in-process host and every Web Worker, so a process runs the same code in both.
 */
import type { NodeModule } from '../sim/module.ts';
import { zookeeperModule } from '../protocol/zookeeper.ts';
import { paxosModule } from '../protocol/paxos/module.ts';
import { multiPaxosModule } from '../protocol/multipaxos/module.ts';
import { threePcModule, twoPcModule } from '../protocol/commit/module.ts';
import type { QuorumPeer } from '../protocol/QuorumPeer.ts';
import { fourLetterInputOf } from '../protocol/server/fourLetterInput.ts';
import { connectionRefused, fourLetterWord } from '../cli/fourLetterWords.ts';

/** A four-letter word's reply from a server's live state; it only reads `peer`. */
export function answerFourLetterWord(peer: QuorumPeer | undefined, sid: number, word: string, now: number): string {
  if (!peer) return connectionRefused(sid);
  return fourLetterWord(word, fourLetterInputOf(peer, now));
}

const MODULES: Record<string, NodeModule> = {
  zookeeper: { ...(zookeeperModule as NodeModule), query: (node, sid, word, now) => answerFourLetterWord(node as QuorumPeer | undefined, sid, word, now) },
  paxos: paxosModule as NodeModule,
  multipaxos: multiPaxosModule as NodeModule,
  '2pc': twoPcModule as NodeModule,
  '3pc': threePcModule as NodeModule,
};

export function hostModule(id: string): NodeModule {
  const m = MODULES[id];
  if (!m) throw new RangeError(`no protocol module ${id}`);
  return m;
}

/** What a process that is not running answers a query. */
export function queryRefused(sid: number, word: string, now: number, protocol: string | undefined): string {
  const q = protocol === undefined ? undefined : MODULES[protocol]?.query;
  return q ? q(undefined, sid, word, now) : connectionRefused(sid);
}
