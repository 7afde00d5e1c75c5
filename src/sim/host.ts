/**
 * The interface between the deterministic world (src/sim) and whatever runs the processes' code:
 * an in-process host (Node tests, fast-forward) or one Web Worker per process (the browser).
 * Hosts never decide ordering: the simulation hands them a batch of inputs, each for a distinct
 * process, and absorbs the outputs in batch order (docs/architecture.md). A host runs any protocol: the
 * simulation names the module (`NodeModule.id`) when it boots a process.
 */
import type { NodeInit } from './module.ts';
import type { NodeId, NodeInput, NodeOutput } from './node.ts';

export interface StepRequest {
  sid: NodeId;
  input: NodeInput<unknown, unknown>;
  now: number;
}

export interface StepResult {
  sid: NodeId;
  outputs: Array<NodeOutput<unknown, unknown, unknown, unknown>>;
  view: unknown;
  /** Set when the process's code threw: the simulation marks it crashed. */
  error?: string;
}

export interface PeerHost {
  readonly kind: 'in-process' | 'worker';
  /** Creates the process (a new worker, or an in-memory state) running protocol module `protocol`. */
  boot(sid: NodeId, protocol: string, init: NodeInit<unknown, unknown>): void;
  /** Runs one input on each process of the batch (distinct sids). */
  step(batch: StepRequest[]): StepResult[] | Promise<StepResult[]>;
  /**
   * A question asked of the process at simulated time `now` (ZooKeeper's four-letter words): its
   * answer, read from its live state without changing it. Not an event of the run: it leaves the
   * trace alone.
   */
  query(sid: NodeId, word: string, now: number): string | Promise<string>;
  /** Ends the process at once (terminates its worker). */
  kill(sid: NodeId): void;
  /** Ends every process. */
  dispose(): void;
  /** A copy of a process's whole state (for inspectors and views). Never changes the run. null when down. */
  snapshot(sid: NodeId): unknown | Promise<unknown>;
  /**
   * A process's whole state to read and never change (views and checkers in the page, several times
   * a second): it may share parts with states this returned before, so a worker need not copy out
   * what did not change (NodeModule.diffNode). Without it, `snapshot` serves.
   */
  peek?(sid: NodeId): unknown | Promise<unknown>;
  /**
   * Makes process `sid` hold exactly `node` (a state from `snapshot`), starting it if it has none:
   * a rewind puts every running process back as it was. The host keeps its own copy.
   */
  restore(sid: NodeId, protocol: string, node: unknown): void;
}
