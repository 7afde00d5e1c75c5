/** Messages between the page and a process's Web Worker. */
import type { NodeInit } from '../sim/module.ts';
import type { NodeId } from '../sim/node.ts';
import type { StepRequest, StepResult } from '../sim/host.ts';

export type ToWorker =
  | { type: 'boot'; protocol: string; init: NodeInit<unknown, unknown> }
  /** Replaces the process's whole state (a rewind). */
  | { type: 'restore'; protocol: string; node: unknown }
  | { type: 'step'; id: number; req: StepRequest }
  /**
   * A plan: the process's next inputs, in order (src/worker/stepPlan.ts). The worker runs them
   * all (stopping after one that throws) and answers with every result; the page takes them one
   * by one as the simulation reaches each input, and if it comes to another input first…
   */
  | { type: 'steps'; id: number; reqs: StepRequest[] }
  /** …puts the process back as it was after the plan's first `keep` inputs. */
  | { type: 'rewind'; keep: number }
  | { type: 'snapshot'; id: number }
  /**
   * The state to read (PeerHost.peek): with `delta`, only what changed since the last peek (the
   * page holds what that one sent); without, all of it. Either way the worker keeps a copy of
   * what it sent, for the next.
   */
  | { type: 'peek'; id: number; delta: boolean }
  | { type: 'query'; id: number; sid: NodeId; word: string; now: number };

export type FromWorker =
  | { type: 'step'; id: number; result: StepResult }
  | { type: 'steps'; id: number; results: StepResult[] }
  | { type: 'snapshot'; id: number; node: unknown }
  | { type: 'peek'; id: number; node: unknown; delta?: undefined }
  | { type: 'peek'; id: number; delta: unknown; node?: undefined }
  | { type: 'query'; id: number; text: string };
