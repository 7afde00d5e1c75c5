/// <reference lib="webworker" />
/**
 * One process in its own Web Worker (a ZooKeeper server, a Paxos acceptor …). It holds the
 * process's state and runs its protocol module's code; it never decides ordering or time (the
 * page's simulation does). A thrown error is reported as a crash of this process; the page lives on.
 */
import { runStep, type Process } from './inProcessHost.ts';
import { hostModule, queryRefused } from './modules.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import type { StepRequest, StepResult } from '../sim/host.ts';

declare const self: DedicatedWorkerGlobalScope;

let proc: Process | undefined;
let protocol: string | undefined;
/** The last plan ('steps'): the process as it was before it, and its inputs (for 'rewind'). */
let plan: { before: Process | undefined; reqs: StepRequest[] } | null = null;
/** A copy of the state the last peek sent (the page holds it): the next sends what changed since. */
let peeked: unknown;

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  // The page moved on from the last plan (it has taken every result it needed).
  if (m.type !== 'rewind' && m.type !== 'snapshot' && m.type !== 'peek' && m.type !== 'query') plan = null;
  switch (m.type) {
    case 'boot': {
      const module = hostModule(m.protocol);
      protocol = m.protocol;
      proc = { module, node: module.createNode(m.init) };
      peeked = undefined;
      return;
    }
    case 'restore':
      protocol = m.protocol;
      proc = { module: hostModule(m.protocol), node: m.node };
      peeked = undefined;
      return;
    case 'step': {
      const result = runStep(proc, m.req);
      if (result.error !== undefined) proc = undefined;
      self.postMessage({ type: 'step', id: m.id, result } satisfies FromWorker);
      return;
    }
    case 'steps': {
      plan = { before: proc && { module: proc.module, node: proc.module.copyNode(proc.node) }, reqs: m.reqs };
      const results: StepResult[] = [];
      for (const req of m.reqs) {
        const result = runStep(proc, req);
        results.push(result);
        if (result.error !== undefined) {
          proc = undefined;
          break;
        }
      }
      self.postMessage({ type: 'steps', id: m.id, results } satisfies FromWorker);
      return;
    }
    case 'rewind': {
      if (!plan) return;
      const { before, reqs } = plan;
      plan = null;
      proc = before;
      for (let i = 0; i < m.keep && proc; i++) if (runStep(proc, reqs[i]!).error !== undefined) proc = undefined;
      return;
    }
    case 'snapshot':
      self.postMessage({ type: 'snapshot', id: m.id, node: proc?.node ?? null } satisfies FromWorker);
      return;
    case 'peek': {
      const base = peeked;
      peeked = undefined;
      if (!proc) {
        self.postMessage({ type: 'peek', id: m.id, node: null } satisfies FromWorker);
        return;
      }
      const { module, node } = proc;
      if (m.delta && base !== undefined && module.diffNode) self.postMessage({ type: 'peek', id: m.id, delta: module.diffNode(base, node) } satisfies FromWorker);
      else self.postMessage({ type: 'peek', id: m.id, node } satisfies FromWorker);
      if (module.diffNode) peeked = module.copyNode(node);
      return;
    }
    case 'query': {
      const text = proc ? (proc.module.query?.(proc.node, m.sid, m.word, m.now) ?? '') : queryRefused(m.sid, m.word, m.now, protocol);
      self.postMessage({ type: 'query', id: m.id, text } satisfies FromWorker);
      return;
    }
  }
};
