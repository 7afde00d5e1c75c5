/**
 * The interface between the deterministic world (src/sim) and whatever runs the servers' code:
 * an in-process host (Node tests, fast-forward) or one Web Worker per server (the browser).
 * Hosts never decide ordering: the simulation hands them a batch of inputs, each for a distinct
 * server, and absorbs the outputs in batch order (DESIGN.md §1).
 */
import type { PeerInit, PeerInput, PeerOutput, PeerView, QuorumPeer } from '../protocol/QuorumPeer.ts';
import type { Sid } from '../protocol/types.ts';

export interface StepRequest {
  sid: Sid;
  input: PeerInput;
  now: number;
}

export interface StepResult {
  sid: Sid;
  outputs: PeerOutput[];
  view: PeerView | null;
  /** Set when the server's code threw: the simulation marks the server crashed. */
  error?: string;
}

export interface PeerHost {
  readonly kind: 'in-process' | 'worker';
  /** Creates the server process (a new worker, or an in-memory peer). */
  boot(sid: Sid, init: PeerInit): void;
  /** Runs one input on each server of the batch (distinct sids). */
  step(batch: StepRequest[]): StepResult[] | Promise<StepResult[]>;
  /**
   * A four-letter word asked of the server at simulated time `now`: its answer, read from the
   * server's live state without changing it (a server with no process answers that the
   * connection was refused). Not an event of the run: it leaves the trace alone.
   */
  query(sid: Sid, word: string, now: number): string | Promise<string>;
  /** Ends the server process at once (terminates its worker). */
  kill(sid: Sid): void;
  /** Ends every process. */
  dispose(): void;
  /**
   * A copy of a server's whole state (for inspectors and the znode tree view). Reading it never
   * changes the run. null when the server is down.
   */
  snapshot(sid: Sid): QuorumPeer | null | Promise<QuorumPeer | null>;
  /**
   * Makes server `sid`'s process hold exactly `peer` (a state from `snapshot`), starting the
   * process if it has none: a rewind puts every running server back as it was. The host keeps
   * its own copy; `peer` stays the caller's.
   */
  restore(sid: Sid, peer: QuorumPeer): void;
}
