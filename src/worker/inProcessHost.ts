/**
 * Runs every process's protocol code in this thread. Used by Node tests, the scenario runner and
 * fast-forward; produces exactly the outputs the worker host produces.
 */
import type { NodeModule, NodeInit } from '../sim/module.ts';
import type { NodeId } from '../sim/node.ts';
import type { PeerHost, StepRequest, StepResult } from '../sim/host.ts';
import { isJavaThrowable } from '../protocol/javaThrowable.ts';
import { hostModule, queryRefused } from './modules.ts';

/** A running process: its protocol module and its state. */
export interface Process {
  module: NodeModule;
  node: unknown;
}

export class InProcessHost implements PeerHost {
  readonly kind = 'in-process' as const;
  private readonly procs = new Map<NodeId, Process>();
  private protocol: string | undefined;

  boot(sid: NodeId, protocol: string, init: NodeInit<unknown, unknown>): void {
    const module = hostModule(protocol);
    this.protocol = protocol;
    this.procs.set(sid, { module, node: module.createNode(init) });
  }

  step(batch: StepRequest[]): StepResult[] {
    return batch.map((req) => runStep(this.procs.get(req.sid), req));
  }

  query(sid: NodeId, word: string, now: number): string {
    const p = this.procs.get(sid);
    if (!p) return queryRefused(sid, word, now, this.protocol);
    return p.module.query ? p.module.query(p.node, sid, word, now) : '';
  }

  kill(sid: NodeId): void {
    this.procs.delete(sid);
  }

  dispose(): void {
    this.procs.clear();
  }

  snapshot(sid: NodeId): unknown {
    const p = this.procs.get(sid);
    return p ? structuredClone(p.node) : null;
  }

  restore(sid: NodeId, protocol: string, node: unknown): void {
    const module = hostModule(protocol);
    this.protocol = protocol;
    this.procs.set(sid, { module, node: module.copyNode(node) });
  }

  /** Like `restore`, for a state nobody else holds (a worker's snapshot): taken as it is, not copied. */
  adopt(sid: NodeId, protocol: string, node: unknown): void {
    this.protocol = protocol;
    this.procs.set(sid, { module: hostModule(protocol), node });
  }

  /** A running process: its module and live state (tests wrap steps with it). */
  process(sid: NodeId): Process | undefined {
    return this.procs.get(sid);
  }

  /** The live state of a process (for inspectors, checkers and tests). */
  peer<N = unknown>(sid: NodeId): N | undefined {
    return this.procs.get(sid)?.node as N | undefined;
  }
}

/** One step, with a thrown error turned into a crashed-process result (shared with the worker). */
export function runStep(p: Process | undefined, req: StepRequest): StepResult {
  if (!p) return { sid: req.sid, outputs: [], view: null, error: 'no such process' };
  try {
    const outputs = p.module.stepNode(p.node, req.input, req.now);
    return { sid: req.sid, outputs, view: p.module.viewNode(p.node) };
  } catch (e) {
    // a Java exception reads as the real server logs it: `java.lang.X: message`
    return { sid: req.sid, outputs: [], view: null, error: isJavaThrowable(e) ? e.toString() : e instanceof Error ? e.message : String(e) };
  }
}
