/// <reference lib="webworker" />
/**
 * One ZooKeeper server in its own Web Worker. It holds the server's state and runs its protocol
 * code; it never decides ordering or time (the page's simulation does). A thrown error is
 * reported as a crash of this server; the page lives on.
 */
import { createPeer, type QuorumPeer } from '../protocol/QuorumPeer.ts';
import { answerFourLetterWord, runStep } from './inProcessHost.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

let peer: QuorumPeer | undefined;

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  switch (m.type) {
    case 'boot':
      peer = createPeer(m.init);
      return;
    case 'restore':
      peer = m.peer;
      return;
    case 'step': {
      const result = runStep(peer, m.req);
      if (result.error !== undefined) peer = undefined;
      self.postMessage({ type: 'step', id: m.id, result } satisfies FromWorker);
      return;
    }
    case 'snapshot':
      self.postMessage({ type: 'snapshot', id: m.id, peer: peer ?? null } satisfies FromWorker);
      return;
    case 'query':
      self.postMessage({ type: 'query', id: m.id, text: answerFourLetterWord(peer, m.sid, m.word, m.now) } satisfies FromWorker);
      return;
  }
};
