/**
 * Runs every server's protocol code in this thread. Used by Node tests, the scenario runner and
 * fast-forward; produces exactly the outputs the worker host produces.
 */
import { createPeer, peerView, stepPeer, type PeerInit, type QuorumPeer } from '../protocol/QuorumPeer.ts';
import { fourLetterInputOf } from '../protocol/server/fourLetterInput.ts';
import { connectionRefused, fourLetterWord } from '../cli/fourLetterWords.ts';
import type { Sid } from '../protocol/types.ts';
import type { PeerHost, StepRequest, StepResult } from '../sim/host.ts';
import { deepClone } from '../sim/clone.ts';
import { shareDisk } from '../sim/simulation.ts';
import { isJavaThrowable } from '../protocol/javaThrowable.ts';

export class InProcessHost implements PeerHost {
  readonly kind = 'in-process' as const;
  private readonly peers = new Map<Sid, QuorumPeer>();

  boot(sid: Sid, init: PeerInit): void {
    this.peers.set(sid, createPeer(init));
  }

  step(batch: StepRequest[]): StepResult[] {
    return batch.map((req) => runStep(this.peers.get(req.sid), req));
  }

  query(sid: Sid, word: string, now: number): string {
    return answerFourLetterWord(this.peers.get(sid), sid, word, now);
  }

  kill(sid: Sid): void {
    this.peers.delete(sid);
  }

  dispose(): void {
    this.peers.clear();
  }

  snapshot(sid: Sid): QuorumPeer | null {
    const p = this.peers.get(sid);
    return p ? structuredClone(p) : null;
  }

  restore(sid: Sid, peer: QuorumPeer): void {
    this.peers.set(sid, copyPeer(peer));
  }

  /** The live state of a server (for inspectors and tests). */
  peer(sid: Sid): QuorumPeer | undefined {
    return this.peers.get(sid);
  }
}

/**
 * A copy of a server's whole state for checkpoints and rewinds: a deep copy, except the disk's
 * logged txns and snapshot, which are never changed once written and are shared.
 */
export function copyPeer(peer: QuorumPeer): QuorumPeer {
  const db = peer.zab.db;
  const copy = deepClone({ ...peer, disk: null, zab: { ...peer.zab, db: db && { ...db, committedLog: [] as typeof db.committedLog } } });
  // The committed-log window holds the same never-changed txns as the log.
  if (db && copy.zab.db) copy.zab.db.committedLog = db.committedLog.slice();
  return { ...copy, disk: shareDisk(peer.disk) };
}

/** A four-letter word's reply from a server's live state (shared with the worker); it only reads `peer`. */
export function answerFourLetterWord(peer: QuorumPeer | undefined, sid: Sid, word: string, now: number): string {
  if (!peer) return connectionRefused(sid);
  return fourLetterWord(word, fourLetterInputOf(peer, now));
}

/** One step, with a thrown error turned into a crashed-server result (shared with the worker). */
export function runStep(peer: QuorumPeer | undefined, req: StepRequest): StepResult {
  if (!peer) return { sid: req.sid, outputs: [], view: null, error: 'no such process' };
  try {
    const outputs = stepPeer(peer, req.input, req.now);
    return { sid: req.sid, outputs, view: peerView(peer) };
  } catch (e) {
    // a Java exception reads as the real server logs it: `java.lang.X: message`
    return { sid: req.sid, outputs: [], view: null, error: isJavaThrowable(e) ? e.toString() : e instanceof Error ? e.message : String(e) };
  }
}
